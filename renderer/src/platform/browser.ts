// The browser bridge: the same Platform over web APIs, for running the renderer as static files in
// a plain browser (and in end-to-end tests). Settings live in localStorage, validated with the
// shared schema; the password lives in the tab's sessionStorage (survives a reload, not a closed
// tab). There is no sleep/wake signal: the SIP engine notices a wall-clock jump itself.
// The schemas (zod) load on first use: start-up reads only what it needs, by hand (startup()).
import type { AppInfo, CredentialStatus } from '@shared/ipc/invoke'
import type { SettingsRecovery } from '@shared/ipc/push'
import type { Settings, SettingsPatch } from '@shared/settings'
import type * as SettingsModule from '@shared/settings'
import type * as InvokeModule from '@shared/ipc/invoke'
import { createBrowserShell } from './browser-shell'
import { shellNotificationText } from '@/i18n'
import type { BrowserNotification, PageAddress } from './browser-shell'
import type { ProtocolRegistrar } from './browser-links'
import { isAccountId, passwordKeys, readStartupSettings } from './startup-settings'
import type { Platform, StartupSettings } from './types'

export const SETTINGS_KEY = 'switchboard.settings'
export const PASSWORD_KEY_PREFIX = 'switchboard.password:'

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

  async function loadSettings(): Promise<Settings> {
    return readSettings(await schemas())
  }

  /** Synchronous once the schemas are loaded: a read-modify-write never interleaves with another. */
  function readSettings(modules: SchemaModules): Settings {
    const { createDefaultSettings, parseStoredSettings, serializeSettings } = modules
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

  async function passwordKey(accountId: string): Promise<string> {
    return PASSWORD_KEY_PREFIX + (await schemas()).accountIdSchema.parse(accountId)
  }

  function startup(): StartupSettings {
    let stored: unknown = null
    try {
      stored = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null')
    } catch {
      // Unreadable: the full load later sets it aside and says so.
    }
    const { accounts, defaultAccountId, theme, devices, presence, calls } =
      readStartupSettings(stored)
    const passwords: Record<string, string | null> = {}
    for (const account of accounts) {
      if (!account.enabled) continue
      const key = passwordKeys(account).find(
        (id) => isAccountId(id) && sessionStorage.getItem(PASSWORD_KEY_PREFIX + id) !== null,
      )
      passwords[account.id] = key ? sessionStorage.getItem(PASSWORD_KEY_PREFIX + key) : null
    }
    return { accounts, defaultAccountId, passwords, theme, devices, presence, calls }
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
    defaultRegion: async () => (await loadSettings()).dialing.defaultRegion,
    notificationText: shellNotificationText,
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
      get: () => loadSettings(),
      async set(patch: SettingsPatch) {
        const modules = await schemas()
        const { applySettingsPatch, serializeSettings, settingsPatchSchema } = modules
        const parsed = settingsPatchSchema.safeParse(patch)
        if (!parsed.success) {
          throw new Error(`Invalid settings: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
        }
        const next = applySettingsPatch(readSettings(modules), parsed.data)
        localStorage.setItem(SETTINGS_KEY, serializeSettings(next))
        return next
      },
    },
    credentials: {
      get: async ({ accountId }) => sessionStorage.getItem(await passwordKey(accountId)),
      async set({ accountId, password }) {
        const { passwordSchema } = await schemas()
        sessionStorage.setItem(await passwordKey(accountId), passwordSchema.parse(password))
        return { ...SESSION_ONLY }
      },
      async delete({ accountId }) {
        sessionStorage.removeItem(await passwordKey(accountId))
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

type SchemaModules = typeof SettingsModule & typeof InvokeModule

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

/** The settings and IPC schemas (zod), loaded once on first use. */
let schemaModules: Promise<SchemaModules> | null = null
function schemas(): Promise<SchemaModules> {
  schemaModules ??= Promise.all([import('@shared/settings'), import('@shared/ipc/invoke')]).then(
    ([settings, invoke]) => ({ ...settings, ...invoke }),
  )
  return schemaModules
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
