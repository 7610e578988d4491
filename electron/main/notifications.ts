// Native notifications: the pure policy (shared/shell/notification-policy.ts) decides, this shows.
// Buttons exist on macOS (signed) and Windows only; everywhere a click focuses the app and tells
// the renderer what to show.
import type { NotificationConstructorOptions } from 'electron'
import { decideNotification } from '@shared/shell/notification-policy'
import type { NotificationContext, NotificationSpec } from '@shared/shell/notification-policy'
import type { AttentionEvent, ShellAction } from '@shared/shell/types'
import type { Logger } from './log'

export interface NativeNotification {
  on(event: 'click', listener: () => void): unknown
  on(event: 'action', listener: (event: unknown, index: number) => void): unknown
  on(event: 'close', listener: () => void): unknown
  show(): void
  close(): void
}

export interface NotificationsOptions {
  isSupported: () => boolean
  create: (options: NotificationConstructorOptions) => NativeNotification
  platform: NodeJS.Platform
  /** What the user is doing now: status, window focus, the conversation on screen. */
  context: () => Pick<NotificationContext, 'status' | 'windowFocused' | 'openThread' | 'text'>
  /** A click or a button: focus the window and hand the action to the renderer. */
  onAction: (action: ShellAction) => void
  log: Logger
}

export interface Notifications {
  notify(event: AttentionEvent): NotificationSpec | null
  /** Take down a notification (the call it announced stopped ringing). */
  close(tag: string): void
  /** A plain informational notification (the one-time tray hint). */
  inform(title: string, body: string): void
}

export function createNotifications(options: NotificationsOptions): Notifications {
  const { isSupported, create, platform, context, onAction, log } = options
  // Kept referenced while shown: a garbage-collected Notification loses its handlers.
  const live = new Map<string, NativeNotification>()

  function close(tag: string): void {
    live.get(tag)?.close()
    live.delete(tag)
  }

  return {
    notify(event) {
      const spec = decideNotification(event, {
        ...context(),
        actionsSupported: platform === 'darwin' || platform === 'win32',
        bodyIsMarkup: platform === 'linux',
      })
      if (!spec) return null
      if (!isSupported()) {
        log.debug('notifications are not supported here')
        return spec
      }
      close(spec.tag)
      const notification = create({
        title: spec.title,
        body: spec.body,
        urgency: spec.urgency,
        timeoutType: spec.urgency === 'critical' ? 'never' : 'default',
        actions: spec.actions.map((a) => ({ type: 'button' as const, text: a.label })),
      })
      live.set(spec.tag, notification)
      notification.on('click', () => {
        live.delete(spec.tag)
        onAction(spec.click)
      })
      notification.on('action', (_event, index) => {
        live.delete(spec.tag)
        const chosen = spec.actions[index]
        if (chosen) onAction(chosen.action)
      })
      notification.on('close', () => {
        if (live.get(spec.tag) === notification) live.delete(spec.tag)
      })
      notification.show()
      return spec
    },
    close,
    inform(title, body) {
      if (isSupported()) create({ title, body }).show()
    },
  }
}
