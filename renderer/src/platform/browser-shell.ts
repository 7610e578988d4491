// The desktop-shell half of the browser bridge: no tray, so the shell state only feeds the app
// badge (unread + missed, as on the desktop) and the shared notification policy; dial links
// come from the page URL's `?dial=`, delivered once after ready() and then taken out of the URL.
import { decideNotification } from '@shared/shell/notification-policy'
import { badgeCount, initialShellState } from '@shared/shell/types'
import type { DialRequest } from '@shared/ipc/push'
import type { Unsubscribe } from '@shared/ipc/api'
import type { AttentionEvent, ShellAction, ShellState } from '@shared/shell/types'
import type { ShellMessages } from '@shared/i18n/shell/types'
import { dialLinkOf, offerProtocolHandlers, withoutDialLink } from './browser-links'
import type { ProtocolRegistrar } from './browser-links'
import type { ProtocolHandlerOutcome } from './types'

/** The page's address: read it, and replace it without a navigation (history.replaceState). */
export interface PageAddress {
  href(): string
  replace(href: string): void
}

/** A Web Notification to show, as the shared policy decided it. */
export interface BrowserNotification {
  title: string
  body: string
  /** Same tag, same notification: a newer one replaces it. */
  tag: string
}

export interface BrowserShellOptions {
  page?: PageAddress
  protocols?: ProtocolRegistrar
  /** The bridge's Web Notification; `onClick` runs after the window has been focused. */
  show(notification: BrowserNotification, onClick: () => void): void
  setBadge(count: number): void
  /** The page is visible and has focus (the user sees the in-app ringing dialog). */
  isFocused(): boolean
  /** The `dialing.defaultRegion` setting, read when a link is parsed. */
  defaultRegion(): Promise<string>
  /** Notification titles in the app's language (English when not given). */
  notificationText?: () => ShellMessages['notification'] | undefined
}

/** The browser's tray and link handling, behind the bridge's `shell`, `on` and `app.ready`. */
export interface BrowserShell {
  onDialRequest(callback: (request: DialRequest) => void): Unsubscribe
  onTrayAction(callback: (action: ShellAction) => void): Unsubscribe
  setShellState(state: ShellState): void
  notifyShell(event: AttentionEvent): void
  registerProtocolHandlers(): ProtocolHandlerOutcome
  /** The bridge is ready: deliver the page's link (its parser loads only when there is one). */
  ready(): Promise<void>
}

export function createBrowserShell(options: BrowserShellOptions): BrowserShell {
  const dialListeners = new Set<(request: DialRequest) => void>()
  const actionListeners = new Set<(action: ShellAction) => void>()
  const pending: DialRequest[] = []
  let state = initialShellState()
  // The count last shown: the state changes with every call and status change, the count rarely,
  // and each setAppBadge is a round trip to the browser (~1–2 ms inside an incoming INVITE's task).
  let badge: number | undefined
  let isReady = false

  function flush(): void {
    if (!isReady || dialListeners.size === 0) return
    for (const request of pending.splice(0)) {
      for (const listener of dialListeners) listener(request)
    }
  }

  return {
    onDialRequest(callback) {
      dialListeners.add(callback)
      flush()
      return () => {
        dialListeners.delete(callback)
      }
    },
    onTrayAction(callback) {
      actionListeners.add(callback)
      return () => {
        actionListeners.delete(callback)
      }
    },
    setShellState(next) {
      state = next
      const count = badgeCount(next)
      if (count === badge) return
      badge = count
      options.setBadge(count)
    },
    notifyShell(event: AttentionEvent) {
      const spec = decideNotification(event, {
        status: state.status,
        windowFocused: options.isFocused(),
        openThread: state.openThread,
        actionsSupported: false,
        bodyIsMarkup: false,
        text: options.notificationText?.(),
      })
      if (!spec) return
      options.show({ title: spec.title, body: spec.body, tag: spec.tag }, () => {
        for (const listener of actionListeners) listener(spec.click)
      })
    },
    registerProtocolHandlers() {
      const page = options.page
      return page ? offerProtocolHandlers(options.protocols, page.href()) : 'unsupported'
    },
    async ready() {
      if (isReady) return
      const page = options.page
      const link = page ? dialLinkOf(page.href()) : null
      if (page && link !== null) {
        // Out of the address first: a reload (or a crash while dialing) must not dial again.
        page.replace(withoutDialLink(page.href()))
        const [{ parseDialLink }, defaultRegion] = await Promise.all([
          import('@shared/links'),
          options.defaultRegion(),
        ])
        pending.push({ result: parseDialLink(link, { defaultRegion }) })
      }
      isReady = true
      flush()
    },
  }
}
