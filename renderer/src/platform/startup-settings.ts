// What start-up reads before anything else loads: the saved account, theme and device choices,
// checked field by field by hand. The full settings schema (zod) loads after registration, when
// it also reports and sets aside anything unreadable; until then a section that does not look
// right is simply left out (start-up then shows the sign-in form, or the defaults).
import type { AccountSettings, DeviceChoice, DeviceSettings, Theme } from '@shared/settings'

export interface StartupSettings {
  /** The saved account, when one with an address is stored. */
  account: AccountSettings | null
  /** Its password, when the credential store kept one. */
  password: string | null
  theme: Theme
  /** The chosen devices, when stored and readable. */
  devices: DeviceSettings | null
}

export const NO_STARTUP_SETTINGS: StartupSettings = {
  account: null,
  password: null,
  theme: 'system',
  devices: null,
}

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

function readAccount(raw: unknown): AccountSettings | null {
  if (!isObject(raw)) return null
  const { aor, server, username, displayName, iceServers, iceTransportPolicy } = raw
  if (!isCleanText(aor, 256) || aor.trim() === '' || !isCleanText(server, 512)) return null
  if (!isCleanText(username ?? '', 256) || !isCleanText(displayName ?? '', 128)) return null
  const servers = iceServers ?? []
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
  return {
    aor: aor.trim(),
    server: server.trim(),
    username: (username as string | undefined) ?? '',
    displayName: (displayName as string | undefined) ?? '',
    iceServers: ice,
    ...(iceTransportPolicy === 'relay' || iceTransportPolicy === 'all'
      ? { iceTransportPolicy }
      : {}),
  }
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

/** The start-up part of stored settings (the JSON the browser bridge keeps), or the defaults. */
export function readStartupSettings(stored: unknown): Omit<StartupSettings, 'password'> {
  if (!isObject(stored)) return { ...NO_STARTUP_SETTINGS }
  const theme = stored.theme
  return {
    account: readAccount(stored.account),
    theme: theme === 'light' || theme === 'dark' ? theme : 'system',
    devices: readDevices(stored.devices),
  }
}
