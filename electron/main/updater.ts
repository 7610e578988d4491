// Updates through electron-updater, only where the policy (shared/updates/policy.ts) allows:
// a packaged build, the user's setting on, an https feed. electron-updater imports Electron
// itself, so it is loaded (dynamically) only then and passed in; tests pass a fake.
// Signatures: electron-updater checks the sha512 of every download against the feed's
// latest*.yml, the Windows publisher's code signature (verifyUpdateCodeSignature), and on macOS
// Squirrel.Mac refuses an update not signed by the same Developer ID. Nothing here turns any
// of that off; a failed check arrives as an 'error' event and nothing is installed.
import { nextCheckIn, onUpdateEvent, shouldCheckForUpdates } from '@shared/updates/policy'
import type { UpdateContext, UpdateEvent } from '@shared/updates/policy'
import type { Logger } from './log'

/** Where builds are published; empty until the project has an update server (no checks then). */
export const UPDATE_FEED_URL = ''

/** The part of electron-updater's `autoUpdater` used here. */
export interface AutoUpdaterLike {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  allowDowngrade: boolean
  allowPrerelease: boolean
  forceDevUpdateConfig: boolean
  setFeedURL(options: { provider: 'generic'; url: string }): void
  on(event: string, listener: (...args: unknown[]) => void): unknown
  checkForUpdates(): Promise<unknown>
}

export interface UpdaterOptions {
  context: () => UpdateContext
  currentVersion: string
  loadUpdater: () => Promise<AutoUpdaterLike>
  setTimer: (run: () => void, ms: number) => unknown
  now: () => number
  /** Tell the user an update is ready (installed when the app quits). */
  notifyReady: (version: string) => void
  log: Logger
}

export interface Updater {
  /** Starts checking if the policy allows; resolves with whether it did. */
  start(): Promise<boolean>
}

export function createUpdater(options: UpdaterOptions): Updater {
  const { log } = options
  let lastCheckAt: number | null = null

  function handle(event: UpdateEvent): void {
    const action = onUpdateEvent(event, options.currentVersion)
    if (action.kind === 'notify-ready') options.notifyReady(action.version)
    else if (action.kind === 'log') log[action.level](action.message)
  }

  async function start(): Promise<boolean> {
    const context = options.context()
    const decision = shouldCheckForUpdates(context)
    if (!decision.check) {
      log.info(`update checks off: ${decision.reason}`)
      return false
    }
    const updater = await options.loadUpdater()
    updater.autoDownload = true
    updater.autoInstallOnAppQuit = true
    updater.allowDowngrade = false
    updater.allowPrerelease = false
    updater.forceDevUpdateConfig = false
    updater.setFeedURL({ provider: 'generic', url: context.feedUrl })
    const version = (info: unknown) =>
      typeof info === 'object' && info !== null && 'version' in info ? String(info.version) : ''
    updater.on('update-available', (info) => handle({ kind: 'available', version: version(info) }))
    updater.on('update-not-available', () => handle({ kind: 'not-available' }))
    updater.on('update-downloaded', (info) =>
      handle({ kind: 'downloaded', version: version(info) }),
    )
    updater.on('error', (error) =>
      handle({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    )
    const schedule = (): void => {
      options.setTimer(
        () => {
          // The setting may have been turned off since.
          if (!shouldCheckForUpdates(options.context()).check) return schedule()
          lastCheckAt = options.now()
          updater
            .checkForUpdates()
            .catch((error: unknown) => log.warn('update check failed', error))
            .finally(schedule)
        },
        nextCheckIn(lastCheckAt, options.now()),
      )
    }
    schedule()
    return true
  }

  return { start }
}
