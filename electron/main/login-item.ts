// "Start at login": macOS and Windows keep login items for us (setLoginItemSettings); on Linux
// the main process writes or removes an XDG autostart .desktop file (autostart-entry.ts).
import { join } from 'node:path'
import type { App } from 'electron'
import type { DesktopSettings } from '@shared/settings'
import { createAtomicWriter } from './atomic-file'
import type { FileSystem } from './atomic-file'
import { AUTOSTART_FILE_NAME, autostartEntry } from './autostart-entry'
import type { Logger } from './log'

export interface LinuxAutostart {
  fs: FileSystem
  /** ~/.config/autostart, from autostartDir(). */
  dir: string
  /** launchCommand(): what the login session runs. */
  command: readonly string[]
  name: string
}

export interface LoginItemOptions {
  app: Pick<App, 'setLoginItemSettings'>
  platform: NodeJS.Platform
  /** Only used on Linux. */
  linux: LinuxAutostart
  log: Logger
}

/** Applies the setting; resolves once the OS (or the autostart file) says so. Never throws. */
export async function applyLoginItem(
  options: LoginItemOptions,
  desktop: Pick<DesktopSettings, 'startAtLogin'>,
): Promise<void> {
  const { app, platform, linux, log } = options
  if (platform === 'darwin' || platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: desktop.startAtLogin })
    return
  }
  if (platform !== 'linux') {
    if (desktop.startAtLogin) log.info(`start at login is not supported on ${platform}`)
    return
  }
  const path = join(linux.dir, AUTOSTART_FILE_NAME)
  try {
    if (desktop.startAtLogin) {
      // Written on every start too: the app may have moved (a new AppImage, an update).
      const entry = autostartEntry({
        name: linux.name,
        comment: `Started at login by ${linux.name}'s "Start at login" setting`,
        command: linux.command,
      })
      // Readable by the session; only the user can change it.
      await createAtomicWriter(linux.fs, path, 0o644).write(entry)
    } else {
      await linux.fs.rm(path, { force: true })
    }
  } catch (error) {
    log.warn(`could not ${desktop.startAtLogin ? 'write' : 'remove'} ${path}`, error)
  }
}
