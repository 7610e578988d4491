// `npm run sip-server [-- --udp 5060 --ws 5066 --wss 7443 --verbose]`: the project's Kamailio on
// fixed, documented ports for the demo and for trying the app by hand. Ctrl-C stops it cleanly.
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { startSipServer, type SipServer, type SipServerPorts } from './server'

/** Defaults need no root: 5060 is the usual SIP port, 7443 the usual wss:// one for Kamailio. */
export const DEFAULT_PORTS: SipServerPorts = { udp: 5060, ws: 5066, wss: 7443 }

export interface RunSipServerOptions {
  ports?: Partial<SipServerPorts>
  /** Copy Kamailio's own log to stderr. */
  verbose?: boolean
  /** Where the banner goes (default: console.log); pass () => {} for none. */
  print?: (text: string) => void
}

/** The URLs and accounts, as shown to a person. */
export function describeServer(server: SipServer): string {
  const width = Math.max(...server.users.map((u) => u.aor.length))
  const users = server.users.map(
    (u) => `    ${u.aor.padEnd(width)}  password ${u.password.padEnd(14)}  (${u.displayName})`,
  )
  return [
    'Switchboard SIP server (Kamailio) is running on 127.0.0.1',
    `  WebSocket          ${server.wsUrl}`,
    `  Secure WebSocket   ${server.wssUrl}   (self-signed certificate)`,
    `  UDP                ${server.udpUri}`,
    `  Domain             ${server.domain}   (localhost is accepted as an alias)`,
    '  Users:',
    ...users,
  ].join('\n')
}

/** Starts the server on the default ports (overridable) and prints how to reach it. */
export async function runSipServer(options: RunSipServerOptions = {}): Promise<SipServer> {
  const server = await startSipServer({
    ports: { ...DEFAULT_PORTS, ...options.ports },
    log: options.verbose ? 'inherit' : 'quiet',
  })
  ;(options.print ?? console.log)(describeServer(server))
  return server
}

function parsePort(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`--${name} must be a port number (1-65535), got ${JSON.stringify(value)}`)
  }
  return port
}

export interface CliArgs {
  ports: Partial<SipServerPorts>
  verbose: boolean
  help: boolean
}

export function parseCliArgs(argv: string[]): CliArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      udp: { type: 'string' },
      ws: { type: 'string' },
      wss: { type: 'string' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  const ports: Partial<SipServerPorts> = {}
  for (const name of ['udp', 'ws', 'wss'] as const) {
    const port = parsePort(name, values[name])
    if (port !== undefined) ports[name] = port
  }
  return { ports, verbose: values.verbose === true, help: values.help === true }
}

const USAGE = `Usage: npm run sip-server -- [--udp ${DEFAULT_PORTS.udp}] [--ws ${DEFAULT_PORTS.ws}] [--wss ${DEFAULT_PORTS.wss}] [--verbose]
Starts Kamailio on 127.0.0.1 with the demo users; Ctrl-C stops it.`

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2))
  if (args.help) {
    console.log(USAGE)
    return
  }
  const server = await runSipServer({ ports: args.ports, verbose: args.verbose })
  console.log('\nPress Ctrl-C to stop.')
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping the SIP server…`)
    server.dispose().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
