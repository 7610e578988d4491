// `npx tsx test/screenshot.ts`: the README's screenshot, of a real signed-in state (alice
// registered to the project's Kamailio). Needs a build.
import { resolve } from 'node:path'
import { startSipServer } from '../scripts/sip-server/server'
import { serveStatic } from '../scripts/serve-static'
import { launchBrowser } from './e2e/support/browser'
import { signIn } from './e2e/support/app'

const out = resolve(import.meta.dirname, '../docs/screenshot.png')
const server = await startSipServer()
const web = await serveStatic()
const browser = await launchBrowser()
try {
  const context = await browser.newContext({
    viewport: { width: 1100, height: 640 },
    colorScheme: 'light',
    permissions: ['microphone', 'camera'],
  })
  const page = await context.newPage()
  await page.goto(web.url)
  const alice = server.users[0]!
  await signIn(page, {
    aor: alice.aor,
    server: server.wsUrl,
    password: alice.password,
    displayName: alice.displayName,
  })
  await page
    .getByRole('status')
    .filter({ hasText: /^Registered$/ })
    .waitFor({ timeout: 10_000 })
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.waitForTimeout(300)
  await page.screenshot({ path: out })
  console.log(`wrote ${out}`)
} finally {
  await browser.close()
  await web.close()
  await server.dispose()
}
