// The calls module's vocabulary: plain, serializable snapshots (safe for Pinia) and events.
import type { CallEnd } from './call-end'
import type { DeviceNotice } from './input-switcher'

export type CallDirection = 'outgoing' | 'incoming'

/**
 * calling: INVITE sent, no ringing yet. ringing: the callee's phone rings (180/183).
 * incoming: ringing here. connecting: answered, media starting. connected. ended.
 */
export type CallPhase = 'calling' | 'ringing' | 'incoming' | 'connecting' | 'connected' | 'ended'

export interface CallPeer {
  uri: string
  /** The display name the other side sent, or '' */
  name: string
}

export interface CallSnapshot {
  id: string
  direction: CallDirection
  peer: CallPeer
  /** Video was asked for (outgoing) or offered (incoming). */
  video: boolean
  phase: CallPhase
  /** We put the call on hold. */
  held: boolean
  /** The other side put the call on hold. */
  remoteHeld: boolean
  muted: boolean
  cameraOff: boolean
  /** A screen or window is sent as the call's video (Call.shareScreen). */
  sharing: boolean
  /** The far end sent media before answering (183 with SDP): no ringback tone is played. */
  earlyMedia: boolean
  /** Answered, and the network broke under it: an ICE restart is under way (call-recovery.ts). */
  reconnecting: boolean
  /** Tones the other side sent as SIP INFO, in order. */
  receivedTones: string
  startedAt: number
  connectedAt: number | null
  endedAt: number | null
  end: CallEnd | null
  /** A transfer of this call in progress or failed, for the user to see each step. */
  transfer: TransferProgress | null
}

export type TransferProgress =
  | { kind: 'trying'; target: string }
  | { kind: 'accepted'; target: string }
  | { kind: 'failed'; target: string; statusCode?: number }

export type DtmfMethod = 'rfc4733' | 'info'

/**
 * The other side of a call asks us (REFER) to call someone: nothing is dialled until the user
 * (or the "follow transfers from my domain" setting) says so. See CallManager.followTransfer.
 */
export interface TransferRequest {
  id: string
  /** The call the REFER arrived in. */
  callId: string
  /** Who asks: the peer of that call. */
  from: CallPeer
  /** The Refer-To URI without its headers (Replaces, …), as received. */
  target: string
  /** The asker is a user of our own domain (the server authenticated the call's INVITE). */
  fromOwnDomain: boolean
}

export interface CallEvents {
  /** A call appeared or changed; the snapshot is a fresh copy each time. */
  call: CallSnapshot
  /** A tone arrived as SIP INFO. */
  dtmf: { callId: string; tone: string }
  /** A microphone or camera was lost mid-call, or missing at its start: the default is used. */
  device: DeviceNotice
  /** A REFER asks us to call someone; answer with followTransfer or declineTransfer. */
  transferRequest: TransferRequest
}
