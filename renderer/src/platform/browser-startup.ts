// What the browser build's start-up reads from storage, synchronously: the saved settings'
// start-up part (localStorage) and each enabled account's password (the tab's sessionStorage).
// Shared by the browser bridge's startup() and the very first thing the page runs (opening the
// saved accounts' sockets, startup/preconnect-saved.ts), so both read the same accounts.
import { isAccountId, passwordKeys, readStartupSettings } from './startup-settings'
import type { StartupSettings } from './startup-settings'

export const SETTINGS_KEY = 'switchboard.settings'
export const PASSWORD_KEY_PREFIX = 'switchboard.password:'

export function readBrowserStartup(
  localStorage: Pick<Storage, 'getItem'>,
  sessionStorage: Pick<Storage, 'getItem'>,
): StartupSettings {
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

/** The servers of the accounts start-up will open (enabled, password known): one per account. */
export function startupServers(saved: StartupSettings): string[] {
  return saved.accounts
    .filter((account) => account.enabled && saved.passwords[account.id])
    .map((account) => account.server)
}
