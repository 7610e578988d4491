import { beforeEach, describe, expect, it } from 'vitest'
import { createBrowserPlatform } from './browser'
import {
  LEGACY_KEYS,
  migrateLocalPreferences,
  readLegacyPreferences,
  withLegacyPreferences,
} from './local-preferences'
import { NO_STARTUP_SETTINGS } from './startup-settings'

const ACCOUNT = {
  id: 'account-1',
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})

function oldRelease(): void {
  localStorage.setItem(LEGACY_KEYS.status, 'dnd')
  localStorage.setItem(LEGACY_KEYS.note, 'Back at 3')
  localStorage.setItem(LEGACY_KEYS.idleMinutes, '25')
  localStorage.setItem(LEGACY_KEYS.dtmfMethod, 'info')
  localStorage.setItem(LEGACY_KEYS.followOwnDomainTransfers, 'true')
}

describe('preferences an older release kept in localStorage', () => {
  it('are read, and what does not look right is left out', () => {
    oldRelease()
    localStorage.setItem(LEGACY_KEYS.idleMinutes, 'soon')
    expect(readLegacyPreferences(localStorage)).toEqual({
      presence: { status: 'dnd', note: 'Back at 3' },
      calls: { followOwnDomainTransfers: true },
      dtmfMethod: 'info',
    })
  })

  it('win over start-up defaults until they move', () => {
    oldRelease()
    const startup = withLegacyPreferences(
      { ...NO_STARTUP_SETTINGS, accounts: [{ ...ACCOUNT, dtmfMethod: 'rfc4733' } as never] },
      readLegacyPreferences(localStorage),
    )
    expect(startup.presence).toEqual({ status: 'dnd', note: 'Back at 3', idleMinutes: 25 })
    expect(startup.calls.followOwnDomainTransfers).toBe(true)
    expect(startup.accounts[0]?.dtmfMethod).toBe('info')
  })

  it('move into the settings once, then leave localStorage', async () => {
    const platform = createBrowserPlatform({ localStorage, sessionStorage })
    await platform.settings.set({
      accounts: [
        {
          ...ACCOUNT,
          enabled: true,
          username: '',
          realm: '',
          displayName: '',
          iceServers: [],
          icePolicy: 'all',
          dtmfMethod: 'rfc4733',
          defaultRegion: '',
          registerExpires: 600,
          outboundProxy: '',
        },
      ],
    })
    oldRelease()
    expect(await migrateLocalPreferences(platform, localStorage)).toBe(true)
    const settings = await platform.settings.get()
    expect(settings.presence).toEqual({ status: 'dnd', note: 'Back at 3', idleMinutes: 25 })
    expect(settings.calls.followOwnDomainTransfers).toBe(true)
    expect(settings.accounts[0]?.dtmfMethod).toBe('info')
    for (const key of Object.values(LEGACY_KEYS)) expect(localStorage.getItem(key)).toBeNull()
    expect(await migrateLocalPreferences(platform, localStorage)).toBe(false)
  })
})
