import fs from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDefaultSettings } from '@shared/settings'
import type { AccountSettings } from '@shared/settings'
import { recordingLogger, tempDir } from '../test/helpers'
import type { FileSystem } from './atomic-file'
import { SETTINGS_FILE, corruptFileName, createSettingsStore } from './settings-store'

const NOW = Date.UTC(2025, 0, 31, 10, 20, 30)

const ALICE: AccountSettings = {
  id: 'account-1',
  enabled: true,
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
  username: '',
  realm: '',
  displayName: '',
  iceServers: [],
  icePolicy: 'all',
  dtmfMethod: 'rfc4733',
  defaultRegion: '',
  registerExpires: 600,
  outboundProxy: '',
}

async function setup(fileSystem: FileSystem = fs) {
  const dir = await tempDir()
  const log = recordingLogger('settings')
  const store = createSettingsStore({ dir, fs: fileSystem, now: () => NOW, log })
  const file = join(dir, SETTINGS_FILE)
  const readJson = async () =>
    JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>
  return { dir, log, store, file, readJson }
}

describe('settings store', () => {
  it('starts from the defaults when there is no file, and creates none just by loading', async () => {
    const { dir, store } = await setup()
    expect(await store.load()).toBeNull()
    expect(store.get()).toEqual(createDefaultSettings())
    expect(await fs.readdir(dir)).toEqual([])
  })

  it('stores a partial update and reads it back after a restart', async () => {
    const { dir, store, readJson } = await setup()
    await store.load()
    const saved = await store.update({ accounts: [ALICE], defaultAccountId: ALICE.id })
    expect(saved.accounts[0]?.aor).toBe('sip:alice@example.com')
    expect(saved.theme).toBe('system')
    expect(await readJson()).toMatchObject({
      version: 2,
      accounts: [{ aor: 'sip:alice@example.com' }],
    })
    // Only the file itself: the temporary file was renamed over it.
    expect(await fs.readdir(dir)).toEqual([SETTINGS_FILE])

    const again = createSettingsStore({ dir, fs, now: () => NOW, log: recordingLogger() })
    expect(await again.load()).toBeNull()
    expect(again.get()).toEqual(saved)
  })

  it('refuses an invalid update and changes nothing', async () => {
    const { store, readJson } = await setup()
    await store.load()
    await store.update({ theme: 'dark' })
    let notified = 0
    store.onChange(() => (notified += 1))
    await expect(store.update({ theme: 'purple' } as never)).rejects.toThrow()
    await expect(
      store.update({ accounts: [{ ...ALICE, password: 'x' }] } as never),
    ).rejects.toThrow()
    expect(store.get().theme).toBe('dark')
    expect(await readJson()).toMatchObject({ theme: 'dark' })
    expect(notified).toBe(0)
  })

  it('tells listeners about real changes only', async () => {
    const { store } = await setup()
    await store.load()
    const seen: [string, string][] = []
    const off = store.onChange((next, previous) => seen.push([previous.theme, next.theme]))
    await store.update({ theme: 'dark' })
    await store.update({ theme: 'dark' })
    off()
    await store.update({ theme: 'light' })
    expect(seen).toEqual([['system', 'dark']])
  })

  it('applies concurrent updates one after the other', async () => {
    const { store, readJson } = await setup()
    await store.load()
    await Promise.all([
      store.update({ theme: 'dark' }),
      store.update({ presence: { note: 'Lunch' } }),
      store.update({ presence: { idleMinutes: 5 } }),
    ])
    expect(store.get()).toMatchObject({
      theme: 'dark',
      presence: { note: 'Lunch', idleMinutes: 5 },
    })
    expect(await readJson()).toMatchObject({
      theme: 'dark',
      presence: { note: 'Lunch', idleMinutes: 5 },
    })
  })

  it('hands out copies: changing one does not change the store', async () => {
    const { store } = await setup()
    await store.load()
    store.get().accounts.push(ALICE)
    expect(store.get().accounts).toEqual([])
  })

  it('sets a file that is not JSON aside, reports it, and starts from the defaults', async () => {
    const { dir, store, file, log } = await setup()
    await fs.writeFile(file, '{"account": {"aor": "sip:alice@exa')
    const recovery = await store.load()
    const backup = corruptFileName(NOW)
    expect(backup).toBe('settings.corrupt-2025-01-31T10-20-30-000Z.json')
    expect(recovery).toEqual({ backup, problems: ['not valid JSON'] })
    expect(await fs.readFile(join(dir, backup), 'utf8')).toBe('{"account": {"aor": "sip:alice@exa')
    expect(store.get()).toEqual(createDefaultSettings())
    expect(log.lines.join('\n')).toContain(backup)
  })

  it('keeps what is valid from a partly invalid file, and the original aside', async () => {
    const { dir, store, readJson, file } = await setup()
    const original = JSON.stringify({
      version: 1,
      account: { aor: 'sip:alice@example.com', server: 'wss://sip.example.com', displayName: 7 },
      theme: 'dark',
    })
    await fs.writeFile(file, original)
    const recovery = await store.load()
    expect(recovery?.problems).toEqual([expect.stringMatching(/^accounts\[0\]\.displayName/)])
    expect(store.get().accounts[0]?.aor).toBe('sip:alice@example.com')
    expect(store.get().theme).toBe('dark')
    expect(await fs.readFile(join(dir, recovery!.backup), 'utf8')).toBe(original)
    // The salvaged (and migrated) settings were written back, so the next start is clean.
    expect(await readJson()).toMatchObject({
      version: 2,
      accounts: [{ id: 'account-1', aor: 'sip:alice@example.com', displayName: '' }],
    })
  })

  it('leaves the old file intact when a write fails half-way', async () => {
    const failing: FileSystem = {
      ...fs,
      open: fs.open as FileSystem['open'],
      rename: async (from, to) => {
        if (from.endsWith('.tmp')) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' })
        return fs.rename(from, to)
      },
    }
    const { dir, store, file } = await setup(failing)
    await fs.writeFile(file, JSON.stringify({ version: 1, theme: 'dark' }))
    await store.load()
    await expect(store.update({ theme: 'light' })).rejects.toThrow('disk full')
    expect(store.get().theme).toBe('dark')
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toMatchObject({ theme: 'dark' })
    expect(await fs.readdir(dir)).toEqual([SETTINGS_FILE])
  })
})

// Issue 10 row 12: a plaintext TURN credential in an old settings file moves into the vault.
describe('plaintext TURN credential in an old file', () => {
  it('moves into the vault, leaves the file, and is never returned by get()', async () => {
    const dir = await tempDir()
    const old = {
      version: 1,
      account: {
        aor: 'sip:alice@example.com',
        server: 'wss://sip.example.com',
        iceServers: [
          { urls: 'turn:turn.example.com', username: 'alice', credential: 'turn-s3cret' },
        ],
      },
    }
    await fs.writeFile(join(dir, SETTINGS_FILE), JSON.stringify(old))
    const vault = new Map<string, string>()
    const store = createSettingsStore({
      dir,
      fs,
      now: () => 0,
      log: recordingLogger(),
      moveSecret: async (id, secret) => void vault.set(id, secret),
    })
    expect(await store.load()).toBeNull()
    expect(vault.get('ice:alice@turn:turn.example.com')).toBe('turn-s3cret')
    expect(JSON.stringify(store.get())).not.toContain('turn-s3cret')
    expect(store.get().accounts[0]?.iceServers).toEqual([
      { urls: 'turn:turn.example.com', username: 'alice' },
    ])
    expect(await fs.readFile(join(dir, SETTINGS_FILE), 'utf8')).not.toContain('turn-s3cret')
    expect(await fs.readdir(dir)).toEqual([SETTINGS_FILE])
  })
})
