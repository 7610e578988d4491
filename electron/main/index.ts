// Composition root: the single-instance lock first, app events that must exist before anything
// awaits, then wiring. Each module gets its Electron objects, file system and clock from here.
import fs from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  desktopCapturer,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell as electronShell,
  Tray,
} from 'electron'
import type { OpenDialogOptions } from 'electron'
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  buildCsp,
  handleAppProtocol,
  registerAppScheme,
} from './app-protocol'
import { applyAppMenu } from './app-menu'
import { keepInTray } from './close-to-tray'
import { createCredentialVault } from './credentials'
import { createDesktopShell } from './desktop-shell'
import { createDialLinks } from './dial-links'
import { createGlobalShortcuts } from './global-shortcuts'
import { resolveLocale } from '@shared/i18n/locales'
import { shellMessages } from '@shared/i18n/shell-messages'
import { createIpc } from './ipc'
import { createLogger } from './log'
import { autostartDir, launchCommand } from './autostart-entry'
import { applyLoginItem } from './login-item'
import type { LoginItemOptions } from './login-item'
import { createNotifications } from './notifications'
import { registerDialProtocols } from './protocols'
import { watchPower } from './power'
import { applySecurity, originOf } from './security'
import { createSettingsStore } from './settings-store'
import { createRecordings } from './recordings'
import { createScreenPicker } from './screen-picker'
import type { Settings } from '@shared/settings'
import { createAppTray, trayIconFile } from './tray'
import { createUpdater, UPDATE_FEED_URL } from './updater'
import { createMainWindow, createWindowStateFile } from './window'

const log = createLogger('main')
const here = dirname(fileURLToPath(import.meta.url))
let focusMainWindow: () => void = () => {}
// Dial links can arrive before `ready`; they wait inside until start() routes them.
const dialLinks = createDialLinks(createLogger('dial-links'))
// Closing the window hides it to the tray unless the app is really quitting.
let quitting = false

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }

  // A link given at cold start (Windows/Linux put it in argv) waits until sign-in like any other.
  dialLinks.openFromArgv(process.argv)
  // macOS delivers sip:/tel: links as `open-url`, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault()
    dialLinks.open(url)
  })
  // A second launch (a link clicked on Windows/Linux) comes here; its argv carries the link.
  app.on('second-instance', (_event, argv) => {
    focusMainWindow()
    dialLinks.openFromArgv(argv)
  })
  app.on('before-quit', () => {
    quitting = true
  })

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

  // The vault before the settings are read: an old settings file's plaintext TURN credential
  // moves into it while loading. (It reads the weak-encryption choice lazily.)
  let settingsRef: { get(): Settings } | null = null
  const vault = createCredentialVault({
    dir: userData,
    fs,
    safeStorage,
    platform: process.platform,
    acceptWeakEncryption: () => settingsRef?.get().credentials.acceptWeakEncryption ?? false,
    now: Date.now,
    log: createLogger('credentials'),
  })
  const settings = createSettingsStore({
    dir: userData,
    fs,
    now: Date.now,
    log: createLogger('settings'),
    moveSecret: (id, secret) => vault.set(id, secret),
  })
  settingsRef = settings
  const recovery = await settings.load()
  // The Settings choice, else the OS's preferred languages (main's strings: tray, notifications).
  const locale = () =>
    resolveLocale(
      settings.get().locale,
      typeof app.getPreferredSystemLanguages === 'function'
        ? app.getPreferredSystemLanguages()
        : [],
    )
  applyAppMenu(Menu, {
    isPackaged: app.isPackaged,
    platform: process.platform,
    appName: app.getName(),
  })

  applySecurity({
    app,
    session: session.defaultSession,
    ownOrigins,
    openExternal: (url) => void electronShell.openExternal(url),
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
  const ipc = createIpc({
    ipcMain,
    ownOrigins,
    getWebContents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    log: createLogger('ipc'),
  })
  const shell = createDesktopShell({
    ipc,
    setBadgeCount: (count) => app.setBadgeCount(count),
    showWindow: () => focusMainWindow(),
    quit: () => {
      quitting = true
      app.quit()
    },
    log: createLogger('shell'),
  })
  const notifications = createNotifications({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    platform: process.platform,
    context: () => ({
      text: shellMessages[locale()].notification,
      status: shell.state.status,
      openThread: shell.state.openThread,
      windowFocused: Boolean(mainWindow?.isVisible() && mainWindow.isFocused()),
    }),
    onAction: (action) => shell.command(action),
    log: createLogger('notifications'),
  })
  // Written by main alone, inside the chosen folder (the renderer sends bytes and a file name).
  const recordings = createRecordings({
    fs,
    folder: () =>
      settings.get().calls.recordingsFolder ?? join(app.getPath('music'), 'Switchboard'),
    showItemInFolder: (path) => electronShell.showItemInFolder(path),
    pickFolder: async (current) => {
      const options: OpenDialogOptions = {
        defaultPath: current,
        properties: ['openDirectory', 'createDirectory'],
      }
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    saveFolder: (folder) => settings.update({ calls: { recordingsFolder: folder } }),
    log: createLogger('recordings'),
  })
  app.on('will-quit', () => void recordings.dispose())
  // Screen sharing: the page's own picker chooses, then its getDisplayMedia gets that choice.
  const screenPicker = createScreenPicker({
    getSources: (options) => desktopCapturer.getSources(options),
    ownOrigins,
    now: Date.now,
    log: createLogger('screen'),
  })
  session.defaultSession.setDisplayMediaRequestHandler(
    (request, callback) => void screenPicker.answer(request, callback),
    { useSystemPicker: false },
  )

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
    'shell:setState': (state) => shell.setState(state),
    'shell:notify': (event) => shell.notify(event),
    'power:idleSeconds': () => powerMonitor.getSystemIdleTime(),
    'recordings:open': (payload) => recordings.open(payload),
    'recordings:write': (payload) => recordings.write(payload),
    'recordings:close': (payload) => recordings.close(payload),
    'recordings:list': () => recordings.list(),
    'recordings:read': (payload) => recordings.read(payload),
    'recordings:remove': (payload) => recordings.remove(payload),
    'recordings:reveal': (payload) => recordings.reveal(payload),
    'recordings:folder': () => recordings.folder(),
    'recordings:chooseFolder': () => recordings.chooseFolder(),
    'screen:sources': () => screenPicker.sources(),
    'screen:choose': (payload) => screenPicker.choose(payload),
  })
  if (recovery) ipc.push('settings:recovered', recovery)

  dialLinks.route({ ipc, defaultRegion: () => settings.get().dialing.defaultRegion })
  // The OS's link handler is the user's choice: taken only once they say yes (the renderer asks
  // once, or Settings), never on its own at every start.
  const takeDialLinks = () =>
    registerDialProtocols({
      app,
      defaultApp: process.defaultApp === true,
      execPath: process.execPath,
      argv: process.argv,
      log: createLogger('protocols'),
    })
  const loginItem: LoginItemOptions = {
    app,
    platform: process.platform,
    linux: {
      fs,
      dir: autostartDir(app.getPath('appData')),
      command: launchCommand({
        execPath: process.execPath,
        defaultApp: process.defaultApp === true,
        argv: process.argv,
        appImage: process.env['APPIMAGE'],
      }),
      name: app.getName(),
    },
    log: createLogger('login-item'),
  }
  void applyLoginItem(loginItem, settings.get().desktop)
  const shortcuts = createGlobalShortcuts({
    globalShortcut,
    state: () => shell.state,
    command: (action) => shell.command(action),
    log: createLogger('shortcuts'),
  })
  shortcuts.apply(settings.get().desktop.globalShortcuts)
  app.on('will-quit', () => shortcuts.dispose())

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
    if (
      JSON.stringify(next.desktop.globalShortcuts) !==
      JSON.stringify(previous.desktop.globalShortcuts)
    ) {
      shortcuts.apply(next.desktop.globalShortcuts)
    }
    // The tray speaks the new language at once.
    if (next.locale !== previous.locale) shell.setState(shell.state)
    if (next.desktop.startAtLogin !== previous.desktop.startAtLogin) {
      void applyLoginItem(loginItem, next.desktop)
    }
    if (next.desktop.linkHandler === 'accepted' && previous.desktop.linkHandler !== 'accepted') {
      takeDialLinks()
    }
  })

  watchPower(powerMonitor, ipc, createLogger('power'))

  // Signed updates in a packaged build with the setting on; electron-updater (which imports
  // Electron itself) is loaded only then.
  createUpdater({
    context: () => ({
      enabled: settings.get().desktop.checkForUpdates,
      packaged: app.isPackaged,
      platform: process.platform,
      appImage: Boolean(process.env['APPIMAGE']),
      feedUrl: UPDATE_FEED_URL,
    }),
    currentVersion: app.getVersion(),
    loadUpdater: async () => (await import('electron-updater')).autoUpdater,
    setTimer: (run, ms) => setTimeout(run, ms).unref(),
    now: Date.now,
    notifyReady: (version) =>
      notifications.inform(
        'Update ready',
        `Switchboard ${version} will be installed when you quit.`,
      ),
    log: createLogger('updater'),
  })
    .start()
    .catch((error: unknown) => log.warn('updater did not start', error))

  const trayIcons = app.isPackaged
    ? join(process.resourcesPath, 'tray')
    : join(here, '../../build/tray')
  shell.attach({
    tray: createAppTray(
      {
        createTray: (image) => new Tray(image),
        Menu,
        image: (icon) =>
          nativeImage.createFromPath(join(trayIcons, trayIconFile(icon, process.platform))),
        onCommand: (command) => shell.command(command),
        language: () => ({ locale: locale(), text: shellMessages[locale()] }),
        log: createLogger('tray'),
      },
      shell.state,
    ),
    notifications,
  })

  const stateFile = createWindowStateFile(fs, userData)
  let startHidden = settings.get().desktop.startMinimized
  // Also remembered here: a second close can come before the settings write finishes.
  let trayHinted = false
  const openWindow = async () => {
    const win = await createMainWindow({
      BrowserWindow,
      screen,
      preloadPath: join(here, '../preload/index.cjs'),
      url: devUrl ?? APP_INDEX_URL,
      stateFile,
      show: !startHidden,
      devTools: !app.isPackaged,
      log: createLogger('window'),
    })
    startHidden = false
    mainWindow = win
    keepInTray({
      win,
      isQuitting: () => quitting,
      onHidden: () => {
        if (trayHinted || settings.get().desktop.trayHintShown) return
        trayHinted = true
        const hint = shellMessages[locale()].trayHint
        notifications.inform(hint.title, hint.body)
        settings
          .update({ desktop: { trayHintShown: true } })
          .catch((error: unknown) => log.warn('could not remember the tray hint', error))
      },
    })
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
    if (!mainWindow.isVisible()) mainWindow.show()
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  }
  app.on('activate', () => {
    if (!mainWindow)
      openWindow().catch((error: unknown) => log.error('could not open the window', error))
    else focusMainWindow()
  })

  await openWindow()
}

main()
