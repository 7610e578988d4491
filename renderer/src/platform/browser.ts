// The browser bridge: the same Platform over web APIs, for running the renderer as static files in
// a plain browser (and in end-to-end tests). Settings live in localStorage, validated with the
// shared schema; the password lives in the tab's sessionStorage (survives a reload, not a closed
// tab). There is no sleep/wake signal: the SIP engine notices a wall-clock jump itself.
// The schemas (zod) run in a worker started on demand (settings-validator.ts): start-up reads
// only what it needs, by hand (startup()), and the schemas never stay in the page's heap.
import type { AppInfo, CredentialStatus } from '@shared/ipc/invoke'
import type { SettingsRecovery } from '@shared/ipc/push'
import type { Settings, SettingsPatch } from '@shared/settings'
import { createBrowserShell } from './browser-shell'
import { notificationText } from './notification-text'
import type { BrowserNotification, PageAddress } from './browser-shell'
import type { ProtocolRegistrar } from './browser-links'
import { PASSWORD_KEY_PREFIX, readBrowserStartup, SETTINGS_KEY } from './browser-startup'
import { isCredentialId, isPassword } from './credential-checks'
import { createSettingsValidator } from './settings-validator'
import type { SettingsValidator } from './settings-validator'
import type { Platform, StartupSettings } from './types'

export { SETTINGS_KEY, PASSWORD_KEY_PREFIX }

const SESSION_ONLY: CredentialStatus = { encryption: 'session-only', persistent: false }

export interface BrowserPlatformOptions {
  localStorage: Storage
  sessionStorage: Storage
  userAgent?: string
  /** Shown by app.info(); the build has no other way to know it. */
  version?: string
  now?: () => number
  /** The Web Notifications API; absent where the browser has none. */
  notifications?: NotificationHost
  /** The page address, for `?dial=` links; absent: no links arrive. */
  page?: PageAddress
  /** `navigator`, for offering this page as the sip:/tel: handler. */
  protocols?: ProtocolRegistrar
  /** Where the settings schema runs (a worker by default; see settings-validator.ts). */
  validator?: SettingsValidator
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
  const validator = options.validator ?? createSettingsValidator()
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

  // One at a time: a write reads the stored text, patches it and writes it back, and no other
  // read or write may come in between.
  let queue: Promise<unknown> = Promise.resolve()
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = queue.then(work)
    queue = turn.catch(() => undefined)
    return turn
  }

  function storedText(): string | null | undefined {
    try {
      return localStorage.getItem(SETTINGS_KEY)
    } catch {
      return undefined
    }
  }

  /** The stored settings; unusable parts are salvaged, the original kept aside and reported. */
  async function readSettings(): Promise<Settings> {
    const text = storedText()
    const { settings, problems, repaired } = await validator.read(text ?? null)
    if (text && repaired !== null) {
      // Keep the original beside the salvaged settings: nothing is silently lost.
      const backup = `${SETTINGS_KEY}.corrupt-${new Date(now()).toISOString()}`
      try {
        localStorage.setItem(backup, text)
        localStorage.setItem(SETTINGS_KEY, repaired)
      } catch {
        // Storage full or refused: the salvaged settings still work for this page.
      }
      report({ backup, problems })
    }
    return settings
  }

  function passwordKey(accountId: string): string {
    if (!isCredentialId(accountId)) throw new Error('Invalid account id')
    return PASSWORD_KEY_PREFIX + accountId
  }

  const startup = (): StartupSettings => readBrowserStartup(localStorage, sessionStorage)

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
    defaultRegion: async () => (await inTurn(readSettings)).dialing.defaultRegion,
    notificationText,
  })

  const on: Platform['on'] = (event, callback) => {
    // Each push's browser source; the machine's sleep and wake have none in a page.
    const listen = callback as (payload: unknown) => void
    switch (event) {
      case 'dial:request':
        return shell.onDialRequest(listen)
      case 'tray:action':
        return shell.onTrayAction(listen)
      case 'settings:recovered':
        recoveryListeners.add(listen)
        return () => {
          recoveryListeners.delete(listen)
        }
      case 'power:resume':
      case 'power:suspend':
        return () => {}
      default:
        throw new Error(`Unknown event: ${String(event)}`)
    }
  }

  return {
    kind: 'browser',
    app: {
      info: async () => ({ ...appInfo }),
      async ready() {
        ready = true
        for (const recovery of pendingRecoveries.splice(0)) report(recovery)
        await shell.ready()
      },
    },
    startup: async () => startup(),
    settings: {
      get: () => inTurn(readSettings),
      set: (patch: SettingsPatch) =>
        inTurn(async () => {
          const result = await validator.patch(await readSettings(), patch)
          if (!result.ok) throw new Error(result.message)
          localStorage.setItem(SETTINGS_KEY, result.text)
          return result.settings
        }),
    },
    credentials: {
      get: async ({ accountId }) => sessionStorage.getItem(passwordKey(accountId)),
      async set({ accountId, password }) {
        if (!isPassword(password)) throw new Error('Invalid password')
        sessionStorage.setItem(passwordKey(accountId), password)
        return { ...SESSION_ONLY }
      },
      async delete({ accountId }) {
        sessionStorage.removeItem(passwordKey(accountId))
      },
      status: async () => ({ ...SESSION_ONLY }),
    },
    shell: {
      setState: async (state) => shell.setShellState(state),
      notify: async (event) => shell.notifyShell(event),
    },
    power: { idleSeconds: async () => null },
    // Not start-up code: loads at the first recording.
    recordings: lazy(() => import('./browser-recordings').then((m) => m.createBrowserRecordings())),
    // The browser asks with its own picker (getDisplayMedia): there is nothing to list or choose.
    screen: { sources: async () => [], choose: async () => undefined },
    on,
    registerProtocolHandlers: () => shell.registerProtocolHandlers(),
  }
}

/** An object whose methods load their implementation on the first call. */
function lazy<T extends object>(load: () => Promise<T>): T {
  let loaded: Promise<T> | null = null
  return new Proxy({} as T, {
    get:
      (_, name) =>
      async (...args: unknown[]) => {
        const target = (await (loaded ??= load())) as Record<
          PropertyKey,
          (...a: unknown[]) => unknown
        >
        return target[name]!(...args)
      },
  })
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
