// What start-up reads before anything else loads: the saved account, theme and device choices,
// checked field by field by hand. The full settings schema (zod) loads after registration, when
// it also reports and sets aside anything unreadable; until then a section that does not look
// right is simply left out (start-up then shows the sign-in form, or the defaults).
import type {
  AccountSettings,
  CallSettings,
  DeviceChoice,
  DeviceSettings,
  PresenceSettings,
  Theme,
} from '@shared/settings'
import {
  ACCOUNT_DEFAULTS,
  createDefaultPresence,
  MIGRATED_ACCOUNT_ID,
} from '@shared/account/defaults'

export interface StartupSettings {
  /** The saved accounts (a version 1 file's single account becomes the first). */
  accounts: AccountSettings[]
  /** The account outgoing calls and messages use; '' when there is none. */
  defaultAccountId: string
  /** Each account's password by account id, when the credential store kept one. */
  passwords: Record<string, string | null>
  theme: Theme
  /** The chosen devices, when stored and readable. */
  devices: DeviceSettings | null
  /** "My status", its note and the idle time. */
  presence: PresenceSettings
  /** What start-up needs of the call settings (the rest is read with the schema later). */
  calls: StartupCallSettings
}

export const NO_STARTUP_SETTINGS: StartupSettings = {
  accounts: [],
  defaultAccountId: '',
  passwords: {},
  theme: 'system',
  devices: null,
  presence: createDefaultPresence(),
  calls: { followOwnDomainTransfers: false },
}

export type StartupCallSettings = Pick<CallSettings, 'followOwnDomainTransfers'>

type Loose = Record<string, unknown>

const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Text without control characters, at most `max` long (what the schema asks of every field). */
export function isCleanText(value: unknown, max: number): value is string {
  if (typeof value !== 'string' || value.length > max) return false
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return false
  }
  return true
}

/** The credential store's key for an account: its AOR (as the IPC schema `accountIdSchema`). */
export function isAccountId(value: string): boolean {
  return value.length >= 1 && isCleanText(value, 512)
}

const ID = /^[A-Za-z0-9_-]{1,64}$/

function readIceServers(raw: unknown): AccountSettings['iceServers'] | null {
  const servers = raw ?? []
  if (!Array.isArray(servers) || servers.length > 16) return null
  const ice: AccountSettings['iceServers'] = []
  for (const entry of servers) {
    if (!isObject(entry) || !isCleanText(entry.urls, 512)) return null
    if (!/^(?:stuns?|turns?):\S+$/i.test(entry.urls.trim())) return null
    // A `credential` (older settings kept it here) is not read: the secret lives in the vault,
    // and the full schema moves a stored one there when it loads.
    const user = entry.username
    if (user !== undefined && !isCleanText(user, 256)) return null
    ice.push({ urls: entry.urls.trim(), ...(user !== undefined ? { username: user } : {}) })
  }
  return ice
}

/** A field that looks wrong gets its default here; the full schema reports it later. */
function pick<T>(value: unknown, ok: (v: unknown) => boolean, fallback: T): T {
  return value !== undefined && ok(value) ? (value as T) : fallback
}

function readAccount(raw: unknown): AccountSettings | null {
  if (!isObject(raw)) return null
  const { id, aor, server, username, displayName, realm, outboundProxy } = raw
  if (typeof id !== 'string' || !ID.test(id)) return null
  if (!isCleanText(aor, 256) || aor.trim() === '' || !isCleanText(server, 512)) return null
  if (server.trim() === '') return null
  if (!isCleanText(username ?? '', 256) || !isCleanText(displayName ?? '', 128)) return null
  const iceServers = readIceServers(raw.iceServers)
  if (!iceServers) return null
  const d = ACCOUNT_DEFAULTS
  return {
    id,
    enabled: pick(raw.enabled, (v) => typeof v === 'boolean', d.enabled),
    aor: aor.trim(),
    server: server.trim(),
    username: (username as string | undefined) ?? '',
    realm: pick(realm, (v) => isCleanText(v, 256), d.realm),
    displayName: (displayName as string | undefined) ?? '',
    iceServers,
    icePolicy: pick(raw.icePolicy, (v) => v === 'all' || v === 'relay', d.icePolicy),
    dtmfMethod: pick(raw.dtmfMethod, (v) => v === 'rfc4733' || v === 'info', d.dtmfMethod),
    defaultRegion: pick(raw.defaultRegion, (v) => typeof v === 'string' && /^(?:[A-Z]{2})?$/.test(v), d.defaultRegion),
    registerExpires: pick(
      raw.registerExpires,
      (v) => Number.isInteger(v) && (v as number) >= 60 && (v as number) <= 86_400,
      d.registerExpires,
    ),
    outboundProxy: pick(outboundProxy, (v) => isCleanText(v, 256), d.outboundProxy),
  }
}

/** `accounts`, or a version 1 file's single `account` as the first one. */
function readAccounts(stored: Loose): AccountSettings[] {
  if (Array.isArray(stored.accounts)) {
    const accounts: AccountSettings[] = []
    for (const entry of stored.accounts.slice(0, 16)) {
      const account = readAccount(entry)
      if (account && !accounts.some((a) => a.id === account.id)) accounts.push(account)
    }
    return accounts
  }
  if (!isObject(stored.account)) return []
  const migrated = readAccount({ ...stored.account, id: MIGRATED_ACCOUNT_ID, enabled: true })
  return migrated ? [migrated] : []
}

function readChoice(raw: unknown): DeviceChoice | null {
  if (!isObject(raw) || !isCleanText(raw.deviceId, 256) || !isCleanText(raw.label, 256)) return null
  return { deviceId: raw.deviceId, label: raw.label }
}

function readDevices(raw: unknown): DeviceSettings | null {
  if (!isObject(raw) || typeof raw.ringtone !== 'boolean') return null
  const microphone = readChoice(raw.microphone)
  const camera = readChoice(raw.camera)
  const speaker = readChoice(raw.speaker)
  const ringer = readChoice(raw.ringer)
  if (!microphone || !camera || !speaker || !ringer) return null
  return { microphone, camera, speaker, ringer, ringtone: raw.ringtone }
}

const STATUSES = ['available', 'away', 'busy', 'dnd', 'invisible'] as const

function readPresence(raw: unknown): PresenceSettings {
  const fallback = createDefaultPresence()
  if (!isObject(raw)) return fallback
  return {
    status: STATUSES.find((s) => s === raw.status) ?? fallback.status,
    note: pick(raw.note, (v) => isCleanText(v, 200), fallback.note),
    idleMinutes: pick(
      raw.idleMinutes,
      (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 240,
      fallback.idleMinutes,
    ),
  }
}

function readCalls(raw: unknown): StartupCallSettings {
  const follow = isObject(raw) ? raw.followOwnDomainTransfers : undefined
  return { followOwnDomainTransfers: follow === true }
}

/** The start-up part of stored settings (the JSON the browser bridge keeps), or the defaults. */
export function readStartupSettings(stored: unknown): Omit<StartupSettings, 'passwords'> {
  if (!isObject(stored)) {
    const { passwords: _none, ...rest } = NO_STARTUP_SETTINGS
    return { ...rest, accounts: [], presence: createDefaultPresence() }
  }
  const theme = stored.theme
  const accounts = readAccounts(stored)
  const wanted = stored.defaultAccountId
  return {
    accounts,
    defaultAccountId: accounts.some((a) => a.id === wanted)
      ? (wanted as string)
      : (accounts[0]?.id ?? ''),
    theme: theme === 'light' || theme === 'dark' ? theme : 'system',
    devices: readDevices(stored.devices),
    presence: readPresence(stored.presence),
    calls: readCalls(stored.calls),
  }
}

/**
 * The vault keys to try for an account's password: its id, then (a version 1 file's account)
 * its AOR, which is what the password was kept under before accounts had ids.
 */
export function passwordKeys(account: Pick<AccountSettings, 'id' | 'aor'>): string[] {
  return account.id === MIGRATED_ACCOUNT_ID ? [account.id, account.aor] : [account.id]
}
