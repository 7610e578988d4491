// Which web pages may open a WebSocket to the project's Kamailio. A browser sends the page's
// origin in the handshake; without a check, any web site the user visits could connect to the
// server from their machine (and, e.g., probe it). Non-browser clients (SIP.js in Node, baresip)
// send no Origin and are let through: they are programs the user runs, and they still have to
// authenticate like anyone else.
//
// An entry is an exact origin (`app://switchboard`, `https://phone.example.com`) or one with a
// `:*` port wildcard (`http://127.0.0.1:*`), turned into one anchored POSIX regex for kamailio.cfg.

/** The desktop app's origin (electron/main/app-protocol.ts) and pages served from loopback. */
export const DEFAULT_APP_ORIGINS: readonly string[] = [
  'app://switchboard',
  // The e2e tests, the demo and benches serve the built renderer from a free port on loopback;
  // `electron-vite dev` serves it from http://localhost:5173.
  'http://127.0.0.1:*',
  'http://localhost:*',
]

// Host names and IPv4 only: an IPv6 literal's brackets would need escapes kamailio.cfg mangles.
const ORIGIN = /^([a-z][a-z0-9+.-]*):\/\/([A-Za-z0-9.-]+)(:(\d{1,5}|\*))?$/

/** A regex (POSIX ERE, no backslashes) that matches exactly the given origins. */
export function originPattern(origins: readonly string[]): string {
  if (origins.length === 0) throw new Error('allowedOrigins: name at least one origin')
  const alternatives = origins.map((origin) => {
    const match = ORIGIN.exec(origin)
    if (!match) throw new Error(`allowedOrigins: not an origin: ${JSON.stringify(origin)}`)
    const [, scheme = '', host = '', , port] = match
    // Bracket expressions instead of backslashes: kamailio.cfg strings treat `\` as an escape.
    const literal = (text: string): string => text.replace(/[.+]/g, (c) => `[${c}]`)
    const portPart = port === '*' ? '(:[0-9]+)?' : port ? `:${port}` : ''
    return `${literal(scheme)}://${literal(host.toLowerCase())}${portPart}`
  })
  return `^(${alternatives.join('|')})$`
}
