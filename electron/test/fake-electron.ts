// The one fake of the `electron` module for all main-process and preload tests (the real one
// downloads its binary when imported). Small, recording, and reset before every test by
// setup-electron-mock.ts. Tests read what was called from here and drive events through it.
import { EventEmitter } from 'node:events'

type Listener = (...args: unknown[]) => void

/** An EventEmitter whose `on`/`once` return `this`, like Electron's. */
class Emitter extends EventEmitter {
  reset(): void {
    this.removeAllListeners()
  }
}

export class FakeApp extends Emitter {
  gotLock = true
  isPackaged = false
  quitCalls = 0
  sandboxEnabled = false
  paths: Record<string, string> = { userData: '/tmp/switchboard-test-userdata' }
  private readyResolve: () => void = () => {}
  private readyPromise: Promise<void> = this.makeReady()

  private makeReady(): Promise<void> {
    return new Promise((resolve) => {
      this.readyResolve = resolve
    })
  }

  requestSingleInstanceLock = () => this.gotLock
  quit = () => {
    this.quitCalls += 1
  }
  enableSandbox = () => {
    this.sandboxEnabled = true
  }
  whenReady = () => this.readyPromise
  /** Tests decide when the app becomes ready. */
  becomeReady(): void {
    this.readyResolve()
  }
  getPath = (name: string) => this.paths[name] ?? `/tmp/switchboard-test-${name}`
  getName = () => 'Switchboard'
  getVersion = () => '0.0.0-test'
  protocolClients: { scheme: string; path?: string; args?: string[] }[] = []
  setAsDefaultProtocolClient = (scheme: string, path?: string, args?: string[]) => {
    this.protocolClients.push({ scheme, ...(path !== undefined && { path, args }) })
    return true
  }
  loginItem: Record<string, unknown> | null = null
  setLoginItemSettings = (settings: Record<string, unknown>) => {
    this.loginItem = settings
  }
  badgeCount = 0
  setBadgeCount = (count: number) => {
    this.badgeCount = count
    return true
  }

  override reset(): void {
    super.reset()
    this.gotLock = true
    this.isPackaged = false
    this.quitCalls = 0
    this.sandboxEnabled = false
    this.protocolClients = []
    this.loginItem = null
    this.badgeCount = 0
    this.readyPromise = this.makeReady()
  }
}

export type Handler = (event: unknown, ...args: unknown[]) => unknown

export class FakeIpcMain extends Emitter {
  handlers = new Map<string, Handler>()
  handle = (channel: string, handler: Handler) => {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, handler)
  }
  removeHandler = (channel: string) => {
    this.handlers.delete(channel)
  }
  /** Call a handler as Electron would: `event` is what the handler sees as the sender. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return handler(event, ...args)
  }
  override reset(): void {
    super.reset()
    this.handlers.clear()
  }
}

export class FakeIpcRenderer extends Emitter {
  invocations: { channel: string; args: unknown[] }[] = []
  /** What `invoke` resolves with, per channel. */
  replies = new Map<string, unknown>()
  invoke = async (channel: string, ...args: unknown[]) => {
    this.invocations.push({ channel, args })
    return this.replies.get(channel)
  }
  /** Deliver a push as main would: an event object first, then the payload. */
  push(channel: string, payload?: unknown): void {
    this.emit(channel, { sender: 'the IpcRendererEvent must not leak' }, payload)
  }
  override reset(): void {
    super.reset()
    this.invocations = []
    this.replies.clear()
  }
}

export class FakeContextBridge {
  exposed = new Map<string, unknown>()
  exposeInMainWorld = (key: string, api: unknown) => {
    this.exposed.set(key, api)
  }
  reset(): void {
    this.exposed.clear()
  }
}

export class FakeProtocol {
  privileged: { scheme: string; privileges?: Record<string, boolean> }[] = []
  handlers = new Map<string, (request: Request) => Promise<Response> | Response>()
  registerSchemesAsPrivileged = (
    schemes: { scheme: string; privileges?: Record<string, boolean> }[],
  ) => {
    this.privileged.push(...schemes)
  }
  handle = (scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
    this.handlers.set(scheme, handler)
  }
  reset(): void {
    this.privileged = []
    this.handlers.clear()
  }
}

export class FakeSession {
  permissionRequestHandler: Listener | null = null
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null
  setPermissionRequestHandler = (handler: Listener | null) => {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler = (handler: ((...args: unknown[]) => boolean) | null) => {
    this.permissionCheckHandler = handler
  }
  setDevicePermissionHandler = (handler: ((...args: unknown[]) => boolean) | null) => {
    this.devicePermissionHandler = handler
  }
  displayMediaRequestHandler:
    ((request: unknown, callback: (streams: unknown) => void) => void) | null = null
  displayMediaOptions: unknown = undefined
  setDisplayMediaRequestHandler = (
    handler: ((request: unknown, callback: (streams: unknown) => void) => void) | null,
    options?: unknown,
  ) => {
    this.displayMediaRequestHandler = handler
    this.displayMediaOptions = options
  }
  reset(): void {
    this.permissionRequestHandler = null
    this.permissionCheckHandler = null
    this.devicePermissionHandler = null
    this.displayMediaRequestHandler = null
    this.displayMediaOptions = undefined
  }
}

let nextWebContentsId = 1

export class FakeWebContents extends Emitter {
  id = nextWebContentsId++
  sent: { channel: string; payload: unknown }[] = []
  destroyed = false
  reloads = 0
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  send = (channel: string, payload?: unknown) => {
    this.sent.push({ channel, payload })
  }
  isDestroyed = () => this.destroyed
  reload = () => {
    this.reloads += 1
  }
  setWindowOpenHandler = (handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler
  }
}

export class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = []
  webContents = new FakeWebContents()
  loadedUrl: string | null = null
  shown = false
  maximized = false
  minimized = false
  focused = false
  destroyed = false
  constructor(
    public options: Record<string, unknown> & { webPreferences?: Record<string, unknown> },
  ) {
    super()
    FakeBrowserWindow.instances.push(this)
  }
  loadURL = async (url: string) => {
    this.loadedUrl = url
  }
  show = () => {
    this.shown = true
  }
  maximize = () => {
    this.maximized = true
  }
  isMaximized = () => this.maximized
  isMinimized = () => this.minimized
  restore = () => {
    this.minimized = false
  }
  focus = () => {
    this.focused = true
  }
  isDestroyed = () => this.destroyed
  hide = () => {
    this.shown = false
  }
  isVisible = () => this.shown
  isFocused = () => this.focused
  getNormalBounds = () => ({
    x: Number(this.options.x ?? 0),
    y: Number(this.options.y ?? 0),
    width: Number(this.options.width ?? 800),
    height: Number(this.options.height ?? 600),
  })
}

export interface FakeDisplay {
  id: number
  workArea: { x: number; y: number; width: number; height: number }
}

export class FakeScreen {
  displays: FakeDisplay[] = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]
  getAllDisplays = () => this.displays
  getPrimaryDisplay = () => this.displays[0]!
  reset(): void {
    this.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]
  }
}

/**
 * safeStorage stand-in. Its "ciphertext" is the UTF-8 bytes XOR 0xA5 behind a marker: reversible,
 * and never containing the plain text, so a test can prove the file holds no password.
 */
export class FakeSafeStorage {
  available = true
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' =
    'gnome_libsecret'
  shouldReEncrypt = false
  failDecrypt = false
  encryptCalls = 0
  static readonly MARKER = Buffer.from('FAKE1')

  isAsyncEncryptionAvailable = async () => this.available
  getSelectedStorageBackend = () => this.backend
  encryptStringAsync = async (plainText: string) => {
    if (!this.available) throw new Error('Encryption is not available.')
    this.encryptCalls += 1
    const bytes = Buffer.from(plainText, 'utf8').map((b) => b ^ 0xa5)
    return Buffer.concat([FakeSafeStorage.MARKER, bytes])
  }
  decryptStringAsync = async (encrypted: Buffer) => {
    if (this.failDecrypt || !encrypted.subarray(0, 5).equals(FakeSafeStorage.MARKER)) {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      )
    }
    const bytes = Buffer.from(encrypted.subarray(5)).map((b) => b ^ 0xa5)
    return { result: Buffer.from(bytes).toString('utf8'), shouldReEncrypt: this.shouldReEncrypt }
  }
  reset(): void {
    this.available = true
    this.backend = 'gnome_libsecret'
    this.shouldReEncrypt = false
    this.failDecrypt = false
    this.encryptCalls = 0
  }
}

export class FakeShell {
  opened: string[] = []
  revealed: string[] = []
  openExternal = async (url: string) => {
    this.opened.push(url)
  }
  showItemInFolder = (path: string) => {
    this.revealed.push(path)
  }
  reset(): void {
    this.opened = []
    this.revealed = []
  }
}

/** Electron's dialog: the folder a test's user picks next, and every dialog opened. */
export class FakeDialog {
  /** What the next open dialog returns: a path, or null for Cancel. */
  nextPick: string | null = null
  opened: { window: unknown; options: Record<string, unknown> }[] = []
  showOpenDialog = async (...args: unknown[]) => {
    const [window, options] = args.length > 1 ? args : [null, args[0]]
    this.opened.push({ window, options: options as Record<string, unknown> })
    const pick = this.nextPick
    return pick === null
      ? { canceled: true, filePaths: [] }
      : { canceled: false, filePaths: [pick] }
  }
  reset(): void {
    this.nextPick = null
    this.opened = []
  }
}

/** A menu item template as tray.ts builds it; `click` is what a user's choice runs. */
export interface FakeMenuItem {
  label?: string
  role?: string
  type?: string
  enabled?: boolean
  checked?: boolean
  click?: () => void
  submenu?: FakeMenuItem[]
}

export const FakeMenu = {
  buildFromTemplate: (template: FakeMenuItem[]) => ({ template }),
  /** What `setApplicationMenu` last received (null: none was set). */
  applicationMenu: null as { template: FakeMenuItem[] } | null,
  setApplicationMenu: (menu: { template: FakeMenuItem[] } | null) => {
    FakeMenu.applicationMenu = menu
  },
}

export class FakeTray extends Emitter {
  static instances: FakeTray[] = []
  tooltip = ''
  menu: { template: FakeMenuItem[] } | null = null
  destroyed = false
  constructor(public image: unknown) {
    super()
    FakeTray.instances.push(this)
  }
  setImage = (image: unknown) => {
    this.image = image
  }
  setToolTip = (tooltip: string) => {
    this.tooltip = tooltip
  }
  setContextMenu = (menu: { template: FakeMenuItem[] } | null) => {
    this.menu = menu
  }
  destroy = () => {
    this.destroyed = true
  }
  /** The menu item with this label, searched through submenus. */
  item(label: string, items = this.menu?.template ?? []): FakeMenuItem | undefined {
    for (const item of items) {
      if (item.label === label) return item
      const inner = item.submenu ? this.item(label, item.submenu) : undefined
      if (inner) return inner
    }
    return undefined
  }
}

export class FakeNotification extends Emitter {
  static instances: FakeNotification[] = []
  static supported = true
  static isSupported = () => FakeNotification.supported
  shown = false
  closed = false
  constructor(public options: Record<string, unknown>) {
    super()
    FakeNotification.instances.push(this)
  }
  show = () => {
    this.shown = true
  }
  close = () => {
    this.closed = true
  }
}

/** Electron's globalShortcut: what is registered, and a way to press it. */
export class FakeGlobalShortcut {
  registered = new Map<string, () => void>()
  /** Accelerators another app holds: register() fails for them, as Electron's does. */
  taken = new Set<string>()
  register = (accelerator: string, callback: () => void): boolean => {
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false
    this.registered.set(accelerator, callback)
    return true
  }
  unregister = (accelerator: string): void => {
    this.registered.delete(accelerator)
  }
  unregisterAll = (): void => {
    this.registered.clear()
  }
  isRegistered = (accelerator: string): boolean => this.registered.has(accelerator)
  press(accelerator: string): void {
    this.registered.get(accelerator)?.()
  }
  reset(): void {
    this.registered.clear()
    this.taken.clear()
  }
}

/** desktopCapturer: the screens and windows a test puts there, and what was asked for. */
export class FakeDesktopCapturer {
  sources: { id: string; name: string; thumbnail: { toDataURL(): string; isEmpty(): boolean } }[] =
    []
  requests: unknown[] = []
  getSources = async (options: unknown) => {
    this.requests.push(options)
    return this.sources
  }
  reset(): void {
    this.sources = []
    this.requests = []
  }
}

export const fakeNativeImage = {
  createFromPath: (path: string) => ({ path, isEmpty: () => false }),
}

function createFake() {
  return {
    app: new FakeApp(),
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    contextBridge: new FakeContextBridge(),
    protocol: new FakeProtocol(),
    session: { defaultSession: new FakeSession() },
    safeStorage: new FakeSafeStorage(),
    screen: new FakeScreen(),
    powerMonitor: new Emitter(),
    shell: new FakeShell(),
    dialog: new FakeDialog(),
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: FakeMenu,
    Notification: FakeNotification,
    nativeImage: fakeNativeImage,
    globalShortcut: new FakeGlobalShortcut(),
    desktopCapturer: new FakeDesktopCapturer(),

    reset(): void {
      this.desktopCapturer.reset()
      this.globalShortcut.reset()
      this.app.reset()
      this.ipcMain.reset()
      this.ipcRenderer.reset()
      this.contextBridge.reset()
      this.protocol.reset()
      this.session.defaultSession.reset()
      this.safeStorage.reset()
      this.screen.reset()
      this.powerMonitor.reset()
      this.shell.reset()
      this.dialog.reset()
      this.BrowserWindow.instances = []
      this.Tray.instances = []
      this.Menu.applicationMenu = null
      this.Notification.instances = []
      this.Notification.supported = true
    },
  }
}

type Fake = ReturnType<typeof createFake>
const globalKey = '__switchboardFakeElectron'

/**
 * One instance per test worker, kept on globalThis: a test that calls vi.resetModules() re-imports
 * this file through the mock, and must still see the same fakes.
 */
export const fake: Fake = ((globalThis as Record<string, unknown>)[globalKey] ??=
  createFake()) as Fake

/** What `import … from 'electron'` gives a module under test. */
export function electronModule(): Record<string, unknown> {
  const module = {
    app: fake.app,
    ipcMain: fake.ipcMain,
    ipcRenderer: fake.ipcRenderer,
    contextBridge: fake.contextBridge,
    protocol: fake.protocol,
    session: fake.session,
    safeStorage: fake.safeStorage,
    screen: fake.screen,
    powerMonitor: fake.powerMonitor,
    shell: fake.shell,
    dialog: fake.dialog,
    BrowserWindow: fake.BrowserWindow,
    Tray: fake.Tray,
    Menu: fake.Menu,
    Notification: fake.Notification,
    nativeImage: fake.nativeImage,
    globalShortcut: fake.globalShortcut,
    desktopCapturer: fake.desktopCapturer,
  }
  return { ...module, default: module }
}
