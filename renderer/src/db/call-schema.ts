// Call history as stored in IndexedDB (schema version 2). Plain data only.
import type { CallEndReason, CallDirection, CallSnapshot } from '@/sip'

/** What became of a call, as the history lists it. */
export type CallOutcome = 'answered' | 'missed' | 'declined' | 'busy' | 'cancelled' | 'failed'

export interface StoredCall {
  id?: number
  /** The engine's call id: a call is stored once. */
  callId: string
  /** The account it came to or went out from (schema version 6). */
  accountId: string
  direction: CallDirection
  peer: string
  peerName: string
  video: boolean
  startedAt: number
  /** 0 when it was never answered. */
  durationMs: number
  outcome: CallOutcome
  reason: CallEndReason
  statusCode?: number
  detail?: string
  /** Missed calls count until the user has looked at the history. */
  seen: boolean
}

/** Dexie store definitions of version 2. Never edit once released: add a version instead. */
export const callSchemaV2 = {
  calls: '++id, &callId, startedAt',
}

export function outcomeOf(call: CallSnapshot): CallOutcome {
  // Answered, then lost to the network: the history says so, not just "Answered".
  if (call.end?.reason === 'connection-lost') return 'failed'
  if (call.connectedAt !== null) return 'answered'
  switch (call.end?.reason) {
    case 'missed':
      return 'missed'
    case 'declined':
      return 'declined'
    case 'busy':
      return 'busy'
    case 'cancelled':
    case 'hangup':
      return call.direction === 'incoming' ? 'missed' : 'cancelled'
    default:
      return 'failed'
  }
}

/** The history record of an ended call. */
export function toStoredCall(call: CallSnapshot, accountId: string): StoredCall {
  const outcome = outcomeOf(call)
  const end = call.end
  return {
    callId: call.id,
    accountId,
    direction: call.direction,
    peer: call.peer.uri,
    peerName: call.peer.name,
    video: call.video,
    startedAt: call.startedAt,
    durationMs:
      call.connectedAt !== null
        ? Math.max(0, (call.endedAt ?? call.connectedAt) - call.connectedAt)
        : 0,
    outcome,
    reason: end?.reason ?? 'failed',
    ...(end?.statusCode !== undefined ? { statusCode: end.statusCode } : {}),
    ...(end?.detail !== undefined ? { detail: end.detail } : {}),
    seen: outcome !== 'missed',
  }
}
