// What the renderer tells the desktop shell (tray, badge, notifications) and what the shell
// hands back (a tray or notification action). Types only, no zod: the preload bundle imports the
// push types and must need nothing but `electron`. The schemas main parses with are in state.ts.

/** "My status" as the user chose it (DESIGN: Available, Away, Busy, Do not disturb, Appear offline). */
export type MyStatus = 'available' | 'away' | 'busy' | 'dnd' | 'invisible'
export const MY_STATUSES: readonly MyStatus[] = ['available', 'away', 'busy', 'dnd', 'invisible']

/** The SIP registration, as the status line says it. */
export type Connection = 'registered' | 'connecting' | 'offline' | 'failed'

export interface Peer {
  /** Display name, or empty when the caller sent none. */
  name: string
  /** SIP address or number. */
  address: string
}

export interface ShellCall {
  id: string
  state: 'calling' | 'ringing' | 'connected' | 'held'
  peer: Peer
}

/** One signed-in account's registration, for the tray (several accounts). */
export interface ShellAccount {
  name: string
  connection: Connection
}

/** Everything the tray and badge show; the renderer sends it whole whenever it changes. */
export interface ShellState {
  status: MyStatus
  /** The default account's registration. */
  connection: Connection
  /** Every enabled account's registration, in the user's order (the tray lists them). */
  accounts: ShellAccount[]
  /** An incoming call that is ringing now, waiting for Answer or Decline. */
  ringing: (Peer & { callId: string }) | null
  /** The call in progress (outgoing or answered). */
  call: ShellCall | null
  unreadMessages: number
  missedCalls: number
  /** New voicemail messages over every account's box; absent when none. */
  voicemail?: number
  /** Busy lamps, worded by the renderer in the language shown (their words load with them). */
  lamps?: ShellLamps
  /** Most recent first; the tray offers them to redial. */
  recent: Peer[]
  /** The conversation open on screen, if any; it gets no message notifications while focused. */
  openThread: string | null
}

/** Something worth a native notification, as it happens. */
export type AttentionEvent =
  | { kind: 'incoming-call'; callId: string; from: Peer }
  | { kind: 'missed-call'; callId: string; from: Peer }
  | { kind: 'message'; threadId: string; from: Peer; text: string }

/** A tray menu or notification choice that the renderer carries out. */
/** The busy lamps the tray lists: each colleague's state, and Pick up while theirs rings. */
export interface ShellLamps {
  /** The submenu's title ("Lamps"). */
  title: string
  items: { label: string; address: string; pickUp: string | null }[]
}

export type ShellAction =
  | { kind: 'answer'; callId: string }
  | { kind: 'decline'; callId: string }
  | { kind: 'hangup'; callId: string }
  | { kind: 'redial'; address: string }
  /** Pick up the call ringing at this busy-lamp colleague. */
  | { kind: 'pickup'; address: string }
  | { kind: 'set-status'; status: MyStatus }
  /** A notification was clicked: show that call or that conversation. */
  | { kind: 'show-call'; callId: string }
  | { kind: 'open-thread'; threadId: string }

export function initialShellState(): ShellState {
  return {
    status: 'available',
    connection: 'offline',
    accounts: [],
    ringing: null,
    call: null,
    unreadMessages: 0,
    missedCalls: 0,
    recent: [],
    openThread: null,
  }
}

/** The dock/taskbar badge: everything that waits for the user. */
export function badgeCount(
  state: Pick<ShellState, 'unreadMessages' | 'missedCalls' | 'voicemail'>,
): number {
  return state.unreadMessages + state.missedCalls + (state.voicemail ?? 0)
}
