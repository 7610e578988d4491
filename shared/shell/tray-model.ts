// The tray, decided: shell state in → icon name, tooltip and menu model out. The Electron glue
// (electron/main/tray.ts) only turns this into a Tray and a Menu; every rule is here and tested.
import { badgeCount } from './types'
import type { MyStatus, Peer, ShellAccount, ShellAction, ShellState } from './types'

export type TrayIcon = 'available' | 'away' | 'busy' | 'offline' | 'ringing' | 'unread'
export const TRAY_ICONS: readonly TrayIcon[] = [
  'available',
  'away',
  'busy',
  'offline',
  'ringing',
  'unread',
]

/** What a menu item does: a shell action for the renderer, or one main handles itself. */
export type TrayCommand = ShellAction | { kind: 'show' } | { kind: 'quit' }

export type TrayMenuItem =
  | { type: 'separator' }
  /** Text only (an account's state): shown greyed, does nothing. */
  | { type: 'label'; label: string }
  | { type: 'normal'; label: string; command: TrayCommand; enabled?: boolean }
  | { type: 'radio'; label: string; command: TrayCommand; checked: boolean }
  | { type: 'submenu'; label: string; submenu: TrayMenuItem[]; enabled?: boolean }

export interface TrayModel {
  icon: TrayIcon
  tooltip: string
  menu: TrayMenuItem[]
}

export const STATUS_LABELS: Readonly<Record<MyStatus, string>> = {
  available: 'Available',
  away: 'Away',
  busy: 'Busy',
  dnd: 'Do not disturb',
  invisible: 'Appear offline',
}

const CALL_STATE_LABELS = {
  calling: 'Calling',
  ringing: 'Ringing',
  connected: 'Connected',
  held: 'On hold',
} as const

const CONNECTION_LABELS = {
  registered: 'Registered',
  connecting: 'Connecting',
  offline: 'Offline',
  failed: 'Registration failed',
} as const

/** Windows cuts tray tooltips at 127 characters; stay under it everywhere. */
export const MAX_TOOLTIP = 127
const MAX_RECENT = 5
const MAX_NAME = 40

export function peerLabel(peer: Peer): string {
  const text = peer.name.trim() || peer.address
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text
}

export function trayIcon(state: ShellState): TrayIcon {
  if (state.ringing) return 'ringing'
  if (badgeCount(state) > 0) return 'unread'
  if (state.connection !== 'registered' || state.status === 'invisible') return 'offline'
  if (state.status === 'busy' || state.status === 'dnd' || state.call) return 'busy'
  return state.status
}

function accountLine(account: ShellAccount): string {
  return `${peerLabel({ name: account.name, address: account.name })}: ${CONNECTION_LABELS[account.connection]}`
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

export function trayTooltip(state: ShellState): string {
  const lines = [
    state.connection === 'registered'
      ? `Switchboard — ${STATUS_LABELS[state.status]}`
      : `Switchboard — ${CONNECTION_LABELS[state.connection]}`,
  ]
  // Several accounts: each one's state on its own line.
  if (state.accounts.length > 1) {
    for (const account of state.accounts) {
      lines.push(accountLine(account))
    }
  }
  if (state.ringing) lines.push(`Incoming call: ${peerLabel(state.ringing)}`)
  if (state.call)
    lines.push(`${CALL_STATE_LABELS[state.call.state]}: ${peerLabel(state.call.peer)}`)
  const waiting: string[] = []
  if (state.unreadMessages > 0)
    waiting.push(plural(state.unreadMessages, 'unread message', 'unread messages'))
  if (state.missedCalls > 0) waiting.push(plural(state.missedCalls, 'missed call', 'missed calls'))
  if (waiting.length > 0) lines.push(waiting.join(', '))
  const text = lines.join('\n')
  return text.length > MAX_TOOLTIP ? `${text.slice(0, MAX_TOOLTIP - 1)}…` : text
}

export function trayMenu(state: ShellState): TrayMenuItem[] {
  const menu: TrayMenuItem[] = []
  if (state.ringing) {
    const callId = state.ringing.callId
    menu.push(
      {
        type: 'normal',
        label: `Answer ${peerLabel(state.ringing)}`,
        command: { kind: 'answer', callId },
      },
      { type: 'normal', label: 'Decline', command: { kind: 'decline', callId } },
      { type: 'separator' },
    )
  }
  if (state.call) {
    menu.push(
      {
        type: 'normal',
        label: `Hang up ${peerLabel(state.call.peer)}`,
        command: { kind: 'hangup', callId: state.call.id },
      },
      { type: 'separator' },
    )
  }
  if (state.accounts.length > 1) {
    for (const account of state.accounts) {
      menu.push({ type: 'label', label: accountLine(account) })
    }
    menu.push({ type: 'separator' })
  }
  menu.push({
    type: 'submenu',
    label: 'My status',
    submenu: (Object.keys(STATUS_LABELS) as MyStatus[]).map((status) => ({
      type: 'radio',
      label: STATUS_LABELS[status],
      checked: state.status === status,
      command: { kind: 'set-status', status },
    })),
  })
  // Redialing during a call would start a second one; the tray keeps it simple.
  const canDial = state.connection === 'registered' && !state.call && !state.ringing
  const recent = dedupeRecent(state.recent).slice(0, MAX_RECENT)
  menu.push({
    type: 'submenu',
    label: 'Recent calls',
    enabled: recent.length > 0 && canDial,
    submenu: recent.map((peer) => ({
      type: 'normal',
      label: peer.name.trim() ? `${peerLabel(peer)} (${peer.address})` : peerLabel(peer),
      command: { kind: 'redial', address: peer.address },
    })),
  })
  menu.push(
    { type: 'separator' },
    { type: 'normal', label: 'Show Switchboard', command: { kind: 'show' } },
    { type: 'normal', label: 'Quit', command: { kind: 'quit' } },
  )
  return menu
}

function dedupeRecent(recent: readonly Peer[]): Peer[] {
  const seen = new Set<string>()
  return recent.filter((peer) => {
    const key = peer.address.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export function trayModel(state: ShellState): TrayModel {
  return { icon: trayIcon(state), tooltip: trayTooltip(state), menu: trayMenu(state) }
}
