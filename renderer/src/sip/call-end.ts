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
  | 'media-denied' // microphone or camera refused or absent
  | 'replaced' // taken over by a transfer
  | 'transferred' // we transferred it away
  | 'server-error' // 5xx
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
  }
  if (statusCode >= 500 && statusCode < 600) return end('server-error')
  return end('failed')
}

/** getUserMedia's refusals: the user or the OS said no, or there is no such device. */
export function isMediaAccessError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name
  return (
    name === 'NotAllowedError' ||
    name === 'NotFoundError' ||
    name === 'NotReadableError' ||
    name === 'OverconstrainedError' ||
    name === 'SecurityError'
  )
}
