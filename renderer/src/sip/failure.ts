// What a rejected REGISTER means for the user, and whether trying again can help.

import type { RegistrationState } from './types'

export type FailedRegistration = Extract<RegistrationState, { kind: 'failed' }>

export interface RegisterRejection {
  statusCode: number
  reasonPhrase: string
  /** True when SIP.js made the response up itself (408 on timer F, 503 on a transport error). */
  local: boolean
  /** Retry-After in seconds, when the server sent one. */
  retryAfterSeconds?: number
}

export interface FailureDecision {
  state: FailedRegistration
  /** False for failures that retrying cannot fix: the user has to change something. */
  retry: boolean
  /** The server asked us to wait at least this long. */
  retryAfterMs?: number
}

// Worth retrying: the server or something behind it may recover on its own.
function isTransient(code: number): boolean {
  return code >= 500 || code === 408 || code === 429 || code === 480
}

export function classifyRegisterRejection(rejection: RegisterRejection): FailureDecision {
  const { statusCode, reasonPhrase, local } = rejection
  const detail = `${statusCode} ${reasonPhrase}`.trim()
  if (local) {
    return statusCode === 408
      ? { state: { kind: 'failed', reason: 'timeout' }, retry: true }
      : { state: { kind: 'failed', reason: 'unreachable', detail }, retry: true }
  }
  // SIP.js answers one challenge with our credentials; a challenge after that means they are wrong.
  if (statusCode === 401 || statusCode === 403 || statusCode === 407) {
    return { state: { kind: 'failed', reason: 'wrong-credentials', statusCode }, retry: false }
  }
  if (statusCode === 404) {
    return { state: { kind: 'failed', reason: 'unknown-user', statusCode }, retry: false }
  }
  if (statusCode === 408) {
    return { state: { kind: 'failed', reason: 'timeout', statusCode, detail }, retry: true }
  }
  const state: FailedRegistration = { kind: 'failed', reason: 'server-error', statusCode, detail }
  if (!isTransient(statusCode)) return { state, retry: false }
  const seconds = rejection.retryAfterSeconds
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0
    ? { state, retry: true, retryAfterMs: seconds * 1000 }
    : { state, retry: true }
}
