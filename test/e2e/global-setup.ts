import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { CHROMIUM_PATH } from './support/browser'

const root = resolve(import.meta.dirname, '../..')

// End-to-end tests need the real parts: fail loudly (never skip) when one is missing.
export default function setup(): void {
  const missing = [CHROMIUM_PATH, '/usr/sbin/kamailio'].filter((p) => !existsSync(p))
  if (missing.length > 0) {
    throw new Error(
      `End-to-end tests need ${missing.join(', ')}. Run: sudo bash scripts/install-system-deps.sh`,
    )
  }
  if (!existsSync(resolve(root, 'out/renderer/index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  }
}
