// The application menu. Without one, Electron installs its default menu, whose View menu opens
// DevTools in a packaged build — one console line from `switchboard.credentials.get(aor)`. This
// menu keeps what a desktop user expects (edit shortcuts, zoom, quit) and offers DevTools only
// to a developer running an unpackaged build.
import type { Menu, MenuItemConstructorOptions } from 'electron'

export interface AppMenuContext {
  isPackaged: boolean
  platform: NodeJS.Platform
  appName: string
}

/** The menu as a template: pure, so it is tested without Electron. */
export function appMenuTemplate(context: AppMenuContext): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin'
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ]
  if (!context.isPackaged) {
    view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' })
  }
  return [
    ...(mac
      ? [
          {
            label: context.appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : [{ label: 'File', submenu: [{ role: 'quit' }] } satisfies MenuItemConstructorOptions]),
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: view },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ]
}

export function applyAppMenu(
  menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>,
  context: AppMenuContext,
): void {
  menu.setApplicationMenu(menu.buildFromTemplate(appMenuTemplate(context)))
}
