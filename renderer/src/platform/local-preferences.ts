// Preferences older versions kept in the page's localStorage, outside the settings schema: "My
// status" and its note, the idle time, the keypad's DTMF method and "follow transfers from my
// own domain". Start-up reads them over the settings (they are newer than any settings file that
// lacks them); once the settings schema has loaded they move into the settings and are removed.
import type { Platform, SettingsPatch, StartupSettings } from './types'

export const LEGACY_KEYS = {
  status: 'switchboard.myStatus',
  note: 'switchboard.statusNote',
  idleMinutes: 'switchboard.idleMinutes',
  dtmfMethod: 'switchboard.dtmfMethod',
  followOwnDomainTransfers: 'switchboard.followOwnDomainTransfers',
} as const

const STATUSES = ['available', 'away', 'busy', 'dnd', 'invisible'] as const

export interface LegacyPreferences {
  presence: Partial<StartupSettings['presence']>
  calls: Partial<StartupSettings['calls']>
  dtmfMethod?: 'rfc4733' | 'info'
}

function read(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key)
  } catch {
    return null
  }
}

/** What localStorage still holds; a value that does not look right is left out. */
export function readLegacyPreferences(storage: Storage): LegacyPreferences {
  const found: LegacyPreferences = { presence: {}, calls: {} }
  const status = read(storage, LEGACY_KEYS.status)
  const chosen = STATUSES.find((s) => s === status)
  if (chosen) found.presence.status = chosen
  const note = read(storage, LEGACY_KEYS.note)
  // eslint-disable-next-line no-control-regex
  if (note !== null) found.presence.note = note.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 200)
  const idle = Number(read(storage, LEGACY_KEYS.idleMinutes) ?? NaN)
  if (Number.isFinite(idle) && idle >= 1) found.presence.idleMinutes = Math.min(240, Math.round(idle))
  const dtmf = read(storage, LEGACY_KEYS.dtmfMethod)
  if (dtmf === 'info' || dtmf === 'rfc4733') found.dtmfMethod = dtmf
  const follow = read(storage, LEGACY_KEYS.followOwnDomainTransfers)
  if (follow === 'true' || follow === 'false') {
    found.calls.followOwnDomainTransfers = follow === 'true'
  }
  return found
}

export function hasLegacyPreferences(legacy: LegacyPreferences): boolean {
  return (
    Object.keys(legacy.presence).length > 0 ||
    Object.keys(legacy.calls).length > 0 ||
    legacy.dtmfMethod !== undefined
  )
}

/** Start-up settings with what localStorage still holds laid over them. */
export function withLegacyPreferences(
  startup: StartupSettings,
  legacy: LegacyPreferences,
): StartupSettings {
  const dtmfMethod = legacy.dtmfMethod
  return {
    ...startup,
    presence: { ...startup.presence, ...legacy.presence },
    calls: { ...startup.calls, ...legacy.calls },
    accounts: dtmfMethod ? startup.accounts.map((a) => ({ ...a, dtmfMethod })) : startup.accounts,
  }
}

/**
 * Moves localStorage's preferences into the settings and removes them there. Resolves true
 * when something moved. The keys go only once the settings took them.
 */
export async function migrateLocalPreferences(
  platform: Pick<Platform, 'settings'>,
  storage: Storage,
): Promise<boolean> {
  const legacy = readLegacyPreferences(storage)
  const present = Object.values(LEGACY_KEYS).some((key) => read(storage, key) !== null)
  if (!present) return false
  if (hasLegacyPreferences(legacy)) {
    const patch: SettingsPatch = {}
    if (Object.keys(legacy.presence).length > 0) patch.presence = legacy.presence
    if (Object.keys(legacy.calls).length > 0) patch.calls = legacy.calls
    const dtmfMethod = legacy.dtmfMethod
    if (dtmfMethod) {
      const { accounts } = await platform.settings.get()
      if (accounts.length > 0) patch.accounts = accounts.map((a) => ({ ...a, dtmfMethod }))
    }
    await platform.settings.set(patch)
  }
  for (const key of Object.values(LEGACY_KEYS)) {
    try {
      storage.removeItem(key)
    } catch {
      // Refused storage: read again next start, harmless.
    }
  }
  return true
}
