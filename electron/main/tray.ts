// The tray icon: the pure tray model (shared/shell/tray-model.ts) turned into Electron's Tray and
// Menu. Rebuilt only when the model changes, so a stream of state updates costs nothing.
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron'
import { ENGLISH, trayModel } from '@shared/shell/tray-model'
import type { TrayCommand, TrayIcon, TrayMenuItem, TrayModel } from '@shared/shell/tray-model'
import type { ShellState } from '@shared/shell/types'
import type { ShellLanguage } from '@shared/shell/tray-model'
import type { Logger } from './log'

type TrayLike = Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>

export interface TrayOptions {
  createTray: (image: NativeImage) => TrayLike
  Menu: Pick<typeof Menu, 'buildFromTemplate'>
  image: (icon: TrayIcon) => NativeImage
  onCommand: (command: TrayCommand) => void
  /** The language of the menu and tooltip, read at each update; English when not given. */
  language?: () => ShellLanguage
  log: Logger
}

export interface AppTray {
  update(state: ShellState): void
  destroy(): void
}

/**
 * The icon file for a state on this platform (scripts/tray-icons makes them): a template image on
 * macOS (the menu bar tints it), an ICO with every size on Windows, a PNG (and @2x) elsewhere.
 */
export function trayIconFile(icon: TrayIcon, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `${icon}Template.png`
  if (platform === 'win32') return `${icon}.ico`
  return `${icon}.png`
}

export function menuTemplate(
  items: readonly TrayMenuItem[],
  onCommand: (command: TrayCommand) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' }
      case 'label':
        return { label: item.label, enabled: false }
      case 'submenu':
        return {
          label: item.label,
          enabled: item.enabled ?? true,
          submenu: menuTemplate(item.submenu, onCommand),
        }
      case 'radio':
        return {
          type: 'radio',
          label: item.label,
          checked: item.checked,
          click: () => onCommand(item.command),
        }
      case 'normal':
        return {
          label: item.label,
          enabled: item.enabled ?? true,
          click: () => onCommand(item.command),
        }
    }
  })
}

export function createAppTray(options: TrayOptions, initial: ShellState): AppTray {
  const { createTray, Menu, image, onCommand } = options
  const language = options.language ?? (() => ENGLISH)
  let model: TrayModel = trayModel(initial, language())
  const tray = createTray(image(model.icon))
  tray.setToolTip(model.tooltip)
  tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model.menu, onCommand)))
  // Windows and most Linux trays: a click on the icon brings the window back.
  tray.on('click', () => onCommand({ kind: 'show' }))

  return {
    update(state) {
      const next = trayModel(state, language())
      if (next.icon !== model.icon) tray.setImage(image(next.icon))
      if (next.tooltip !== model.tooltip) tray.setToolTip(next.tooltip)
      if (JSON.stringify(next.menu) !== JSON.stringify(model.menu)) {
        tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(next.menu, onCommand)))
      }
      model = next
    },
    destroy: () => tray.destroy(),
  }
}
