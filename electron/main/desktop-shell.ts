// The desktop shell's state: what the renderer last said (status, calls, unread) drives the tray,
// the badge and which notifications fire; tray and notification choices go back to the renderer
// as `tray:action` pushes. Show and Quit are handled here, in main.
import { badgeCount, initialShellState } from '@shared/shell/types'
import type { AttentionEvent, ShellAction, ShellState } from '@shared/shell/types'
import type { TrayCommand } from '@shared/shell/tray-model'
import type { Ipc } from './ipc'
import type { Logger } from './log'
import type { Notifications } from './notifications'
import type { AppTray } from './tray'

export interface DesktopShellOptions {
  ipc: Pick<Ipc, 'push'>
  setBadgeCount: (count: number) => boolean
  showWindow: () => void
  quit: () => void
  log: Logger
}

export interface DesktopShell {
  readonly state: ShellState
  /** Late-bound: the tray and notifications need `command`, and the shell needs them. */
  attach(parts: { tray: AppTray | null; notifications: Notifications }): void
  setState(state: ShellState): void
  notify(event: AttentionEvent): void
  command(command: TrayCommand): void
}

/** Actions that need the window on screen: answering, or showing what a notification was about. */
const SHOWS_WINDOW = new Set<ShellAction['kind']>([
  'answer',
  'show-call',
  'open-thread',
  'redial',
  'pickup',
])

export function createDesktopShell(options: DesktopShellOptions): DesktopShell {
  const { ipc, setBadgeCount, showWindow, quit, log } = options
  let state = initialShellState()
  let tray: AppTray | null = null
  let notifications: Notifications | null = null
  let badge = 0

  return {
    get state() {
      return state
    },
    attach(parts) {
      tray = parts.tray
      notifications = parts.notifications
      tray?.update(state)
    },
    setState(next) {
      // The call that was ringing stopped (answered, declined, gone): its notification goes too.
      if (state.ringing && state.ringing.callId !== next.ringing?.callId) {
        notifications?.close(`call:${state.ringing.callId}`)
      }
      state = next
      tray?.update(state)
      const count = badgeCount(state)
      if (count !== badge) {
        badge = count
        // Not every desktop has badges (Linux needs Unity's launcher API): not an error.
        if (!setBadgeCount(count)) log.debug('no badge on this desktop')
      }
    },
    notify(event) {
      notifications?.notify(event)
    },
    command(command) {
      if (command.kind === 'show') return showWindow()
      if (command.kind === 'quit') return quit()
      if (SHOWS_WINDOW.has(command.kind)) showWindow()
      ipc.push('tray:action', command)
    },
  }
}
