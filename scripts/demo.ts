// `npm run demo`: the local Kamailio with the demo users, then Switchboard against it — the
// desktop app where Electron can run, otherwise the built renderer served for a browser.
//   npm run demo -- [--ws 5066 --wss 7443 --udp 5060] [--web-port 5180] [--browser] [--skip-build]
import { spawn, spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { parseCliArgs, runSipServer } from './sip-server/cli'
import { serveStatic } from './serve-static'

const root = resolve(import.meta.dirname, '..')

const { values, tokens } = parseArgs({
  args: process.argv.slice(2),
  options: {
    'web-port': { type: 'string', default: '5180' },
    browser: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    udp: { type: 'string' },
    ws: { type: 'string' },
    wss: { type: 'string' },
  },
  strict: true,
  tokens: true,
})
const sipArgs = tokens.flatMap((t) =>
  t.kind === 'option' && ['udp', 'ws', 'wss'].includes(t.name)
    ? [`--${t.name}`, t.value ?? '']
    : [],
)
const { ports } = parseCliArgs(sipArgs)
const webPort = Number(values['web-port'])

function step(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** Electron fetches its binary on first use; where that cannot happen we use a browser. */
function electronAvailable(): boolean {
  if (values.browser) return false
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return false
  const probe = spawnSync(process.execPath, ['-e', "require('electron')"], {
    cwd: root,
    stdio: 'ignore',
    timeout: 180_000,
  })
  return probe.status === 0
}

step('bash', ['scripts/install-system-deps.sh'])
if (!values['skip-build']) step('npx', ['electron-vite', 'build'])
const server = await runSipServer({ ports })
const stoppers: (() => Promise<void>)[] = [() => server.dispose()]
let stopping = false
const stopAll = async (): Promise<void> => {
  if (stopping) return
  stopping = true
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined)
  process.exit(0)
}
process.on('SIGINT', () => void stopAll())
process.on('SIGTERM', () => void stopAll())

if (electronAvailable()) {
  console.log('\nStarting the desktop app… sign in with one of the users above.')
  const app = spawn('npx', ['electron-vite', 'preview', '--skipBuild'], {
    cwd: root,
    stdio: 'inherit',
  })
  app.on('exit', () => void stopAll())
} else {
  const web = await serveStatic(undefined, webPort)
  stoppers.push(() => web.close())
  console.log(`
Electron is not available here, so Switchboard runs in your browser:

    ${web.url}

Open it in two windows (or one normal and one private window) and sign in as alice in one and
bob in the other, with WebSocket server ${server.wsUrl} and the passwords above.
Press Ctrl-C to stop.`)
}
