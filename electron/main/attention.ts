// Getting the user's attention: the unread badge and native notifications. Electron's objects
// come in from index.ts; a click focuses the window and tells the renderer which one it was.
import type { Logger } from './log'

export interface NativeNotification {
  on(event: 'click', listener: () => void): unknown
  show(): void
}

export interface AttentionOptions {
  createNotification: (options: {
    title: string
    body: string
    silent: boolean
  }) => NativeNotification
  setBadgeCount: (count: number) => boolean
  focusWindow: () => void
  clicked: (tag: string) => void
  log: Logger
}

export interface Attention {
  setUnreadCount(count: number): void
  notify(notification: { title: string; body: string; tag: string }): void
}

export function createAttention(options: AttentionOptions): Attention {
  // Kept referenced until clicked or replaced: a collected Notification loses its click handler.
  const live = new Map<string, NativeNotification>()
  return {
    setUnreadCount(count) {
      // Not every desktop shows a badge (Linux needs Unity's launcher API): not an error.
      if (!options.setBadgeCount(count)) options.log.debug('no badge on this desktop')
    },
    notify({ title, body, tag }) {
      const notification = options.createNotification({ title, body, silent: false })
      live.set(tag, notification)
      notification.on('click', () => {
        live.delete(tag)
        options.focusWindow()
        options.clicked(tag)
      })
      notification.show()
    },
  }
}
