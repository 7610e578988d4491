// One logger per module, each line prefixed with the module's name. Everything logged goes through
// `redact` first: SIP passwords, Authorization headers and other secrets never reach a log.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(message: string, ...details: unknown[]): void
  info(message: string, ...details: unknown[]): void
  warn(message: string, ...details: unknown[]): void
  error(message: string, ...details: unknown[]): void
  /** A logger for a part of this module: `[parent:child]`. */
  child(name: string): Logger
}

export type LogSink = Pick<Console, LogLevel>

const REDACTED = '[redacted]'
const SECRET_KEY =
  /password|passwd|passphrase|secret|credential|authorization|token|cookie|^pass$|^pwd$|^pw$|^ha1$|^cnonce$/i
const MAX_DEPTH = 6

// Header fields (SIP or HTTP) whose whole value is a secret, wherever they start: SIP.js and
// our own messages put a whole request on one line after a prefix ("send: REGISTER … Authorization:").
const AUTH_HEADER = /(?<![\w-])((?:proxy-)?authorization|cookie|set-cookie)[ \t]*:[^\r\n]*/gi
// key=value or "key": "value" pairs whose key names a secret (Digest params, query strings, JSON).
// Digest `response` and `cnonce` let anyone who saw them try passwords offline.
const SECRET_PAIR =
  /(["']?\b(?:password|passwd|passphrase|pass|pwd|pw|secret|credential|token|ha1|response|cnonce)\b["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}]+)/gi
// "password hunter2": a password after nothing but a space.
const SPACED_PASSWORD =
  /(\b(?:password|passwd|passphrase|pwd)[ \t]+)(?![:=[])("[^"]*"|'[^']*'|[^\s,;&}]+)/gi
// user:password@ in URLs.
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^/\s@]+@/gi

export function redactText(text: string): string {
  return text
    .replace(AUTH_HEADER, (_m, name: string) => `${name}: ${REDACTED}`)
    .replace(SECRET_PAIR, (_m, key: string) => `${key}${REDACTED}`)
    .replace(SPACED_PASSWORD, (_m, key: string) => `${key}${REDACTED}`)
    .replace(URL_USERINFO, (_m, prefix: string) => `${prefix}${REDACTED}@`)
}

/** A copy of `value` safe to log: secret-named keys blanked, strings scrubbed. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value)
  if (typeof value !== 'object' || value === null) return value
  if (seen.has(value)) return '[circular]'
  if (depth >= MAX_DEPTH) return '[…]'
  seen.add(value)
  if (value instanceof Error) {
    const out: Record<string, unknown> = {
      name: value.name,
      message: redactText(value.message),
    }
    if (value.stack) out.stack = redactText(value.stack)
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1, seen)
    return out
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1, seen)
  }
  return out
}

export function createLogger(prefix: string, sink: LogSink = console): Logger {
  const tag = `[${prefix}]`
  const write =
    (level: LogLevel) =>
    (message: string, ...details: unknown[]) => {
      sink[level](tag, redactText(message), ...details.map((d) => redact(d)))
    }
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (name) => createLogger(`${prefix}:${name}`, sink),
  }
}

/** A logger that drops everything (for tests and optional dependencies). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
}
