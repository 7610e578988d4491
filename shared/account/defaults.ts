// Free of the settings schema (zod) on purpose: start-up reads accounts before it loads.

/** The id the one account of a version 1 settings file gets when it becomes `accounts[0]`. */
export const MIGRATED_ACCOUNT_ID = 'account-1'

/** What an account gets for a field that is not given (an older file, a new account). */
export const ACCOUNT_DEFAULTS = {
  enabled: true,
  username: '',
  realm: '',
  displayName: '',
  iceServers: [] as { urls: string; username?: string }[],
  icePolicy: 'all' as 'all' | 'relay',
  dtmfMethod: 'rfc4733' as 'rfc4733' | 'info',
  defaultRegion: '',
  registerExpires: 600,
  outboundProxy: '',
}

/** A new account's id: short, random, and safe as a vault key and a database field. */
export function newAccountId(random: () => number = Math.random): string {
  return `account-${Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`
}

/** "My status" preferences before the user chose any. */
export function createDefaultPresence(): {
  status: 'available' | 'away' | 'busy' | 'dnd' | 'invisible'
  note: string
  idleMinutes: number
} {
  return { status: 'available', note: '', idleMinutes: 10 }
}
