// Composition root: the single-instance lock first, app events that must exist before anything
// awaits, then wiring. Each module gets its Electron objects, file system and clock from here.
import fs from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  ipcMain,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
} from 'electron'
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  buildCsp,
  handleAppProtocol,
  registerAppScheme,
} from './app-protocol'
import { createAttention } from './attention'
import { createCredentialVault } from './credentials'
import { createIpc } from './ipc'
import { createLogger } from './log'
import { watchPower } from './power'
import { applySecurity, originOf } from './security'
import { createSettingsStore } from './settings-store'
import { createMainWindow, createWindowStateFile } from './window'

const log = createLogger('main')
const here = dirname(fileURLToPath(import.meta.url))
let focusMainWindow: () => void = () => {}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }

  // macOS delivers sip:/tel: links as `open-url`, possibly before `ready`: keep them for the
  // dial-links module (a later issue) instead of losing them.
  const pendingLinks: string[] = []
  app.on('open-url', (event, url) => {
    event.preventDefault()
    pendingLinks.push(url)
    log.info('link received; dialing links is not wired yet')
  })

  // A second launch (a link clicked on Windows/Linux) comes here; its argv carries the link,
  // which the dial-links issue will read.
  app.on('second-instance', () => focusMainWindow())

  app.enableSandbox()
  registerAppScheme(protocol)

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('startup failed', error)
      app.quit()
    })
}

async function start(): Promise<void> {
  const userData = app.getPath('userData')
  // electron-vite's dev server; never honoured in a packaged app.
  const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
  const devOrigin = originOf(devUrl)
  const ownOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]

  const settings = createSettingsStore({
    dir: userData,
    fs,
    now: Date.now,
    log: createLogger('settings'),
  })
  const recovery = await settings.load()

  const vault = createCredentialVault({
    dir: userData,
    fs,
    safeStorage,
    platform: process.platform,
    acceptWeakEncryption: () => settings.get().credentials.acceptWeakEncryption,
    now: Date.now,
    log: createLogger('credentials'),
  })

  applySecurity({
    app,
    session: session.defaultSession,
    ownOrigins,
    log: createLogger('security'),
  })
  handleAppProtocol({
    protocol,
    root: join(here, '../renderer'),
    readFile: (path) => fs.readFile(path),
    getSettings: () => settings.get(),
    log: createLogger('app-protocol'),
  })

  let mainWindow: BrowserWindow | null = null
  // Created before the IPC handlers that use it; `ipc` is only called on a click, long after.
  const attention = createAttention({
    createNotification: (options) => new Notification(options),
    setBadgeCount: (count) => app.setBadgeCount(count),
    focusWindow: () => focusMainWindow(),
    clicked: (tag) => ipc.push('attention:clicked', { tag }),
    log: createLogger('attention'),
  })
  const ipc = createIpc({
    ipcMain,
    ownOrigins,
    getWebContents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    log: createLogger('ipc'),
  })
  ipc.register({
    'app:info': () => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
    }),
    'settings:get': () => settings.get(),
    'settings:set': (patch) => settings.update(patch),
    'credentials:get': ({ accountId }) => vault.get(accountId),
    'credentials:set': ({ accountId, password }) => vault.set(accountId, password),
    'credentials:delete': ({ accountId }) => vault.delete(accountId),
    'credentials:status': () => vault.status(),
    'attention:unread': ({ count }) => attention.setUnreadCount(count),
    'attention:notify': (notification) => attention.notify(notification),
  })
  if (recovery) ipc.push('settings:recovered', recovery)

  settings.onChange((next, previous) => {
    if (next.credentials.acceptWeakEncryption !== previous.credentials.acceptWeakEncryption) {
      vault
        .policyChanged()
        .catch((error: unknown) => log.error('credential policy change failed', error))
    }
    // The CSP (connect-src = the SIP server) is fixed when the page loads: a new server needs a
    // reload. After the invoke's reply has gone out; the renderer restores from settings.
    if (!devUrl && buildCsp(next) !== buildCsp(previous)) {
      setTimeout(() => mainWindow?.webContents.reload(), 0)
    }
  })

  watchPower(powerMonitor, ipc, createLogger('power'))

  const stateFile = createWindowStateFile(fs, userData)
  const openWindow = async () => {
    const win = await createMainWindow({
      BrowserWindow,
      screen,
      preloadPath: join(here, '../preload/index.cjs'),
      url: devUrl ?? APP_INDEX_URL,
      stateFile,
      log: createLogger('window'),
    })
    mainWindow = win
    // A new document must say `app:ready` again before it gets pushes.
    win.webContents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) ipc.notReady()
    })
    win.webContents.on('render-process-gone', () => ipc.notReady())
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null
      ipc.notReady()
    })
  }

  focusMainWindow = () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  }
  app.on('activate', () => {
    if (!mainWindow)
      openWindow().catch((error: unknown) => log.error('could not open the window', error))
  })

  await openWindow()
}

main()
