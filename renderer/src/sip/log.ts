// Logging for the engine and for SIP.js underneath it. Everything passes through `redact`, so
// Authorization headers, digest responses and the password never reach a log.

import type { LogConnector } from 'sip.js'

export interface EngineLogger {
  debug(message: string): void
  warn(message: string): void
  error(message: string): void
}

export const consoleLogger: EngineLogger = {
  debug: (message) => console.debug(`[sip] ${message}`),
  warn: (message) => console.warn(`[sip] ${message}`),
  error: (message) => console.error(`[sip] ${message}`),
}

export const silentLogger: EngineLogger = { debug: () => {}, warn: () => {}, error: () => {} }

const REDACTED = '[redacted]'
const AUTH_HEADER = /^((?:proxy-)?authorization)[ \t]*:.*$/gim
const DIGEST_RESPONSE = /\b(response|cnonce)\s*=\s*("[^"]*"|[^,\s]+)/gi

/** Removes credentials from a log line: auth header values, digest responses, the given secrets. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text
    .replace(AUTH_HEADER, `$1: ${REDACTED}`)
    .replace(DIGEST_RESPONSE, `$1="${REDACTED}"`)
  for (const secret of secrets) {
    if (secret !== '') result = result.split(secret).join(REDACTED)
  }
  return result
}

function describe(content: unknown): string {
  if (typeof content === 'string') return content
  if (content instanceof Error) return content.message
  try {
    return JSON.stringify(content) ?? String(content)
  } catch {
    return String(content)
  }
}

/** SIP.js's categories that log errors only when the transport failed under them. */
function isTransportTrouble(category: string, line: string): boolean {
  return (
    category === 'sip.Transport' ||
    category === 'sip.user-agent-client' ||
    // An answer (the 603 that ends a call ringing here when the socket drops) it could not send.
    category === 'sip.user-agent-server' ||
    category.startsWith('sip.transaction.') ||
    (category === 'sip.UserAgent' && /transport error has occurred while handling/.test(line))
  )
}

/**
 * Both ends offered at once (an ICE-restart re-INVITE crossing the other side's): SIP.js logs the
 * failed description as an error, the call's recovery tries again.
 */
function isOfferGlare(category: string, line: string): boolean {
  return category === 'sip.SessionDescriptionHandler' && /have-(?:remote|local)-offer/.test(line)
}

/**
 * SIP.js's `logLevel` only gates its own console printer: the connector receives every level,
 * including full message traces. Filter here, then redact.
 */
export function createLogConnector(
  logger: EngineLogger,
  secrets: () => readonly string[],
  verbose = false,
): LogConnector {
  return (level, category, _label, content) => {
    if (!verbose && (level === 'log' || level === 'debug')) return
    const line = `${category}: ${redact(describe(content), secrets())}`
    // A socket that fails or drops is an expected condition the engine handles (and the UI
    // shows), not a program error; so is a request that could not go out on it (SIP.js makes a
    // 503 of it, which the request's owner handles: a call in recovery, a BYE while offline).
    if (level === 'error' && (isTransportTrouble(category, line) || isOfferGlare(category, line))) {
      logger.warn(line)
    } else if (level === 'error') logger.error(line)
    else if (level === 'warn') logger.warn(line)
    else logger.debug(line)
  }
}
