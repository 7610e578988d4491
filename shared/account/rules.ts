// The account rules, once for both sides: the sign-in form (renderer/src/sip/account.ts) shows
// their messages under each field; main's settings schema (shared/settings.ts) refuses a stored
// or IPC-sent account that breaks them. Pure.
import { hasControlChars } from '../text/sanitize'

export const accountMessages = {
  aorMissing: 'Enter your SIP address, like sip:alice@example.com',
  aorInvalid: 'Enter a SIP address like sip:alice@example.com',
  aorScheme: 'Only sip: addresses are supported, like sip:alice@example.com',
  serverMissing: 'Enter the WebSocket server, like wss://sip.example.com',
  serverInvalid: 'Enter a WebSocket URL like wss://sip.example.com',
  serverScheme: 'Use a wss:// address, like wss://sip.example.com',
  serverInsecure: 'Use wss:// — plain ws:// is only allowed for localhost',
  usernameInvalid: 'The username cannot contain spaces or control characters',
  passwordMissing: 'Enter your password',
  displayNameInvalid: 'The display name cannot contain quotes, backslashes or line breaks',
  iceServerInvalid: 'ICE servers must be stun:, stuns:, turn: or turns: URLs',
} as const

// RFC 3261 user part, minus ';' '?' '/' which would read as URI parameters or headers.
const USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})+$/
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`)
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/
const IPV6 = /^\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]$/
const PORT = /^\d{1,5}$/
const LOCALHOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
const ICE_URL = /^(?:stun|stuns|turn|turns):\S+$/i

export interface ParsedAor {
  aor: string
  user: string
}

function isHost(host: string): boolean {
  if (IPV6.test(host)) return true
  // All-digit labels must form a real IPv4 address, not "999.1.1.1".
  if (/^[\d.]+$/.test(host)) return IPV4.test(host)
  return HOSTNAME.test(host)
}

export function parseAor(text: string): ParsedAor | { error: string } {
  if (text === '') return { error: accountMessages.aorMissing }
  if (/\s/.test(text)) return { error: accountMessages.aorInvalid }
  let rest = text
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase()
    if (name === 'sips') return { error: accountMessages.aorScheme }
    if (name !== 'sip') return { error: accountMessages.aorInvalid }
    rest = text.slice(scheme[0].length)
  }
  const at = rest.indexOf('@')
  if (at <= 0 || at !== rest.lastIndexOf('@')) return { error: accountMessages.aorInvalid }
  const user = rest.slice(0, at)
  const hostport = rest.slice(at + 1)
  if (!USER.test(user)) return { error: accountMessages.aorInvalid }

  const match = /^(\[[^\]]*\]|[^:]+)(?::(.*))?$/.exec(hostport)
  const host = match?.[1]
  const port = match?.[2]
  if (!host || !isHost(host)) return { error: accountMessages.aorInvalid }
  if (port !== undefined && (!PORT.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    return { error: accountMessages.aorInvalid }
  }
  const portSuffix = port === undefined ? '' : `:${Number(port)}`
  return { aor: `sip:${user}@${host.toLowerCase()}${portSuffix}`, user }
}

export function checkServer(text: string): string | undefined {
  if (text === '') return accountMessages.serverMissing
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text)?.[1]?.toLowerCase()
  if (scheme === undefined) return accountMessages.serverInvalid
  if (scheme !== 'ws' && scheme !== 'wss') return accountMessages.serverScheme
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return accountMessages.serverInvalid
  }
  // A fragment makes the WebSocket constructor throw; credentials in the URL would leak.
  if (!url.hostname || url.hash || url.username || url.password || /\s/.test(text)) {
    return accountMessages.serverInvalid
  }
  if (scheme === 'ws' && !LOCALHOSTS.has(url.hostname.toLowerCase())) {
    return accountMessages.serverInsecure
  }
  return undefined
}

/** Authorization user: no white space or control characters (they would break the header). */
export function checkUsername(text: string): string | undefined {
  return /\s/.test(text) || hasControlChars(text) ? accountMessages.usernameInvalid : undefined
}

/** SIP.js puts the display name between quotes in From without escaping anything. */
export function checkDisplayName(text: string): string | undefined {
  return /["\\]/.test(text) || hasControlChars(text)
    ? accountMessages.displayNameInvalid
    : undefined
}

export function isIceUrl(text: string): boolean {
  return ICE_URL.test(text)
}
