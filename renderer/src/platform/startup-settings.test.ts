import { describe, expect, it } from 'vitest'
import { createDefaultSettings, parseStoredSettings } from '@shared/settings'
import { createBrowserPlatform, createMemoryStorage, PASSWORD_KEY_PREFIX, SETTINGS_KEY } from './browser'
import { isAccountId, readStartupSettings } from './startup-settings'

const ACCOUNT = {
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
  username: 'alice',
  displayName: 'Alice',
  iceServers: [{ urls: 'turn:turn.example.com', username: 'u', credential: 'c' }],
}
const DEVICES = createDefaultSettings().devices

describe('readStartupSettings', () => {
  it('reads what the full schema reads, for well-formed settings', () => {
    const account = { ...ACCOUNT, iceServers: [{ urls: 'turn:turn.example.com', username: 'u' }] }
    const stored = { ...createDefaultSettings(), account, theme: 'dark', devices: DEVICES }
    const full = parseStoredSettings(stored).settings
    expect(readStartupSettings(stored)).toEqual({
      account: full.account,
      theme: full.theme,
      devices: full.devices,
    })
  })

  it('does not read a TURN secret older settings kept beside the server (the vault has it)', () => {
    expect(readStartupSettings({ account: ACCOUNT }).account?.iceServers).toEqual([
      { urls: 'turn:turn.example.com', username: 'u' },
    ])
  })

  it.each([
    ['not an object', 'garbage'],
    ['no account', {}],
    ['an empty address', { account: { ...ACCOUNT, aor: '' } }],
    ['a control character', { account: { ...ACCOUNT, displayName: 'A\nB' } }],
    ['a number for the server', { account: { ...ACCOUNT, server: 5 } }],
    ['an ICE server that is not one', { account: { ...ACCOUNT, iceServers: [{ urls: 'http://x' }] } }],
    ['too many ICE servers', { account: { ...ACCOUNT, iceServers: Array(17).fill({ urls: 'stun:x' }) } }],
  ])('leaves the account out with %s', (_, stored) => {
    expect(readStartupSettings(stored).account).toBeNull()
  })

  it('falls back to the system theme and no devices for anything odd', () => {
    const read = readStartupSettings({ account: ACCOUNT, theme: 'neon', devices: { ringtone: 'yes' } })
    expect(read.theme).toBe('system')
    expect(read.devices).toBeNull()
    expect(read.account?.aor).toBe(ACCOUNT.aor)
  })

  it('takes an account id as the IPC schema does', () => {
    expect(isAccountId('sip:alice@example.com')).toBe(true)
    expect(isAccountId('')).toBe(false)
    expect(isAccountId('a\u0000b')).toBe(false)
    expect(isAccountId('x'.repeat(513))).toBe(false)
  })
})

describe('browser platform: startup()', () => {
  it('reads the account and its password from the tab without the schema', async () => {
    const localStorage = createMemoryStorage()
    const sessionStorage = createMemoryStorage()
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ version: 1, account: ACCOUNT, theme: 'light' }))
    sessionStorage.setItem(PASSWORD_KEY_PREFIX + ACCOUNT.aor, 'secret')
    const platform = createBrowserPlatform({ localStorage, sessionStorage })
    expect(await platform.startup()).toEqual({
      account: { ...ACCOUNT, iceServers: [{ urls: 'turn:turn.example.com', username: 'u' }] },
      password: 'secret',
      theme: 'light',
      devices: null,
    })
  })

  it('has nothing for a new tab, unreadable settings or no settings', async () => {
    const localStorage = createMemoryStorage()
    const platform = createBrowserPlatform({ localStorage, sessionStorage: createMemoryStorage() })
    expect((await platform.startup()).account).toBeNull()
    localStorage.setItem(SETTINGS_KEY, '{not json')
    expect(await platform.startup()).toMatchObject({ account: null, password: null, theme: 'system' })
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ account: ACCOUNT }))
    expect(await platform.startup()).toMatchObject({ account: { aor: ACCOUNT.aor }, password: null })
  })
})
