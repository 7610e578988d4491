import { beforeEach, describe, expect, it } from 'vitest'
import { createDefaultSettings } from '@shared/settings'
import {
  PASSWORD_KEY_PREFIX,
  SETTINGS_KEY,
  createBrowserPlatform,
  createMemoryStorage,
} from './browser'
import type { SettingsRecovery } from './types'

const NOW = Date.UTC(2025, 0, 31, 10, 20, 30)

function platform() {
  return createBrowserPlatform({
    localStorage,
    sessionStorage,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.7339.80 Safari/537.36',
    now: () => NOW,
  })
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})

describe('browser platform', () => {
  it('is the browser kind and says so in app.info()', async () => {
    const p = platform()
    expect(p.kind).toBe('browser')
    expect(await p.app.info()).toEqual({
      name: 'Switchboard',
      version: 'web',
      platform: 'web',
      electron: null,
      chrome: '140.0.7339.80',
    })
  })

  describe('settings', () => {
    it('are the defaults at first', async () => {
      expect(await platform().settings.get()).toEqual(createDefaultSettings())
    })

    it('store a partial update in localStorage and read it back in a new page', async () => {
      const saved = await platform().settings.set({ presence: { note: 'In Berlin' } })
      expect(saved.presence.note).toBe('In Berlin')
      await platform().settings.set({ theme: 'dark' })
      const again = await platform().settings.get()
      expect(again.presence.note).toBe('In Berlin')
      expect(again.theme).toBe('dark')
      expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!)).toMatchObject({
        version: 2,
        theme: 'dark',
      })
    })

    it('writes made at once all land (each one reads what the one before wrote)', async () => {
      const p = platform()
      await Promise.all([
        p.settings.set({ theme: 'dark' }),
        p.settings.set({ presence: { note: 'Lunch' } }),
        p.settings.set({ dialing: { defaultRegion: 'DE' } }),
      ])
      const stored = await platform().settings.get()
      expect(stored.theme).toBe('dark')
      expect(stored.presence.note).toBe('Lunch')
      expect(stored.dialing.defaultRegion).toBe('DE')
    })

    it('refuse an invalid update and keep what was stored', async () => {
      const p = platform()
      await p.settings.set({ theme: 'dark' })
      await expect(p.settings.set({ theme: 'purple' } as never)).rejects.toThrow(/Invalid settings/)
      await expect(p.settings.set({ presence: { password: 'x' } } as never)).rejects.toThrow()
      expect((await p.settings.get()).theme).toBe('dark')
    })

    it.each(['not json {', '42', '"text"', 'null'])(
      'fall back to the defaults on garbage (%s), keep it aside and report it after ready()',
      async (garbage) => {
        localStorage.setItem(SETTINGS_KEY, garbage)
        const p = platform()
        const reports: SettingsRecovery[] = []
        p.on('settings:recovered', (r) => reports.push(r))
        expect(await p.settings.get()).toEqual(createDefaultSettings())
        expect(reports).toEqual([])
        await p.app.ready()
        const backup = `${SETTINGS_KEY}.corrupt-2025-01-31T10:20:30.000Z`
        expect(reports).toEqual([{ backup, problems: [expect.any(String)] }])
        expect(localStorage.getItem(backup)).toBe(garbage)
        // Stored clean now: no second report.
        await p.settings.get()
        expect(reports).toHaveLength(1)
      },
    )

    it('keep the valid fields of a partly invalid record', async () => {
      localStorage.setItem(
        SETTINGS_KEY,
        JSON.stringify({
          account: { aor: 'sip:alice@example.com', server: 'ws://127.0.0.1:5066', displayName: 7 },
          theme: 'dark',
        }),
      )
      const p = platform()
      await p.app.ready()
      const reports: SettingsRecovery[] = []
      p.on('settings:recovered', (r) => reports.push(r))
      const settings = await p.settings.get()
      expect(settings.accounts[0]?.aor).toBe('sip:alice@example.com')
      expect(settings.accounts[0]?.displayName).toBe('')
      expect(settings.theme).toBe('dark')
      expect(reports[0]?.problems).toEqual([expect.stringMatching(/^accounts\[0\]\.displayName/)])
    })
  })

  describe('credentials', () => {
    it('keep the password in the tab session only', async () => {
      const p = platform()
      expect(await p.credentials.status()).toEqual({
        encryption: 'session-only',
        persistent: false,
      })
      expect(await p.credentials.get({ accountId: 'sip:alice@example.com' })).toBeNull()
      expect(
        await p.credentials.set({ accountId: 'sip:alice@example.com', password: 'pw' }),
      ).toEqual({
        encryption: 'session-only',
        persistent: false,
      })
      expect(sessionStorage.getItem(`${PASSWORD_KEY_PREFIX}sip:alice@example.com`)).toBe('pw')
      expect(JSON.stringify({ ...localStorage })).not.toContain('pw')
      // A reload (a new bridge over the same tab) still has it.
      expect(await platform().credentials.get({ accountId: 'sip:alice@example.com' })).toBe('pw')
      await p.credentials.delete({ accountId: 'sip:alice@example.com' })
      expect(await p.credentials.get({ accountId: 'sip:alice@example.com' })).toBeNull()
    })

    it('refuse what main would refuse', async () => {
      const p = platform()
      await expect(p.credentials.set({ accountId: '', password: 'pw' })).rejects.toThrow()
      await expect(
        p.credentials.set({ accountId: 'sip:alice@example.com', password: '' }),
      ).rejects.toThrow()
      await expect(p.credentials.get({ accountId: 'a\nb' })).rejects.toThrow()
    })
  })

  it('has no sleep/wake signal: subscribing is harmless', () => {
    const p = platform()
    const off = p.on('power:resume', () => {
      throw new Error('never')
    })
    p.on('power:suspend', () => {})()
    off()
  })
})

describe('createMemoryStorage', () => {
  it('behaves like Storage', () => {
    const s = createMemoryStorage()
    s.setItem('a', '1')
    s.setItem('b', '2')
    expect(s.length).toBe(2)
    expect(s.getItem('a')).toBe('1')
    expect(s.key(1)).toBe('b')
    s.removeItem('a')
    expect(s.getItem('a')).toBeNull()
    s.clear()
    expect(s.length).toBe(0)
  })
})
