// What the desktop build's start-up reads from main: the settings main validated and each
// enabled account's password (decrypted by main). The very first script the page runs asks for
// it (startup/preconnect-saved.ts), so the IPC round trips and main's decryption overlap the
// engine's compiling, and the saved accounts' sockets open as soon as it is here; the bridge's
// startup() then takes that same answer instead of asking again.
import type { SwitchboardApi } from '@shared/ipc/api'
import { passwordKeys } from './startup-settings'
import type { StartupSettings } from './startup-settings'

type StartupApi = Pick<SwitchboardApi, 'settings' | 'credentials'>

export async function readDesktopStartup(api: StartupApi): Promise<StartupSettings> {
  const { accounts, defaultAccountId, theme, devices, presence, calls } = await api.settings.get()
  const passwords: Record<string, string | null> = {}
  await Promise.all(
    accounts
      .filter((account) => account.enabled)
      .map(async (account) => {
        let password: string | null = null
        for (const key of passwordKeys(account)) {
          password ??= await api.credentials.get({ accountId: key })
        }
        passwords[account.id] = password
      }),
  )
  return { accounts, defaultAccountId, passwords, theme, devices, presence, calls }
}

let prefetched: Promise<StartupSettings> | undefined

/** Starts reading the start-up settings now (once), for the next `takeDesktopStartup`. */
export function prefetchDesktopStartup(api: StartupApi): Promise<StartupSettings> {
  prefetched ??= readDesktopStartup(api)
  return prefetched
}

/** The prefetched read, once; afterwards (or without one) a fresh read. */
export function takeDesktopStartup(api: StartupApi): Promise<StartupSettings> {
  const early = prefetched
  prefetched = undefined
  return early?.catch(() => readDesktopStartup(api)) ?? readDesktopStartup(api)
}
