// What the desktop shell is told, decided: the stores' plain state in → one ShellState out (the
// tray, badge and notification policy read it). Pure, so it is tested without Pinia or SIP.js.
// Main validates the state strictly and drops it whole on a bad field, so every piece of
// network text (display names, addresses) is made to fit here first.
import { fit } from '@shared/shell/fit'
import type { StoredCall } from '@/db/call-schema'
import type { CallSnapshot } from '@/sip'
import type {
  Connection,
  MyStatus,
  Peer,
  ShellAccount,
  ShellCall,
  ShellLamps,
  ShellState,
} from '@shared/shell/types'

export const MAX_RECENT = 5

export interface ShellInputs {
  status: MyStatus
  connection: Connection
  /** Each enabled account's name and registration (several accounts). */
  accounts?: readonly ShellAccount[]
  /** Every call the calls store shows (live ones and the last ended one). */
  calls: readonly CallSnapshot[]
  /** The call in the call panel. */
  focused: CallSnapshot | null
  /** Call history, newest first. */
  history: readonly StoredCall[]
  missedCalls: number
  unreadMessages: number
  /** New voicemail messages (the voicemail store). */
  voicemail?: number
  /** The busy lamps as the tray words them (the lamps store). */
  lamps?: ShellLamps | null
  openThread: string | null
}

function peerOf(name: string, address: string): Peer | null {
  const fitted = fit(address, 256)
  return fitted ? { name: fit(name, 128), address: fitted } : null
}

function shellCall(call: CallSnapshot | null): ShellCall | null {
  if (!call || call.phase === 'ended' || call.phase === 'incoming') return null
  const peer = peerOf(call.peer.name, call.peer.uri)
  if (!peer) return null
  const state: ShellCall['state'] = call.held
    ? 'held'
    : call.phase === 'calling' || call.phase === 'ringing'
      ? call.phase
      : 'connected'
  return { id: fit(call.id, 256), state, peer }
}

/** Distinct people from the history, newest first, to redial from the tray. */
function recentPeers(history: readonly StoredCall[]): Peer[] {
  const seen = new Set<string>()
  const recent: Peer[] = []
  for (const entry of history) {
    if (recent.length >= MAX_RECENT) break
    const peer = peerOf(entry.peerName, entry.peer)
    if (!peer || seen.has(peer.address)) continue
    seen.add(peer.address)
    recent.push(peer)
  }
  return recent
}

/** Names and callers come from contacts and the network: made to fit what main accepts. */
function fitLamps(lamps: ShellLamps): ShellLamps {
  return {
    title: fit(lamps.title, 64) || 'Lamps',
    items: lamps.items.slice(0, 20).flatMap((lamp) => {
      const label = fit(lamp.label, 256)
      const address = fit(lamp.address, 256)
      const pickUp = lamp.pickUp === null ? null : fit(lamp.pickUp, 256) || null
      return label && address ? [{ label, address, pickUp }] : []
    }),
  }
}

export function toShellState(inputs: ShellInputs): ShellState {
  const ringingCall = inputs.calls.find((c) => c.phase === 'incoming')
  const ringingPeer = ringingCall ? peerOf(ringingCall.peer.name, ringingCall.peer.uri) : null
  const thread = inputs.openThread === null ? null : fit(inputs.openThread, 256)
  return {
    status: inputs.status,
    connection: inputs.connection,
    accounts: (inputs.accounts ?? []).slice(0, 16).flatMap((a) => {
      const name = fit(a.name, 128)
      return name ? [{ name, connection: a.connection }] : []
    }),
    ringing:
      ringingCall && ringingPeer ? { ...ringingPeer, callId: fit(ringingCall.id, 256) } : null,
    call: shellCall(inputs.focused),
    unreadMessages: Math.min(inputs.unreadMessages, 1_000_000),
    missedCalls: Math.min(inputs.missedCalls, 1_000_000),
    ...(inputs.voicemail ? { voicemail: Math.min(inputs.voicemail, 1_000_000) } : {}),
    ...(inputs.lamps && inputs.lamps.items.length > 0 ? { lamps: fitLamps(inputs.lamps) } : {}),
    recent: recentPeers(inputs.history),
    openThread: thread || null,
  }
}
