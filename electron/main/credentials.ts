// The credential vault: SIP passwords encrypted with safeStorage's async API and stored as base64
// in `credentials.json` in userData. The plain password is never written to disk or to a log.
// When the OS offers only weak encryption (Linux `basic_text`: a key anyone on the machine can
// read) or none at all, passwords stay in memory for this session, unless the user accepted the
// weak option in settings.
import { join } from 'node:path'
import type { SafeStorage } from 'electron'
import type { CredentialEncryption, CredentialStatus } from '@shared/ipc/invoke'
import { asideFileName, createAtomicWriter, readTextIfExists } from './atomic-file'
import type { FileSystem } from './atomic-file'
import type { Logger } from './log'

export const CREDENTIALS_FILE = 'credentials.json'

export type SafeStorageLike = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>

export interface CredentialVaultOptions {
  /** userData */
  dir: string
  fs: FileSystem
  safeStorage: SafeStorageLike
  platform: NodeJS.Platform
  /** Read at each use: the user may accept or withdraw the weak option at any time. */
  acceptWeakEncryption: () => boolean
  now: () => number
  log: Logger
}

export interface CredentialVault {
  status(): Promise<CredentialStatus>
  get(accountId: string): Promise<string | null>
  set(accountId: string, password: string): Promise<CredentialStatus>
  delete(accountId: string): Promise<void>
  /** Re-apply the policy after `acceptWeakEncryption` changed: move passwords to disk or off it. */
  policyChanged(): Promise<void>
}

const STRONG_LINUX_BACKENDS: ReadonlySet<string> = new Set([
  'gnome_libsecret',
  'kwallet',
  'kwallet5',
  'kwallet6',
])

/** Which encryption this machine offers. */
export async function detectEncryption(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): Promise<Exclude<CredentialEncryption, 'session-only'>> {
  let available: boolean
  try {
    available = await safeStorage.isAsyncEncryptionAvailable()
  } catch {
    available = false
  }
  if (!available) return 'unavailable'
  // On Linux only a keyring service protects the key; `basic_text` is a fixed key and `unknown`
  // says nothing about the key at all, so both are weak.
  if (platform === 'linux' && !STRONG_LINUX_BACKENDS.has(safeStorage.getSelectedStorageBackend())) {
    return 'weak'
  }
  return 'strong'
}

/** Whether a password may go to disk, given the encryption and the user's choice. */
export function credentialStatus(
  encryption: Exclude<CredentialEncryption, 'session-only'>,
  acceptWeakEncryption: boolean,
): CredentialStatus {
  const persistent = encryption === 'strong' || (encryption === 'weak' && acceptWeakEncryption)
  return { encryption, persistent }
}

interface StoredFile {
  version: 1
  /** accountId → base64 of safeStorage's ciphertext */
  entries: Record<string, string>
}

export function createCredentialVault(options: CredentialVaultOptions): CredentialVault {
  const { dir, fs, safeStorage, platform, acceptWeakEncryption, now, log } = options
  const path = join(dir, CREDENTIALS_FILE)
  const writer = createAtomicWriter(fs, path)
  // Maps, not objects: an account id such as `__proto__` must stay a plain key.
  const session = new Map<string, string>()
  let stored: Map<string, string> | null = null
  let queue: Promise<unknown> = Promise.resolve()

  /** Run one operation at a time, so a `set` and a `delete` cannot interleave their writes. */
  function serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = queue.then(operation)
    queue = run.catch(() => {})
    return run
  }

  async function status(): Promise<CredentialStatus> {
    return credentialStatus(await detectEncryption(safeStorage, platform), acceptWeakEncryption())
  }

  async function readStored(): Promise<Map<string, string>> {
    if (stored) return stored
    const text = await readTextIfExists(fs, path)
    stored = new Map()
    if (text === null) return stored
    const entries = parseStoredFile(text)
    if (entries) {
      stored = entries
    } else {
      // Keep the unreadable file for the user (or support) rather than overwrite it.
      const aside = asideFileName('credentials', now())
      await fs.rename(path, join(dir, aside)).catch(() => {})
      log.warn(`unreadable credentials file kept as ${aside}; stored passwords must be re-entered`)
    }
    return stored
  }

  async function writeStored(entries: Map<string, string>): Promise<void> {
    const file: StoredFile = { version: 1, entries: Object.fromEntries(entries) }
    await writer.write(`${JSON.stringify(file, null, 2)}\n`)
    stored = entries
  }

  async function encrypt(password: string): Promise<string> {
    const buffer = await safeStorage.encryptStringAsync(password)
    return buffer.toString('base64')
  }

  async function persist(accountId: string, password: string): Promise<void> {
    const entries = new Map(await readStored())
    entries.set(accountId, await encrypt(password))
    await writeStored(entries)
    session.delete(accountId)
  }

  async function removeStored(accountId: string): Promise<void> {
    const current = await readStored()
    if (!current.has(accountId)) return
    const entries = new Map(current)
    entries.delete(accountId)
    await writeStored(entries)
  }

  async function decryptStored(accountId: string): Promise<string | null> {
    const data = (await readStored()).get(accountId)
    if (data === undefined) return null
    try {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(
        Buffer.from(data, 'base64'),
      )
      if (shouldReEncrypt) {
        // The OS rotated its key: store the password under the new one (best effort).
        await persist(accountId, result).catch((error: unknown) => {
          log.warn('could not re-encrypt a stored password', errorName(error))
        })
      }
      return result
    } catch (error) {
      // Keychain locked, key lost, or another backend now: the user enters the password again.
      log.warn('could not decrypt a stored password', errorName(error))
      return null
    }
  }

  return {
    status,

    get: (accountId) =>
      serial(async () => session.get(accountId) ?? (await decryptStored(accountId))),

    set: (accountId, password) =>
      serial(async () => {
        const current = await status()
        if (current.persistent) {
          await persist(accountId, password)
        } else {
          session.set(accountId, password)
          // An older password on disk must not outlive the one the user just gave.
          await removeStored(accountId)
        }
        log.info(
          `password saved (${current.encryption}, ${current.persistent ? 'disk' : 'session'})`,
        )
        return current
      }),

    delete: (accountId) =>
      serial(async () => {
        session.delete(accountId)
        await removeStored(accountId)
      }),

    policyChanged: () =>
      serial(async () => {
        const current = await status()
        if (current.persistent) {
          for (const [accountId, password] of [...session]) await persist(accountId, password)
          return
        }
        if (current.encryption !== 'weak') return
        // The user withdrew consent: take weakly encrypted passwords off the disk, keep them
        // for this session.
        for (const accountId of [...(await readStored()).keys()]) {
          const password = await decryptStored(accountId)
          if (password !== null) session.set(accountId, password)
          await removeStored(accountId)
        }
      }),
  }
}

function parseStoredFile(text: string): Map<string, string> | null {
  try {
    const raw: unknown = JSON.parse(text)
    if (typeof raw !== 'object' || raw === null) return null
    const entries = (raw as { entries?: unknown }).entries
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return null
    const map = new Map<string, string>()
    for (const [key, value] of Object.entries(entries)) {
      if (typeof value === 'string') map.set(key, value)
    }
    return map
  } catch {
    return null
  }
}

/** Only the error's name goes to the log: a message might quote what was being decrypted. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
