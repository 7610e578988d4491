// Settings as validated JSON in userData. Written atomically; a file that cannot be read (bad JSON,
// invalid fields) is renamed aside as `settings.corrupt-<time>.json` and reported, and what could
// be salvaged from it is kept — a setting is never silently lost.
import { join } from 'node:path'
import {
  applySettingsPatch,
  createDefaultSettings,
  extractLegacySecrets,
  parseStoredSettings,
  serializeSettings,
} from '@shared/settings'
import type { Settings, SettingsPatch } from '@shared/settings'
import type { SettingsRecovery } from '@shared/ipc/push'
import { asideFileName, createAtomicWriter, readTextIfExists } from './atomic-file'
import type { FileSystem } from './atomic-file'
import type { Logger } from './log'

export const SETTINGS_FILE = 'settings.json'

export interface SettingsStoreOptions {
  /** userData */
  dir: string
  fs: FileSystem
  now: () => number
  log: Logger
  /**
   * Where a secret found in plaintext in an old file goes (the credential vault). The file is
   * rewritten without it once it is there.
   */
  moveSecret?: (id: string, secret: string) => Promise<unknown>
}

export type SettingsListener = (next: Settings, previous: Settings) => void

export interface SettingsStore {
  /** Reads the file once at startup. Resolves with a report when the file had to be set aside. */
  load(): Promise<SettingsRecovery | null>
  /** The current settings (a copy); the defaults before `load`. */
  get(): Settings
  /** Validates and stores a partial update; rejects and changes nothing when it is invalid. */
  update(patch: SettingsPatch): Promise<Settings>
  onChange(listener: SettingsListener): () => void
}

/** `settings.corrupt-2025-01-31T10-20-30-000Z.json` */
export const corruptFileName = (time: number) => asideFileName('settings', time)

export function createSettingsStore({
  dir,
  fs,
  now,
  log,
  moveSecret,
}: SettingsStoreOptions): SettingsStore {
  const path = join(dir, SETTINGS_FILE)
  const writer = createAtomicWriter(fs, path)
  const listeners = new Set<SettingsListener>()
  let current = createDefaultSettings()
  let queue: Promise<unknown> = Promise.resolve()

  async function setAside(problems: string[]): Promise<SettingsRecovery> {
    const backup = corruptFileName(now())
    try {
      await fs.rename(path, join(dir, backup))
      log.warn(`unreadable settings kept as ${backup}; defaults used for: ${problems.join('; ')}`)
    } catch (error) {
      // Keep going with what we salvaged; the original stays where it is until the next save.
      log.error(`could not set unreadable settings aside as ${backup}`, error)
    }
    return { backup, problems }
  }

  async function load(): Promise<SettingsRecovery | null> {
    let text: string | null
    try {
      text = await readTextIfExists(fs, path)
    } catch (error) {
      log.error('could not read settings; using defaults for this session', error)
      return { backup: SETTINGS_FILE, problems: ['the file could not be read'] }
    }
    if (text === null) return null

    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      current = createDefaultSettings()
      return setAside(['not valid JSON'])
    }
    const legacy = extractLegacySecrets(raw)
    const { settings, problems } = parseStoredSettings(legacy.raw)
    current = settings
    if (legacy.secrets.length > 0) await moveLegacySecrets(legacy.secrets)
    if (problems.length === 0) return null
    const recovery = await setAside(problems)
    // Store what was salvaged, so the next start reads a clean file.
    await writer.write(serializeSettings(current)).catch((error: unknown) => {
      log.error('could not save salvaged settings', error)
    })
    return recovery
  }

  async function moveLegacySecrets(secrets: { id: string; secret: string }[]): Promise<void> {
    for (const { id, secret } of secrets) {
      try {
        await moveSecret?.(id, secret)
      } catch (error) {
        log.error(
          'could not move a TURN credential into the vault; it must be entered again',
          error,
        )
      }
    }
    // Off the disk either way: plaintext secrets in settings.json are what this fixes.
    await writer.write(serializeSettings(current)).catch((error: unknown) => {
      log.error('could not rewrite settings without the plaintext credential', error)
    })
    log.info(`moved ${secrets.length} TURN credential(s) from settings into the vault`)
  }

  function update(patch: SettingsPatch): Promise<Settings> {
    // One update at a time, each on top of the last stored state.
    const run = queue.then(async () => {
      const previous = current
      const next = applySettingsPatch(previous, patch)
      await writer.write(serializeSettings(next))
      current = next
      if (JSON.stringify(next) !== JSON.stringify(previous)) {
        for (const listener of listeners) {
          try {
            listener(structuredClone(next), structuredClone(previous))
          } catch (error) {
            log.error('settings listener failed', error)
          }
        }
      }
      return structuredClone(next)
    })
    queue = run.catch(() => {})
    return run
  }

  return {
    load,
    get: () => structuredClone(current),
    update,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
