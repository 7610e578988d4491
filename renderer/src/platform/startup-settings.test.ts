import { describe, expect, it } from 'vitest'
import { createDefaultSettings, extractLegacySecrets, parseStoredSettings } from '@shared/settings'
import {
  createBrowserPlatform,
  createMemoryStorage,
  PASSWORD_KEY_PREFIX,
  SETTINGS_KEY,
} from './browser'
import { isAccountId, readStartupSettings } from './startup-settings'
import { readBrowserStartup, startupServers } from './browser-startup'
import { MIGRATED_ACCOUNT_ID } from '@shared/account/defaults'

const V1_ACCOUNT = {
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
  username: 'alice',
  displayName: 'Alice',
  iceServers: [{ urls: 'turn:turn.example.com', username: 'u', credential: 'c' }],
}
const ACCOUNT = {
  id: 'work',
  enabled: true,
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
  username: 'alice',
  realm: '',
  displayName: 'Alice',
  iceServers: [{ urls: 'turn:turn.example.com', username: 'u' }],
  icePolicy: 'relay' as const,
  dtmfMethod: 'info' as const,
  defaultRegion: 'DE',
  registerExpires: 300,
  outboundProxy: 'sip:proxy.example.com;lr',
}
const DEVICES = createDefaultSettings().devices

describe('readStartupSettings', () => {
  it('reads what the full schema reads, for well-formed settings', () => {
    const home = { ...ACCOUNT, id: 'home', enabled: false }
    const stored = {
      ...createDefaultSettings(),
      accounts: [ACCOUNT, home],
      defaultAccountId: 'home',
      theme: 'dark',
      devices: DEVICES,
      presence: { status: 'dnd', note: 'busy day', idleMinutes: 7 },
      calls: { followOwnDomainTransfers: true },
    }
    const full = parseStoredSettings(stored).settings
    expect(readStartupSettings(stored)).toEqual({
      accounts: full.accounts,
      defaultAccountId: full.defaultAccountId,
      theme: full.theme,
      devices: full.devices,
      presence: full.presence,
      // Start-up reads only what it needs of the call settings.
      calls: { followOwnDomainTransfers: full.calls.followOwnDomainTransfers },
    })
  })

  it('reads a version 1 file as the full schema migrates it', () => {
    const stored = { version: 1, account: V1_ACCOUNT, theme: 'dark' }
    // The full load takes an old plaintext TURN secret out first (into the vault).
    const full = parseStoredSettings(extractLegacySecrets(stored).raw).settings
    const read = readStartupSettings(stored)
    expect(read.accounts).toEqual(full.accounts)
    expect(read.defaultAccountId).toBe(MIGRATED_ACCOUNT_ID)
  })

  it('does not read a TURN secret older settings kept beside the server (the vault has it)', () => {
    expect(readStartupSettings({ account: V1_ACCOUNT }).accounts[0]?.iceServers).toEqual([
      { urls: 'turn:turn.example.com', username: 'u' },
    ])
  })

  it.each([
    ['not an object', 'garbage'],
    ['no account', {}],
    ['an empty address', { accounts: [{ ...ACCOUNT, aor: '' }] }],
    ['no id', { accounts: [{ ...ACCOUNT, id: undefined }] }],
    ['a control character', { accounts: [{ ...ACCOUNT, displayName: 'A\nB' }] }],
    ['a number for the server', { accounts: [{ ...ACCOUNT, server: 5 }] }],
    [
      'an ICE server that is not one',
      { accounts: [{ ...ACCOUNT, iceServers: [{ urls: 'http://x' }] }] },
    ],
    [
      'too many ICE servers',
      { accounts: [{ ...ACCOUNT, iceServers: Array(17).fill({ urls: 'stun:x' }) }] },
    ],
    ['an empty v1 address', { account: { ...V1_ACCOUNT, aor: '' } }],
  ])('leaves the account out with %s', (_, stored) => {
    expect(readStartupSettings(stored).accounts).toEqual([])
    expect(readStartupSettings(stored).defaultAccountId).toBe('')
  })

  it('falls back to the system theme, no devices and default preferences for anything odd', () => {
    const read = readStartupSettings({
      accounts: [{ ...ACCOUNT, registerExpires: 5, icePolicy: 'x' }],
      theme: 'neon',
      devices: { ringtone: 'yes' },
      presence: { status: 'gone', note: 7, idleMinutes: 0 },
    })
    expect(read.theme).toBe('system')
    expect(read.devices).toBeNull()
    expect(read.accounts[0]).toMatchObject({
      aor: ACCOUNT.aor,
      registerExpires: 600,
      icePolicy: 'all',
    })
    expect(read.presence).toEqual({ status: 'available', note: '', idleMinutes: 10 })
  })

  it('takes an account id as the IPC schema does', () => {
    expect(isAccountId('sip:alice@example.com')).toBe(true)
    expect(isAccountId('')).toBe(false)
    expect(isAccountId('a\u0000b')).toBe(false)
    expect(isAccountId('x'.repeat(513))).toBe(false)
  })
})

describe('browser platform: startup()', () => {
  it("reads the accounts and the enabled ones' passwords from the tab without the schema", async () => {
    const localStorage = createMemoryStorage()
    const sessionStorage = createMemoryStorage()
    const home = { ...ACCOUNT, id: 'home', enabled: false }
    localStorage.setItem(
      SETTINGS_KEY,
      JSON.stringify({ version: 2, accounts: [ACCOUNT, home], theme: 'light' }),
    )
    sessionStorage.setItem(`${PASSWORD_KEY_PREFIX}work`, 'secret')
    sessionStorage.setItem(`${PASSWORD_KEY_PREFIX}home`, 'other')
    const platform = createBrowserPlatform({ localStorage, sessionStorage })
    expect(await platform.startup()).toMatchObject({
      accounts: [ACCOUNT, home],
      defaultAccountId: 'work',
      passwords: { work: 'secret' },
      theme: 'light',
      devices: null,
    })
  })

  it('finds a version 1 password kept under the address', async () => {
    const localStorage = createMemoryStorage()
    const sessionStorage = createMemoryStorage()
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ version: 1, account: V1_ACCOUNT }))
    sessionStorage.setItem(PASSWORD_KEY_PREFIX + V1_ACCOUNT.aor, 'secret')
    const platform = createBrowserPlatform({ localStorage, sessionStorage })
    expect((await platform.startup()).passwords).toEqual({ [MIGRATED_ACCOUNT_ID]: 'secret' })
  })

  it('has nothing for a new tab, unreadable settings or no settings', async () => {
    const localStorage = createMemoryStorage()
    const platform = createBrowserPlatform({ localStorage, sessionStorage: createMemoryStorage() })
    expect((await platform.startup()).accounts).toEqual([])
    localStorage.setItem(SETTINGS_KEY, '{not json')
    expect(await platform.startup()).toMatchObject({ accounts: [], passwords: {}, theme: 'system' })
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ accounts: [ACCOUNT] }))
    expect(await platform.startup()).toMatchObject({
      accounts: [{ aor: ACCOUNT.aor }],
      passwords: { work: null },
    })
  })
})

describe('startupServers', () => {
  it('is one server per account start-up will open: enabled, with a password this tab knows', () => {
    const localStorage = createMemoryStorage()
    const sessionStorage = createMemoryStorage()
    const off = { ...ACCOUNT, id: 'off', enabled: false }
    const noPassword = { ...ACCOUNT, id: 'nopw', server: 'wss://elsewhere.example/ws' }
    const second = { ...ACCOUNT, id: 'second' }
    localStorage.setItem(
      SETTINGS_KEY,
      JSON.stringify({ version: 2, accounts: [ACCOUNT, off, noPassword, second] }),
    )
    for (const id of ['work', 'off', 'second'])
      sessionStorage.setItem(PASSWORD_KEY_PREFIX + id, 'pw')
    expect(startupServers(readBrowserStartup(localStorage, sessionStorage))).toEqual([
      ACCOUNT.server,
      ACCOUNT.server,
    ])
    expect(startupServers(readBrowserStartup(createMemoryStorage(), sessionStorage))).toEqual([])
  })
})
