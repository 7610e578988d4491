// Picks the bridge: the desktop one when the preload defined `window.switchboard`, else the
// browser one.
import { createBrowserPlatform, createMemoryStorage } from './browser'
import { createDesktopPlatform } from './desktop'
import type { Platform } from './types'

export type * from './types'

export function createPlatform(win: Window = window): Platform {
  const api = win.switchboard
  if (api) return createDesktopPlatform(api)
  return createBrowserPlatform({
    localStorage: storageOr(() => win.localStorage),
    sessionStorage: storageOr(() => win.sessionStorage),
    userAgent: win.navigator.userAgent,
    version: __APP_VERSION__,
    notifications: {
      ...notificationApi(win),
      ...('setAppBadge' in win.navigator
        ? { setAppBadge: (count?: number) => win.navigator.setAppBadge(count) }
        : {}),
      focus: () => win.focus(),
      isFocused: () => win.document.hasFocus() && win.document.visibilityState === 'visible',
    },
    page: {
      href: () => win.location.href,
      replace: (href) => win.history.replaceState(win.history.state, '', href),
    },
    protocols: win.navigator,
  })
}

/** Web Notifications, where the browser has them (some embedders leave the global out). */
function notificationApi(win: Window): { Notification?: typeof Notification } {
  const api = (win as unknown as { Notification?: typeof Notification }).Notification
  return api ? { Notification: api } : {}
}

/** Storage access throws where the browser blocks it (some privacy modes): fall back to memory. */
function storageOr(get: () => Storage): Storage {
  try {
    const storage = get()
    storage.getItem('')
    return storage
  } catch {
    return createMemoryStorage()
  }
}
