import fs from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { FakeSafeStorage } from '../test/fake-electron'
import { recordingLogger, tempDir } from '../test/helpers'
import {
  CREDENTIALS_FILE,
  createCredentialVault,
  credentialStatus,
  detectEncryption,
} from './credentials'

const ACCOUNT = 'sip:alice@example.com'
const PASSWORD = 'correct horse battery staple'

let dir: string
let safeStorage: FakeSafeStorage
let acceptWeak: boolean
let log: ReturnType<typeof recordingLogger>

function vault(platform: NodeJS.Platform = 'linux') {
  return createCredentialVault({
    dir,
    fs,
    safeStorage,
    platform,
    acceptWeakEncryption: () => acceptWeak,
    now: () => Date.UTC(2025, 0, 1),
    log,
  })
}

async function fileText(): Promise<string | null> {
  return fs.readFile(join(dir, CREDENTIALS_FILE), 'utf8').catch(() => null)
}

/** The file must hold neither the password nor any simple encoding of it. */
async function expectNoPlainPassword(): Promise<void> {
  const text = (await fileText()) ?? ''
  for (const form of [
    PASSWORD,
    Buffer.from(PASSWORD).toString('base64'),
    encodeURIComponent(PASSWORD),
  ]) {
    expect(text).not.toContain(form)
  }
}

beforeEach(async () => {
  dir = await tempDir()
  safeStorage = new FakeSafeStorage()
  acceptWeak = false
  log = recordingLogger('credentials')
})

describe('encryption detection', () => {
  it.each([
    [true, 'gnome_libsecret', 'linux', 'strong'],
    [true, 'kwallet6', 'linux', 'strong'],
    [true, 'basic_text', 'linux', 'weak'],
    // Issue 10 row 13: `unknown` on Linux is not a keyring.
    [true, 'unknown', 'linux', 'weak'],
    [true, 'kwallet', 'linux', 'strong'],
    [true, 'kwallet5', 'linux', 'strong'],
    [true, 'unknown', 'darwin', 'strong'],
    [true, 'basic_text', 'win32', 'strong'],
    [false, 'gnome_libsecret', 'linux', 'unavailable'],
  ] as const)(
    'available=%s backend=%s on %s → %s',
    async (available, backend, platform, expected) => {
      safeStorage.available = available
      safeStorage.backend = backend
      expect(await detectEncryption(safeStorage, platform)).toBe(expected)
    },
  )

  it('counts a failing availability check as unavailable', async () => {
    safeStorage.isAsyncEncryptionAvailable = async () => {
      throw new Error('boom')
    }
    expect(await detectEncryption(safeStorage, 'linux')).toBe('unavailable')
  })

  it.each([
    ['strong', false, true],
    ['weak', false, false],
    ['weak', true, true],
    ['unavailable', true, false],
  ] as const)('%s with acceptWeak=%s → persistent %s', (encryption, accept, persistent) => {
    expect(credentialStatus(encryption, accept)).toEqual({ encryption, persistent })
  })
})

describe('with strong encryption', () => {
  it('stores the password encrypted, never in plain text, and reads it back after a restart', async () => {
    const status = await vault().set(ACCOUNT, PASSWORD)
    expect(status).toEqual({ encryption: 'strong', persistent: true })
    const stored = JSON.parse((await fileText())!) as {
      version: number
      entries: Record<string, string>
    }
    expect(stored.version).toBe(1)
    expect(Buffer.from(stored.entries[ACCOUNT]!, 'base64').subarray(0, 5)).toEqual(
      FakeSafeStorage.MARKER,
    )
    await expectNoPlainPassword()

    expect(await vault().get(ACCOUNT)).toBe(PASSWORD)
  })

  it('writes the file for its owner only', async () => {
    await vault().set(ACCOUNT, PASSWORD)
    const { mode } = await fs.stat(join(dir, CREDENTIALS_FILE))
    if (process.platform !== 'win32') expect(mode & 0o077).toBe(0)
  })

  it('returns null for an unknown account and deletes what it stored', async () => {
    const v = vault()
    expect(await v.get(ACCOUNT)).toBeNull()
    await v.set(ACCOUNT, PASSWORD)
    await v.set('sip:bob@example.com', 'other')
    await v.delete(ACCOUNT)
    expect(await v.get(ACCOUNT)).toBeNull()
    expect(await vault().get(ACCOUNT)).toBeNull()
    expect(await vault().get('sip:bob@example.com')).toBe('other')
  })

  it('keeps account ids such as __proto__ as plain keys', async () => {
    await vault().set('__proto__', PASSWORD)
    expect(await vault().get('__proto__')).toBe(PASSWORD)
    expect(await vault().get('constructor')).toBeNull()
  })

  it('re-encrypts when the OS asks for it', async () => {
    await vault().set(ACCOUNT, PASSWORD)
    safeStorage.shouldReEncrypt = true
    const before = safeStorage.encryptCalls
    expect(await vault().get(ACCOUNT)).toBe(PASSWORD)
    expect(safeStorage.encryptCalls).toBe(before + 1)
  })

  it('returns null, without logging the secret, when decryption fails', async () => {
    await vault().set(ACCOUNT, PASSWORD)
    safeStorage.failDecrypt = true
    expect(await vault().get(ACCOUNT)).toBeNull()
    expect(log.lines.join('\n')).toContain('could not decrypt')
    // The entry stays: the keychain may be locked only for now.
    safeStorage.failDecrypt = false
    expect(await vault().get(ACCOUNT)).toBe(PASSWORD)
  })

  it('sets an unreadable file aside and starts empty', async () => {
    await fs.writeFile(join(dir, CREDENTIALS_FILE), 'not json')
    expect(await vault().get(ACCOUNT)).toBeNull()
    const files = await fs.readdir(dir)
    expect(files.some((f) => f.startsWith('credentials.corrupt-'))).toBe(true)
  })

  it('serialises concurrent writes so none is lost', async () => {
    const v = vault()
    await Promise.all([v.set('a', '1'), v.set('b', '2'), v.set('c', '3'), v.delete('b')])
    const w = vault()
    expect([await w.get('a'), await w.get('b'), await w.get('c')]).toEqual(['1', null, '3'])
  })
})

describe('with weak encryption (Linux basic_text)', () => {
  beforeEach(() => {
    safeStorage.backend = 'basic_text'
  })

  it('keeps the password in memory for the session unless the user accepted the risk', async () => {
    const v = vault()
    expect(await v.status()).toEqual({ encryption: 'weak', persistent: false })
    expect(await v.set(ACCOUNT, PASSWORD)).toEqual({ encryption: 'weak', persistent: false })
    expect(await v.get(ACCOUNT)).toBe(PASSWORD)
    expect(await fileText()).toBeNull()
    // A restart forgets it.
    expect(await vault().get(ACCOUNT)).toBeNull()
  })

  it('stores it (encrypted) once the user accepted', async () => {
    acceptWeak = true
    expect(await vault().set(ACCOUNT, PASSWORD)).toEqual({ encryption: 'weak', persistent: true })
    await expectNoPlainPassword()
    expect(await vault().get(ACCOUNT)).toBe(PASSWORD)
  })

  it('moves session passwords to disk when the user accepts, and off it when they withdraw', async () => {
    const v = vault()
    await v.set(ACCOUNT, PASSWORD)
    acceptWeak = true
    await v.policyChanged()
    expect(await fileText()).toContain(ACCOUNT)
    await expectNoPlainPassword()
    expect(await vault().get(ACCOUNT)).toBe(PASSWORD)

    acceptWeak = false
    await v.policyChanged()
    expect(JSON.parse((await fileText())!).entries).toEqual({})
    expect(await v.get(ACCOUNT)).toBe(PASSWORD)
  })

  it('removes an older stored password when a new one is kept for the session only', async () => {
    acceptWeak = true
    await vault().set(ACCOUNT, 'old password')
    acceptWeak = false
    const v = vault()
    await v.set(ACCOUNT, PASSWORD)
    expect(await v.get(ACCOUNT)).toBe(PASSWORD)
    expect(JSON.parse((await fileText())!).entries).toEqual({})
  })
})

describe('without encryption', () => {
  it('keeps passwords in memory only, even if the user accepted weak encryption', async () => {
    safeStorage.available = false
    acceptWeak = true
    const v = vault()
    expect(await v.set(ACCOUNT, PASSWORD)).toEqual({ encryption: 'unavailable', persistent: false })
    expect(await v.get(ACCOUNT)).toBe(PASSWORD)
    expect(await fileText()).toBeNull()
  })
})

it('never logs a password', async () => {
  const v = vault()
  await v.set(ACCOUNT, PASSWORD)
  await v.get(ACCOUNT)
  safeStorage.backend = 'basic_text'
  await v.set(ACCOUNT, PASSWORD)
  await v.policyChanged()
  expect(log.lines.length).toBeGreaterThan(0)
  expect(log.lines.join('\n')).not.toContain(PASSWORD)
})
