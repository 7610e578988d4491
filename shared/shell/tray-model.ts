// The tray, decided: shell state in → icon name, tooltip and menu model out. The Electron glue
// (electron/main/tray.ts) only turns this into a Tray and a Menu; every rule is here and tested.
import { badgeCount } from './types'
import type { MyStatus, Peer, ShellAccount, ShellAction, ShellState } from './types'
import { formatMessage } from '../i18n/format'
import { shellEn } from '../i18n/shell/en'
import type { ShellMessages } from '../i18n/shell/types'
import type { AppLocale } from '../i18n/locales'

/** The language the tray speaks: its CLDR locale (plurals) and its words (shared/i18n/shell). */
export interface ShellLanguage {
  locale: AppLocale
  text: ShellMessages
}

export const ENGLISH: ShellLanguage = { locale: 'en', text: shellEn }

export type TrayIcon =
  | 'available'
  | 'away'
  | 'busy'
  | 'dnd'
  | 'call'
  | 'offline'
  | 'ringing'
  | 'unread'
export const TRAY_ICONS: readonly TrayIcon[] = [
  'available',
  'away',
  'busy',
  'dnd',
  'call',
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

/** "My status" choices in English (the catalogue has them in every language). */
export const STATUS_LABELS: Readonly<Record<MyStatus, string>> = shellEn.status
const STATUSES = Object.keys(STATUS_LABELS) as MyStatus[]

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
  if (state.call) return 'call'
  return state.status
}

function accountLine(account: ShellAccount, text: ShellLanguage['text']): string {
  return `${peerLabel({ name: account.name, address: account.name })}: ${text.connection[account.connection]}`
}

export function trayTooltip(state: ShellState, { locale, text }: ShellLanguage = ENGLISH): string {
  const lines = [
    state.connection === 'registered'
      ? `Switchboard — ${text.status[state.status]}`
      : `Switchboard — ${text.connection[state.connection]}`,
  ]
  // Several accounts: each one's state on its own line.
  if (state.accounts.length > 1) {
    for (const account of state.accounts) lines.push(accountLine(account, text))
  }
  if (state.ringing) {
    lines.push(formatMessage(locale, text.tray.incoming, { name: peerLabel(state.ringing) }))
  }
  if (state.call)
    lines.push(`${text.callState[state.call.state]}: ${peerLabel(state.call.peer)}`)
  const waiting: string[] = []
  if (state.unreadMessages > 0)
    waiting.push(formatMessage(locale, text.tray.unread, { n: state.unreadMessages }))
  if (state.missedCalls > 0) waiting.push(formatMessage(locale, text.tray.missed, { n: state.missedCalls }))
  if (state.voicemail) waiting.push(formatMessage(locale, text.tray.voicemail, { n: state.voicemail }))
  if (waiting.length > 0) lines.push(waiting.join(', '))
  const tooltip = lines.join('\n')
  return tooltip.length > MAX_TOOLTIP ? `${tooltip.slice(0, MAX_TOOLTIP - 1)}…` : tooltip
}

export function trayMenu(state: ShellState, { locale, text }: ShellLanguage = ENGLISH): TrayMenuItem[] {
  const named = (message: string, peer: Peer): string =>
    formatMessage(locale, message, { name: peerLabel(peer) })
  const menu: TrayMenuItem[] = []
  if (state.ringing) {
    const callId = state.ringing.callId
    menu.push(
      {
        type: 'normal',
        label: named(text.tray.answer, state.ringing),
        command: { kind: 'answer', callId },
      },
      { type: 'normal', label: text.tray.decline, command: { kind: 'decline', callId } },
      { type: 'separator' },
    )
  }
  if (state.call) {
    menu.push(
      {
        type: 'normal',
        label: named(text.tray.hangUp, state.call.peer),
        command: { kind: 'hangup', callId: state.call.id },
      },
      { type: 'separator' },
    )
  }
  if (state.voicemail) {
    menu.push(
      { type: 'label', label: formatMessage(locale, text.tray.voicemail, { n: state.voicemail }) },
      { type: 'separator' },
    )
  }
  if (state.lamps && state.lamps.items.length > 0) {
    menu.push(
      {
        type: 'submenu',
        label: state.lamps.title,
        submenu: state.lamps.items.flatMap((lamp): TrayMenuItem[] =>
          lamp.pickUp
            ? [
                { type: 'label', label: lamp.label },
                {
                  type: 'normal',
                  label: lamp.pickUp,
                  command: { kind: 'pickup', address: lamp.address },
                },
              ]
            : [{ type: 'label', label: lamp.label }],
        ),
      },
      { type: 'separator' },
    )
  }
  if (state.accounts.length > 1) {
    for (const account of state.accounts) {
      menu.push({ type: 'label', label: accountLine(account, text) })
    }
    menu.push({ type: 'separator' })
  }
  menu.push({
    type: 'submenu',
    label: text.tray.myStatus,
    submenu: STATUSES.map((status) => ({
      type: 'radio',
      label: text.status[status],
      checked: state.status === status,
      command: { kind: 'set-status', status },
    })),
  })
  // Redialing during a call would start a second one; the tray keeps it simple.
  const canDial = state.connection === 'registered' && !state.call && !state.ringing
  const recent = dedupeRecent(state.recent).slice(0, MAX_RECENT)
  menu.push({
    type: 'submenu',
    label: text.tray.recentCalls,
    enabled: recent.length > 0 && canDial,
    submenu: recent.map((peer) => ({
      type: 'normal',
      label: peer.name.trim() ? `${peerLabel(peer)} (${peer.address})` : peerLabel(peer),
      command: { kind: 'redial', address: peer.address },
    })),
  })
  menu.push(
    { type: 'separator' },
    { type: 'normal', label: text.tray.show, command: { kind: 'show' } },
    { type: 'normal', label: text.tray.quit, command: { kind: 'quit' } },
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

export function trayModel(state: ShellState, language: ShellLanguage = ENGLISH): TrayModel {
  return {
    icon: trayIcon(state),
    tooltip: trayTooltip(state, language),
    menu: trayMenu(state, language),
  }
}
