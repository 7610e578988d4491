// The browser bridge: the same Platform over web APIs, for running the renderer as static files in
// a plain browser (and in end-to-end tests). Settings live in localStorage, validated with the
// shared schema; the password lives in the tab's sessionStorage (survives a reload, not a closed
// tab). There is no sleep/wake signal: the SIP engine notices a wall-clock jump itself.
import { accountIdSchema, passwordSchema } from '@shared/ipc/invoke'
import type { AppInfo, CredentialStatus } from '@shared/ipc/invoke'
import type { SettingsRecovery } from '@shared/ipc/push'
import {
  applySettingsPatch,
  createDefaultSettings,
  parseStoredSettings,
  serializeSettings,
  settingsPatchSchema,
} from '@shared/settings'
import type { Settings, SettingsPatch } from '@shared/settings'
import { createBrowserShell } from './browser-shell'
import type { BrowserNotification, PageAddress } from './browser-shell'
import type { ProtocolRegistrar } from './browser-links'
import type { Platform } from './types'

export const SETTINGS_KEY = 'switchboard.settings'
export const PASSWORD_KEY_PREFIX = 'switchboard.password:'

const SESSION_ONLY: CredentialStatus = { encryption: 'session-only', persistent: false }

export interface BrowserPlatformOptions {
  localStorage: Storage
  sessionStorage: Storage
  userAgent?: string
  /** Shown by appInfo(); the build has no other way to know it. */
  version?: string
  now?: () => number
  /** The Web Notifications API; absent where the browser has none. */
  notifications?: NotificationHost
  /** The page address, for `?dial=` links; absent: no links arrive. */
  page?: PageAddress
  /** `navigator`, for offering this page as the sip:/tel: handler. */
  protocols?: ProtocolRegistrar
}

/** What the browser bridge needs of `window` to get the user's attention. */
export interface NotificationHost {
  Notification?: typeof Notification
  setAppBadge?: (count?: number) => Promise<void>
  focus(): void
  /** The page is visible and focused; notifications for what it shows are then left out. */
  isFocused?(): boolean
}

export function createBrowserPlatform(options: BrowserPlatformOptions): Platform {
  const { localStorage, sessionStorage, userAgent = '', version = 'web', now = Date.now } = options
  const host = options.notifications
  const recoveryListeners = new Set<(recovery: SettingsRecovery) => void>()
  const pendingRecoveries: SettingsRecovery[] = []
  let ready = false

  function report(recovery: SettingsRecovery): void {
    if (!ready) {
      pendingRecoveries.push(recovery)
      return
    }
    for (const listener of recoveryListeners) listener(recovery)
  }

  function loadSettings(): Settings {
    let text: string | null
    try {
      text = localStorage.getItem(SETTINGS_KEY)
    } catch {
      return createDefaultSettings()
    }
    if (text === null) return createDefaultSettings()
    let raw: unknown
    let problems: string[]
    let settings: Settings
    try {
      raw = JSON.parse(text)
      ;({ settings, problems } = parseStoredSettings(raw))
    } catch {
      settings = createDefaultSettings()
      problems = ['not valid JSON']
    }
    if (problems.length > 0) {
      // Keep the original beside the salvaged settings: nothing is silently lost.
      const backup = `${SETTINGS_KEY}.corrupt-${new Date(now()).toISOString()}`
      try {
        localStorage.setItem(backup, text)
        localStorage.setItem(SETTINGS_KEY, serializeSettings(settings))
      } catch {
        // Storage full or refused: the salvaged settings still work for this page.
      }
      report({ backup, problems })
    }
    return settings
  }

  function passwordKey(accountId: string): string {
    return PASSWORD_KEY_PREFIX + accountIdSchema.parse(accountId)
  }

  const appInfo: AppInfo = {
    name: 'Switchboard',
    version,
    platform: 'web',
    electron: null,
    chrome: /(?:Chrome|Chromium)\/([\d.]+)/.exec(userAgent)?.[1] ?? null,
  }

  /** Shows a Web Notification for `notifyShell`; a click focuses the page, then runs `onClick`. */
  function showNotification(notification: BrowserNotification, onClick: () => void): void {
    const Api = host?.Notification
    if (!host || !Api) return
    const show = (): void => {
      const shown = new Api(notification.title, {
        body: notification.body,
        tag: notification.tag,
      })
      shown.onclick = () => {
        host.focus()
        shown.close()
        onClick()
      }
    }
    if (Api.permission === 'granted') show()
    else if (Api.permission === 'default') {
      void Api.requestPermission().then((answer) => {
        if (answer === 'granted') show()
      })
    }
  }

  const shell = createBrowserShell({
    ...(options.page ? { page: options.page } : {}),
    ...(options.protocols ? { protocols: options.protocols } : {}),
    show: showNotification,
    setBadge: (count) => host?.setAppBadge?.(count).catch(() => {}),
    isFocused: () => host?.isFocused?.() ?? true,
    defaultRegion: () => loadSettings().dialing.defaultRegion,
  })

  return {
    kind: 'browser',
    appInfo: async () => ({ ...appInfo }),
    settings: {
      get: async () => loadSettings(),
      async set(patch: SettingsPatch) {
        const parsed = settingsPatchSchema.safeParse(patch)
        if (!parsed.success) {
          throw new Error(`Invalid settings: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
        }
        const next = applySettingsPatch(loadSettings(), parsed.data)
        localStorage.setItem(SETTINGS_KEY, serializeSettings(next))
        return next
      },
    },
    credentials: {
      get: async (accountId) => sessionStorage.getItem(passwordKey(accountId)),
      async set(accountId, password) {
        sessionStorage.setItem(passwordKey(accountId), passwordSchema.parse(password))
        return { ...SESSION_ONLY }
      },
      async delete(accountId) {
        sessionStorage.removeItem(passwordKey(accountId))
      },
      status: async () => ({ ...SESSION_ONLY }),
    },
    onDialRequest: (callback) => shell.onDialRequest(callback),
    onTrayAction: (callback) => shell.onTrayAction(callback),
    setShellState: (state) => shell.setShellState(state),
    notifyShell: (event) => shell.notifyShell(event),
    registerProtocolHandlers: () => shell.registerProtocolHandlers(),
    onResume: () => () => {},
    onSuspend: () => () => {},
    systemIdleSeconds: () => Promise.resolve(null),
    onSettingsRecovered(callback) {
      recoveryListeners.add(callback)
      return () => {
        recoveryListeners.delete(callback)
      }
    },
    async ready() {
      ready = true
      for (const recovery of pendingRecoveries.splice(0)) report(recovery)
      shell.ready()
    },
  }
}

/** An in-memory Storage, for when the browser refuses access to the real one. */
export function createMemoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key)
    },
    setItem: (key, value) => {
      items.set(key, String(value))
    },
  }
}
