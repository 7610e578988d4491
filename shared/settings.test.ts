import { describe, expect, it } from 'vitest'
import {
  applySettingsPatch,
  extractLegacySecrets,
  createDefaultSettings,
  MIGRATED_ACCOUNT_ID,
  parseStoredSettings,
  parseWebSocketServer,
  serializeSettings,
  settingsPatchSchema,
  settingsSchema,
} from './settings'

const ACCOUNT = {
  id: 'work',
  enabled: true,
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
  username: 'alice',
  realm: '',
  displayName: 'Alice',
  iceServers: [{ urls: 'stun:stun.example.com' }],
  icePolicy: 'all' as const,
  dtmfMethod: 'rfc4733' as const,
  defaultRegion: '',
  registerExpires: 600,
  outboundProxy: '',
}

describe('defaults', () => {
  it('are valid settings with no account and no ICE servers', () => {
    const defaults = createDefaultSettings()
    expect(settingsSchema.parse(defaults)).toEqual(defaults)
    expect(defaults).toEqual({
      accounts: [],
      defaultAccountId: '',
      theme: 'system',
      locale: 'system',
      credentials: { acceptWeakEncryption: false },
      dialing: { defaultRegion: '', confirmLinks: true },
      desktop: {
        startAtLogin: false,
        startMinimized: false,
        trayHintShown: false,
        checkForUpdates: true,
        globalShortcuts: {
          enabled: false,
          answer: 'CommandOrControl+Shift+A',
          hangUp: 'CommandOrControl+Shift+E',
        },
        linkHandler: 'unasked',
      },
      devices: {
        microphone: { deviceId: '', label: '' },
        camera: { deviceId: '', label: '' },
        speaker: { deviceId: '', label: '' },
        ringer: { deviceId: '', label: '' },
        ringtone: true,
      },
      chat: { sendReadReceipts: true },
      presence: { status: 'available', note: '', idleMinutes: 10 },
      calls: {
        followOwnDomainTransfers: false,
        intercomAutoAnswer: false,
        deskPhone: {},
        recordingTone: false,
      },
    })
  })

  it('desk-phone preferences: an older file without them gets the defaults; bad numbers are set aside', () => {
    const older = createDefaultSettings() as { calls: Record<string, unknown> }
    delete older.calls.intercomAutoAnswer
    delete older.calls.deskPhone
    const read = parseStoredSettings({ version: 1, ...older })
    expect(read.settings.calls).toMatchObject({ intercomAutoAnswer: false, deskPhone: {} })
    const set = applySettingsPatch(createDefaultSettings(), {
      calls: {
        intercomAutoAnswer: true,
        deskPhone: { a1: { voicemailNumber: '*97', pickupCode: '**' } },
      },
    })
    expect(set.calls.deskPhone.a1).toEqual({ voicemailNumber: '*97', pickupCode: '**' })
    expect(() =>
      applySettingsPatch(createDefaultSettings(), {
        calls: { deskPhone: { a1: { voicemailNumber: '<sip:x>', pickupCode: '*8' } } },
      }),
    ).toThrow()
    expect(() =>
      applySettingsPatch(createDefaultSettings(), {
        calls: { deskPhone: { a1: { voicemailNumber: '*97', pickupCode: 'abc' } } },
      }),
    ).toThrow()
  })

  it('send read receipts unless turned off; an older file without the section gets the default', () => {
    const off = applySettingsPatch(createDefaultSettings(), { chat: { sendReadReceipts: false } })
    expect(off.chat.sendReadReceipts).toBe(false)
    const { chat: _dropped, ...older } = createDefaultSettings()
    expect(parseStoredSettings({ version: 1, ...older })).toEqual({
      settings: createDefaultSettings(),
      problems: [],
    })
  })

  it('are a fresh object each time', () => {
    const a = createDefaultSettings()
    a.accounts.push({ ...ACCOUNT, id: 'x' })
    expect(createDefaultSettings().accounts).toEqual([])
  })
})

describe('account fields', () => {
  const account = (fields: Record<string, unknown>) =>
    settingsPatchSchema.safeParse({ accounts: [{ ...ACCOUNT, ...fields }] }).success

  it.each([
    ['', false],
    ['sip:alice@example.com', true],
    // Issue 10 row 11: the sign-in form's rules (sip: only, no parameters, normalised).
    ['sips:alice@example.com', false],
    ['sip:alice@127.0.0.1:5060', true],
    ['sip:alice@example.com;transport=ws', false],
    ['sip:alice@EXAMPLE.com', false],
    ['alice@example.com', false],
    ['sip:example.com', false],
    ['tel:+15551234', false],
    ['sip:a b@example.com', false],
  ])('aor %j → %s', (aor, ok) => {
    expect(account({ aor })).toBe(ok)
  })

  it.each([
    ['', false],
    ['wss://sip.example.com/ws', true],
    ['wss://sip.example.com:8443', true],
    ['ws://127.0.0.1:8080', true],
    ['ws://[::1]:5066', true],
    ['https://sip.example.com', false],
    ['sip.example.com', false],
    ['wss://user:secret@sip.example.com', false],
    ["wss://evil.example; script-src 'unsafe-inline'", false],
    ['wss://a b', false],
    ['ws://pbx.example.com', false],
    ['wss://sip.example.com/ws\n', true], // trimmed
    ['wss://sip.example.com/w\ts', false],
  ])('server %j → %s', (server, ok) => {
    expect(account({ server })).toBe(ok)
  })

  // Issue 10 row 11: SIP.js writes the display name into From without escaping.
  it.each([
    ['Alice', true],
    ['Alice "the boss"', false],
    ['Back\\slash', false],
    ['Tab\there', false],
    ['Line\nbreak', false],
  ])('displayName %j → %s', (displayName, ok) => {
    expect(account({ displayName })).toBe(ok)
  })

  it.each([
    ['alice', true],
    ['al ice', false],
    ['ali\u0000ce', false],
  ])('username %j → %s', (username, ok) => {
    expect(account({ username })).toBe(ok)
  })

  it('parseWebSocketServer gives the URL of a valid server only', () => {
    expect(parseWebSocketServer('wss://sip.example.com:8443/ws')?.host).toBe('sip.example.com:8443')
    expect(parseWebSocketServer('not a url')).toBeNull()
  })

  it.each([
    [[{ urls: 'stun:stun.example.com:3478' }], true],
    [[{ urls: 'turns:turn.example.com', username: 'u' }], true],
    // Issue 10 row 12: the TURN credential is not a setting (it lives in the vault).
    [[{ urls: 'turns:turn.example.com', username: 'u', credential: 'c' }], false],
    [[{ urls: 'https://turn.example.com' }], false],
    [[{ urls: 'stun:x', extra: 1 }], false],
    ['stun:x', false],
  ])('iceServers %j → %s', (iceServers, ok) => {
    expect(account({ iceServers })).toBe(ok)
  })

  it.each([
    [{ id: 'a b' }, false],
    [{ id: '' }, false],
    [{ id: 'account-1' }, true],
    [{ registerExpires: 59 }, false],
    [{ registerExpires: 3600 }, true],
    [{ registerExpires: 60.5 }, false],
    [{ icePolicy: 'relay' }, true],
    [{ icePolicy: 'none' }, false],
    [{ dtmfMethod: 'info' }, true],
    [{ dtmfMethod: 'inband' }, false],
    [{ realm: 'example.com' }, true],
    [{ realm: 'exa mple' }, false],
    [{ outboundProxy: 'sip:proxy.example.com;lr' }, true],
    [{ outboundProxy: 'http://proxy' }, false],
    [{ defaultRegion: 'DE' }, true],
    [{ enabled: 'yes' }, false],
  ])('%j → %s', (fields, ok) => {
    expect(account(fields)).toBe(ok)
  })

  it('refuses two accounts with one id', () => {
    expect(settingsPatchSchema.safeParse({ accounts: [ACCOUNT, ACCOUNT] }).success).toBe(false)
    expect(
      settingsPatchSchema.safeParse({ accounts: [ACCOUNT, { ...ACCOUNT, id: 'home' }] }).success,
    ).toBe(true)
  })

  it('refuses a password in the account: passwords belong to the vault', () => {
    expect(account({ password: 'hunter2' })).toBe(false)
  })

  it('refuses control characters in the display name', () => {
    expect(account({ displayName: 'Alice\r\nVia: evil' })).toBe(false)
    expect(account({ displayName: 'Alice Ö. Smith' })).toBe(true)
  })
})

describe('settingsPatchSchema', () => {
  it.each([
    [{}, true],
    [{ theme: 'dark' }, true],
    [{ theme: 'purple' }, false],
    [{ locale: 'en' }, true],
    [{ locale: 'xx' }, false],
    [{ credentials: { acceptWeakEncryption: true } }, true],
    [{ credentials: { acceptWeakEncryption: 'yes' } }, false],
    [{ unknown: 1 }, false],
    [null, false],
    ['theme=dark', false],
  ])('%j → %s', (patch, ok) => {
    expect(settingsPatchSchema.safeParse(patch).success).toBe(ok)
  })
})

describe('applySettingsPatch', () => {
  const current = () => {
    const s = createDefaultSettings()
    s.accounts = [{ ...ACCOUNT }]
    s.defaultAccountId = ACCOUNT.id
    return s
  }

  it('changes only the fields given, within a section too', () => {
    const next = applySettingsPatch(current(), {
      presence: { note: 'In Berlin' },
      theme: 'dark',
    })
    expect(next.presence).toEqual({ ...current().presence, note: 'In Berlin' })
    expect(next.accounts).toEqual(current().accounts)
    expect(next.theme).toBe('dark')
    expect(next.locale).toBe(current().locale)
  })

  it('replaces the account list whole', () => {
    const home = { ...ACCOUNT, id: 'home', aor: 'sip:alice@home.example' }
    const next = applySettingsPatch(current(), { accounts: [home, ACCOUNT] })
    expect(next.accounts.map((a) => a.id)).toEqual(['home', 'work'])
  })

  it('throws on an invalid patch and leaves the input alone', () => {
    const before = current()
    expect(() =>
      applySettingsPatch(before, { accounts: [{ ...ACCOUNT, server: 'http://x' }] } as never),
    ).toThrow()
    expect(before).toEqual(current())
  })

  it('does not change its input', () => {
    const before = current()
    applySettingsPatch(before, { theme: 'light', accounts: [] })
    expect(before).toEqual(current())
  })
})

describe('parseStoredSettings', () => {
  it('reads back what serializeSettings wrote', () => {
    const settings = applySettingsPatch(createDefaultSettings(), {
      theme: 'dark',
      accounts: [ACCOUNT, { ...ACCOUNT, id: 'home', enabled: false, icePolicy: 'relay' }],
      defaultAccountId: 'home',
      presence: { status: 'dnd', note: 'Away till 3', idleMinutes: 5 },
      calls: { followOwnDomainTransfers: true },
    })
    const result = parseStoredSettings(JSON.parse(serializeSettings(settings)))
    expect(result).toEqual({ settings, problems: [] })
  })

  it('fills fields missing from an older file with defaults, without calling it a problem', () => {
    const result = parseStoredSettings({
      version: 2,
      accounts: [{ id: 'a', aor: ACCOUNT.aor, server: ACCOUNT.server }],
    })
    expect(result.problems).toEqual([])
    expect(result.settings.accounts[0]).toMatchObject({
      id: 'a',
      enabled: true,
      registerExpires: 600,
      icePolicy: 'all',
    })
    expect(result.settings.defaultAccountId).toBe('a')
    expect(result.settings.theme).toBe('system')
  })

  it('keeps the valid fields and lists the invalid ones', () => {
    const result = parseStoredSettings({
      accounts: [
        { ...ACCOUNT, displayName: 42, registerExpires: 'soon' },
        { id: 'bad', aor: 'x' },
      ],
      theme: 'purple',
      locale: 'system',
      credentials: 'yes',
    })
    expect(result.settings.accounts).toEqual([{ ...ACCOUNT, displayName: '' }])
    expect(result.settings.theme).toBe('system')
    expect(result.settings.credentials.acceptWeakEncryption).toBe(false)
    const problems = result.problems.join('\n')
    expect(problems).toMatch(/accounts\[0\]\.displayName/)
    expect(problems).toMatch(/accounts\[0\]\.registerExpires/)
    expect(problems).toMatch(/accounts\[1\]: dropped/)
    expect(problems).toMatch(/theme/)
    expect(problems).toMatch(/credentials/)
  })

  it('a default that names no account falls back to the first', () => {
    const result = parseStoredSettings({ accounts: [ACCOUNT], defaultAccountId: 'gone' })
    expect(result.settings.defaultAccountId).toBe('work')
  })

  it.each([[null], [42], ['text'], [[1, 2]]])(
    'replaces %j by the defaults, as a problem',
    (raw) => {
      const result = parseStoredSettings(raw)
      expect(result.settings).toEqual(createDefaultSettings())
      expect(result.problems).toEqual(['not a JSON object'])
    },
  )

  it('ignores unknown keys', () => {
    const result = parseStoredSettings({ theme: 'light', futureThing: { a: 1 } })
    expect(result.problems).toEqual([])
    expect(result.settings).not.toHaveProperty('futureThing')
  })

  it('flags a file written by a newer version but keeps what it can read', () => {
    const result = parseStoredSettings({ version: 99, theme: 'dark' })
    expect(result.settings.theme).toBe('dark')
    expect(result.problems[0]).toMatch(/newer version/)
  })
})

describe('dialing and desktop settings', () => {
  it.each([
    [{ dialing: { defaultRegion: 'GB' } }, true],
    [{ dialing: { defaultRegion: '' } }, true],
    [{ dialing: { defaultRegion: 'gb' } }, false],
    [{ dialing: { defaultRegion: 'GBR' } }, false],
    [{ dialing: { confirmLinks: false } }, true],
    [{ desktop: { startAtLogin: true, startMinimized: true } }, true],
    [{ desktop: { startAtLogin: 'yes' } }, false],
    [{ desktop: { autoUpdate: true } }, false],
  ])('%j → %s', (patch, ok) => {
    expect(settingsPatchSchema.safeParse(patch).success).toBe(ok)
  })

  it('merge field by field and salvage a bad stored value', () => {
    const next = applySettingsPatch(createDefaultSettings(), { dialing: { defaultRegion: 'DE' } })
    expect(next.dialing).toEqual({ defaultRegion: 'DE', confirmLinks: true })
    const stored = parseStoredSettings({ dialing: { defaultRegion: 42, confirmLinks: false } })
    expect(stored.settings.dialing).toEqual({ defaultRegion: '', confirmLinks: false })
    expect(stored.problems).toEqual([expect.stringMatching(/^dialing\.defaultRegion: /)])
  })
})

describe('device settings', () => {
  const headset = { deviceId: 'a1b2c3', label: 'USB Headset (0b0e:245d)' }

  it.each([
    [{ devices: { microphone: headset } }, true],
    [{ devices: { speaker: { deviceId: '', label: '' } } }, true],
    [{ devices: { ringtone: false } }, true],
    [{ devices: { microphone: { deviceId: 'a1b2c3' } } }, false],
    [{ devices: { microphone: { ...headset, groupId: 'g' } } }, false],
    [{ devices: { camera: { deviceId: 'x', label: 'Cam\nera' } } }, false],
    [{ devices: { camera: { deviceId: 'x'.repeat(257), label: '' } } }, false],
    [{ devices: { headphones: headset } }, false],
    [{ devices: { ringtone: 'off' } }, false],
  ])('%j → %s', (patch, ok) => {
    expect(settingsPatchSchema.safeParse(patch).success).toBe(ok)
  })

  it('replace one choice whole and keep the others', () => {
    const once = applySettingsPatch(createDefaultSettings(), { devices: { microphone: headset } })
    const twice = applySettingsPatch(once, {
      devices: { ringer: { deviceId: 'r', label: 'Bell' } },
    })
    expect(twice.devices).toEqual({
      ...createDefaultSettings().devices,
      microphone: headset,
      ringer: { deviceId: 'r', label: 'Bell' },
    })
  })

  it('survive a write and a read', () => {
    const settings = applySettingsPatch(createDefaultSettings(), {
      devices: { speaker: headset, ringtone: false },
    })
    expect(parseStoredSettings(JSON.parse(serializeSettings(settings)))).toEqual({
      settings,
      problems: [],
    })
  })

  it('salvage choice by choice: a bad one is reset and listed, the good ones stay', () => {
    const stored = parseStoredSettings({
      devices: {
        microphone: headset,
        camera: { deviceId: 42, label: 'Cam' },
        speaker: 'default',
        ringtone: false,
      },
    })
    expect(stored.settings.devices).toEqual({
      ...createDefaultSettings().devices,
      microphone: headset,
      ringtone: false,
    })
    expect(stored.problems).toEqual([
      expect.stringMatching(/^devices\.camera: /),
      expect.stringMatching(/^devices\.speaker: /),
    ])
  })

  it('default to the system devices in a file written before devices existed', () => {
    const stored = parseStoredSettings({ version: 1, theme: 'dark' })
    expect(stored.problems).toEqual([])
    expect(stored.settings.devices).toEqual(createDefaultSettings().devices)
  })

  it('list a devices section that is not an object', () => {
    const stored = parseStoredSettings({ devices: [headset] })
    expect(stored.settings.devices).toEqual(createDefaultSettings().devices)
    expect(stored.problems).toEqual(['devices: not an object'])
  })
})

describe('legacy TURN credentials (issue 10 row 12)', () => {
  it('takes plaintext credentials out of an old file, keyed for the vault', () => {
    const raw = {
      version: 1,
      account: {
        aor: 'sip:alice@example.com',
        iceServers: [
          { urls: 'turn:turn.example.com', username: 'alice', credential: 's3cret' },
          { urls: 'stun:stun.example.com' },
        ],
      },
    }
    const { raw: cleaned, secrets } = extractLegacySecrets(raw)
    expect(secrets).toEqual([{ id: 'ice:alice@turn:turn.example.com', secret: 's3cret' }])
    expect(JSON.stringify(cleaned)).not.toContain('s3cret')
    expect(JSON.stringify(raw)).toContain('s3cret') // the input is not changed
    const { settings, problems } = parseStoredSettings(cleaned)
    expect(settings.accounts).toEqual([])
    // No server: that old account was never signed in, and is not carried over.
    expect(problems).toEqual(['accounts[0]: dropped (no usable id, address or server)'])
    const withServer = parseStoredSettings({
      ...(cleaned as object),
      account: { ...(cleaned as { account: object }).account, server: 'wss://sip.example.com' },
    })
    expect(withServer.problems).toEqual([])
    expect(withServer.settings.accounts[0]?.iceServers).toEqual([
      { urls: 'turn:turn.example.com', username: 'alice' },
      { urls: 'stun:stun.example.com' },
    ])
  })

  it('leaves anything else alone', () => {
    expect(extractLegacySecrets(null).secrets).toEqual([])
    expect(extractLegacySecrets({ account: { iceServers: 'x' } }).secrets).toEqual([])
  })
})

describe('global shortcuts', () => {
  it('are off by default, and an accelerator is checked', () => {
    const base = createDefaultSettings()
    expect(base.desktop.globalShortcuts.enabled).toBe(false)
    const on = applySettingsPatch(base, {
      desktop: { globalShortcuts: { enabled: true, answer: 'Alt+F9', hangUp: '' } },
    })
    expect(on.desktop.globalShortcuts).toEqual({ enabled: true, answer: 'Alt+F9', hangUp: '' })
    expect(() =>
      applySettingsPatch(base, {
        desktop: { globalShortcuts: { enabled: true, answer: 'Ctrl+A\nX', hangUp: '' } },
      }),
    ).toThrow()
  })

  it('an older file without them gets the defaults', () => {
    const { settings, problems } = parseStoredSettings({
      version: 1,
      desktop: {
        startAtLogin: true,
        startMinimized: false,
        trayHintShown: true,
        checkForUpdates: true,
      },
    })
    expect(problems).toEqual([])
    expect(settings.desktop.startAtLogin).toBe(true)
    expect(settings.desktop.globalShortcuts.enabled).toBe(false)
    // Never asked about links: the app asks once, it does not assume.
    expect(settings.desktop.linkHandler).toBe('unasked')
  })

  it('remembers the answer about links; anything else is refused', () => {
    const base = createDefaultSettings()
    expect(
      applySettingsPatch(base, { desktop: { linkHandler: 'declined' } }).desktop.linkHandler,
    ).toBe('declined')
    expect(() =>
      applySettingsPatch(base, { desktop: { linkHandler: 'always' as 'accepted' } }),
    ).toThrow()
  })
})

describe('language', () => {
  it("a version 1 file's 'en' was never chosen (English was all there was): the OS decides", () => {
    expect(parseStoredSettings({ version: 1, locale: 'en' }).settings.locale).toBe('system')
    expect(parseStoredSettings({ version: 2, locale: 'en' }).settings.locale).toBe('en')
    expect(parseStoredSettings({ version: 1, locale: 'ar' }).settings.locale).toBe('ar')
  })
})

describe('migration from a version 1 file (one account, preferences in localStorage)', () => {
  // What a single-account release wrote (settings.json / the browser's localStorage copy).
  const v1 = {
    version: 1,
    account: {
      aor: 'sip:alice@127.0.0.1',
      server: 'ws://127.0.0.1:5066',
      username: 'alice',
      displayName: 'Alice Liddell',
      iceServers: [{ urls: 'turn:127.0.0.1:3478', username: 'alice' }],
    },
    theme: 'dark',
    locale: 'en',
    credentials: { acceptWeakEncryption: false },
    dialing: { defaultRegion: 'GB', confirmLinks: false },
    chat: { sendReadReceipts: false },
  }

  it('makes the one account the first, enabled, default account and keeps everything else', () => {
    const { settings, problems } = parseStoredSettings(v1)
    expect(problems).toEqual([])
    expect(settings.accounts).toEqual([
      {
        id: MIGRATED_ACCOUNT_ID,
        enabled: true,
        aor: 'sip:alice@127.0.0.1',
        server: 'ws://127.0.0.1:5066',
        username: 'alice',
        realm: '',
        displayName: 'Alice Liddell',
        iceServers: [{ urls: 'turn:127.0.0.1:3478', username: 'alice' }],
        icePolicy: 'all',
        dtmfMethod: 'rfc4733',
        defaultRegion: '',
        registerExpires: 600,
        outboundProxy: '',
      },
    ])
    expect(settings.defaultAccountId).toBe(MIGRATED_ACCOUNT_ID)
    expect(settings.theme).toBe('dark')
    expect(settings.dialing).toEqual({ defaultRegion: 'GB', confirmLinks: false })
    expect(settings.chat.sendReadReceipts).toBe(false)
    expect(settings.presence).toEqual(createDefaultSettings().presence)
  })

  it('a signed-out version 1 file (empty address) has no account', () => {
    const { settings, problems } = parseStoredSettings({
      ...v1,
      account: { ...v1.account, aor: '' },
    })
    expect(problems).toEqual([])
    expect(settings.accounts).toEqual([])
    expect(settings.defaultAccountId).toBe('')
  })

  it('writes version 2 and reads it back unchanged', () => {
    const { settings } = parseStoredSettings(v1)
    const written = JSON.parse(serializeSettings(settings)) as { version: number }
    expect(written.version).toBe(2)
    expect(written).not.toHaveProperty('account')
    expect(parseStoredSettings(written)).toEqual({ settings, problems: [] })
  })
})
