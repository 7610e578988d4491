// The desktop bridge: the Platform over the preload's `window.switchboard`.
import { fitAttentionEvent } from '@shared/shell/fit'
import type { SwitchboardApi } from '@shared/ipc/api'
import type { SettingsPatch } from '@shared/settings'
import { passwordKeys } from './startup-settings'
import type { Platform } from './types'

/**
 * IPC copies its arguments with the structured clone algorithm, which refuses Vue's reactive
 * proxies: send a plain copy of whatever a store hands us.
 */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

export function createDesktopPlatform(api: SwitchboardApi): Platform {
  const report = (what: string) => (error: unknown) =>
    console.warn(`${what} failed:`, error instanceof Error ? error.message : error)
  return {
    kind: 'desktop',
    appInfo: () => api.app.info(),
    // Main validated the settings already: the renderer needs no schema for them.
    async startup() {
      const { accounts, defaultAccountId, theme, devices, presence, calls } =
        await api.settings.get()
      const passwords: Record<string, string | null> = {}
      await Promise.all(
        accounts
          .filter((account) => account.enabled)
          .map(async (account) => {
            let password: string | null = null
            for (const key of passwordKeys(account)) {
              password ??= await api.credentials.get(key)
            }
            passwords[account.id] = password
          }),
      )
      return { accounts, defaultAccountId, passwords, theme, devices, presence, calls }
    },
    settings: {
      get: () => api.settings.get(),
      set: (patch: SettingsPatch) => api.settings.set(plain(patch)),
    },
    credentials: {
      get: (accountId) => api.credentials.get(accountId),
      set: (accountId, password) => api.credentials.set(accountId, password),
      delete: (accountId) => api.credentials.delete(accountId),
      status: () => api.credentials.status(),
    },
    onResume: (callback) => api.on('power:resume', () => callback()),
    onSuspend: (callback) => api.on('power:suspend', () => callback()),
    systemIdleSeconds: () => api.power.idleSeconds(),
    onSettingsRecovered: (callback) =>
      api.on('settings:recovered', (recovery) => callback(recovery)),
    onDialRequest: (callback) => api.on('dial:request', (request) => callback(request)),
    onTrayAction: (callback) => api.on('tray:action', (action) => callback(action)),
    setShellState: (state) => {
      api.shell.setState(plain(state)).catch(report('Updating the tray'))
    },
    notifyShell: (event) => {
      // Fitted here, the one way out: main drops an event whose names break its schema.
      api.shell.notify(fitAttentionEvent(plain(event))).catch(report('A notification'))
    },
    // The installer and main register sip:, sips:, tel: and callto: with the OS.
    registerProtocolHandlers: () => 'unsupported',
    ready: () => api.app.ready(),
  }
}
