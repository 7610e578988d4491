// Why a call ended, in the engine's words (the UI turns each into text). SIP status codes map
// to the few reasons a person can act on; anything else keeps its code.

export type CallEndReason =
  | 'hangup' // we hung up
  | 'remote-hangup' // the other side hung up
  | 'declined' // 603 (or we declined)
  | 'busy' // 486, 600
  | 'not-found' // 404, 604
  | 'unavailable' // 480
  | 'incompatible' // 488, 606, or an offer we cannot use
  | 'cancelled' // 487: the caller gave up before an answer
  | 'missed' // an incoming call the caller cancelled before we answered
  | 'timeout' // 408, or no answer in time
  | 'no-media' // ICE failed: no media path
  | 'connection-lost' // the network broke under an answered call and it could not be recovered
  | 'media-denied' // the user or the OS refused the microphone or camera
  | 'media-absent' // no such microphone or camera
  | 'media-busy' // the device exists but cannot be opened (in use elsewhere, failing)
  | 'replaced' // taken over by a transfer or a colleague's pickup
  | 'answered-elsewhere' // it rang here and someone else took it (CANCEL with Reason cause 200)
  | 'transferred' // we transferred it away
  | 'service-unavailable' // 503: overloaded or down for a while; worth trying again later
  | 'server-error' // other 5xx
  | 'failed' // anything else

export interface CallEnd {
  reason: CallEndReason
  statusCode?: number
  /** Extra words for the log or a tooltip (the reason phrase, an error message). */
  detail?: string
}

export function endFromStatus(statusCode: number, reasonPhrase = ''): CallEnd {
  const detail = reasonPhrase || undefined
  const end = (reason: CallEndReason): CallEnd => ({
    reason,
    statusCode,
    ...(detail ? { detail } : {}),
  })
  switch (statusCode) {
    case 603:
      return end('declined')
    case 486:
    case 600:
      return end('busy')
    case 404:
    case 604:
      return end('not-found')
    case 480:
      return end('unavailable')
    case 488:
    case 606:
      return end('incompatible')
    case 487:
      return end('cancelled')
    case 408:
      return end('timeout')
    case 503:
      return end('service-unavailable')
  }
  if (statusCode >= 500 && statusCode < 600) return end('server-error')
  return end('failed')
}

/**
 * getUserMedia's refusals, in the words a person can act on: allow access, plug a device in,
 * or close the app holding it. `null` for anything that is not a media-access error.
 */
export function mediaAccessReason(
  error: unknown,
): Extract<CallEndReason, 'media-denied' | 'media-absent' | 'media-busy'> | null {
  switch ((error as { name?: unknown } | null)?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'media-denied'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'media-absent'
    case 'NotReadableError':
    case 'AbortError':
      return 'media-busy'
    default:
      return null
  }
}
