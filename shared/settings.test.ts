import { describe, expect, it } from 'vitest'
import {
  applySettingsPatch,
  extractLegacySecrets,
  createDefaultSettings,
  parseStoredSettings,
  parseWebSocketServer,
  serializeSettings,
  settingsPatchSchema,
  settingsSchema,
} from './settings'

describe('defaults', () => {
  it('are valid settings with no account and no ICE servers', () => {
    const defaults = createDefaultSettings()
    expect(settingsSchema.parse(defaults)).toEqual(defaults)
    expect(defaults).toEqual({
      account: { aor: '', server: '', username: '', displayName: '', iceServers: [] },
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
      },
      devices: {
        microphone: { deviceId: '', label: '' },
        camera: { deviceId: '', label: '' },
        speaker: { deviceId: '', label: '' },
        ringer: { deviceId: '', label: '' },
        ringtone: true,
      },
      chat: { sendReadReceipts: true },
    })
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
    a.account.iceServers.push({ urls: 'stun:stun.example.com' })
    expect(createDefaultSettings().account.iceServers).toEqual([])
  })
})

describe('account fields', () => {
  const account = (fields: Record<string, unknown>) =>
    settingsPatchSchema.safeParse({ account: fields }).success

  it.each([
    ['', true],
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
    ['', true],
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
    s.account = {
      aor: 'sip:alice@example.com',
      server: 'wss://sip.example.com',
      username: 'alice',
      displayName: 'Alice',
      iceServers: [{ urls: 'stun:stun.example.com' }],
    }
    return s
  }

  it('changes only the fields given, within a section too', () => {
    const next = applySettingsPatch(current(), {
      account: { displayName: 'Alice A.' },
      theme: 'dark',
    })
    expect(next.account).toEqual({ ...current().account, displayName: 'Alice A.' })
    expect(next.theme).toBe('dark')
    expect(next.locale).toBe(current().locale)
  })

  it('replaces arrays whole', () => {
    const next = applySettingsPatch(current(), { account: { iceServers: [] } })
    expect(next.account.iceServers).toEqual([])
  })

  it('throws on an invalid patch and leaves the input alone', () => {
    const before = current()
    expect(() => applySettingsPatch(before, { account: { server: 'http://x' } } as never)).toThrow()
    expect(before).toEqual(current())
  })

  it('does not change its input', () => {
    const before = current()
    applySettingsPatch(before, { theme: 'light', account: { aor: '' } })
    expect(before).toEqual(current())
  })
})

describe('parseStoredSettings', () => {
  it('reads back what serializeSettings wrote', () => {
    const settings = applySettingsPatch(createDefaultSettings(), {
      theme: 'dark',
      account: { aor: 'sip:bob@example.com', server: 'wss://pbx.example.com' },
    })
    const result = parseStoredSettings(JSON.parse(serializeSettings(settings)))
    expect(result).toEqual({ settings, problems: [] })
  })

  it('fills fields missing from an older file with defaults, without calling it a problem', () => {
    const result = parseStoredSettings({ version: 1, account: { aor: 'sip:bob@example.com' } })
    expect(result.problems).toEqual([])
    expect(result.settings.account.aor).toBe('sip:bob@example.com')
    expect(result.settings.account.server).toBe('')
    expect(result.settings.theme).toBe('system')
  })

  it('keeps the valid fields and lists the invalid ones', () => {
    const result = parseStoredSettings({
      account: { aor: 'sip:bob@example.com', server: 'ftp://x', displayName: 42 },
      theme: 'purple',
      locale: 'system',
      credentials: 'yes',
    })
    expect(result.settings.account.aor).toBe('sip:bob@example.com')
    expect(result.settings.account.server).toBe('')
    expect(result.settings.account.displayName).toBe('')
    expect(result.settings.theme).toBe('system')
    expect(result.settings.credentials.acceptWeakEncryption).toBe(false)
    expect(result.problems).toHaveLength(4)
    expect(result.problems.join('\n')).toMatch(/account\.server/)
    expect(result.problems.join('\n')).toMatch(/theme/)
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
    expect(problems).toEqual([])
    expect(settings.account.iceServers).toEqual([
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
      desktop: { startAtLogin: true, startMinimized: false, trayHintShown: true, checkForUpdates: true },
    })
    expect(problems).toEqual([])
    expect(settings.desktop.startAtLogin).toBe(true)
    expect(settings.desktop.globalShortcuts.enabled).toBe(false)
  })
})

describe('language', () => {
  it("a version 1 file's 'en' was never chosen (English was all there was): the OS decides", () => {
    expect(parseStoredSettings({ version: 1, locale: 'en' }).settings.locale).toBe('system')
    expect(parseStoredSettings({ version: 2, locale: 'en' }).settings.locale).toBe('en')
    expect(parseStoredSettings({ version: 1, locale: 'ar' }).settings.locale).toBe('ar')
  })
})
