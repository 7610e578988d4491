// "Start at login": macOS and Windows keep login items for us; on Linux Electron has no API
// (an autostart .desktop file would be needed), so the setting does nothing there and says so.
import type { App } from 'electron'
import type { DesktopSettings } from '@shared/settings'
import type { Logger } from './log'

export function applyLoginItem(
  app: Pick<App, 'setLoginItemSettings'>,
  platform: NodeJS.Platform,
  desktop: Pick<DesktopSettings, 'startAtLogin'>,
  log: Logger,
): void {
  if (platform !== 'darwin' && platform !== 'win32') {
    if (desktop.startAtLogin) log.info('start at login is not supported on this platform yet')
    return
  }
  app.setLoginItemSettings({ openAtLogin: desktop.startAtLogin })
}
