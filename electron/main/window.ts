// The main window: sandboxed, isolated, no Node; shown once painted; its size and position are
// remembered in userData and clamped back onto a display that exists now.
import { join } from 'node:path'
import { z } from 'zod'
import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle, Screen } from 'electron'
import { createAtomicWriter, readTextIfExists } from './atomic-file'
import type { FileSystem } from './atomic-file'
import type { Logger } from './log'

export const WINDOW_STATE_FILE = 'window-state.json'
export const DEFAULT_SIZE = { width: 1100, height: 720 }
export const MIN_SIZE = { width: 420, height: 520 }

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
})
export type WindowState = z.output<typeof windowStateSchema>

/**
 * Where to put the window: the saved size, shrunk to fit, on the display it overlaps most, moved
 * fully inside that display's work area. Centred on the primary display when there is no saved
 * position or it is on no display any more (a monitor was unplugged).
 */
export function clampBounds(
  saved: Partial<Rectangle> | null,
  workAreas: readonly Rectangle[],
  primary: Rectangle,
): Rectangle {
  const want = {
    width: Math.max(MIN_SIZE.width, Math.round(saved?.width ?? DEFAULT_SIZE.width)),
    height: Math.max(MIN_SIZE.height, Math.round(saved?.height ?? DEFAULT_SIZE.height)),
  }
  let area = primary
  let x: number | null = null
  let y: number | null = null
  if (saved?.x !== undefined && saved.y !== undefined) {
    const rect = { x: saved.x, y: saved.y, ...want }
    let best = 0
    for (const candidate of workAreas) {
      const overlap = intersectionArea(rect, candidate)
      if (overlap > best) {
        best = overlap
        area = candidate
      }
    }
    if (best > 0) {
      x = saved.x
      y = saved.y
    }
  }
  const width = Math.min(want.width, area.width)
  const height = Math.min(want.height, area.height)
  x ??= area.x + Math.round((area.width - width) / 2)
  y ??= area.y + Math.round((area.height - height) / 2)
  return {
    x: Math.round(clamp(x, area.x, area.x + area.width - width)),
    y: Math.round(clamp(y, area.y, area.y + area.height - height)),
    width,
    height,
  }
}

function intersectionArea(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

export function parseWindowState(text: string | null): WindowState | null {
  if (text === null) return null
  try {
    const result = windowStateSchema.safeParse(JSON.parse(text))
    return result.success ? result.data : null
  } catch {
    return null
  }
}

export interface WindowStateFile {
  load(): Promise<WindowState | null>
  save(state: WindowState): Promise<void>
}

/** Window geometry is not a setting; a bad file just means the default size. */
export function createWindowStateFile(fs: FileSystem, dir: string): WindowStateFile {
  const path = join(dir, WINDOW_STATE_FILE)
  const writer = createAtomicWriter(fs, path)
  return {
    load: async () => parseWindowState(await readTextIfExists(fs, path).catch(() => null)),
    save: (state) => writer.write(`${JSON.stringify(state)}\n`),
  }
}

export function windowOptions(
  preloadPath: string,
  bounds: Rectangle,
  devTools = false,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Switchboard',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A packaged build has no DevTools at all: the console reaches the preload API.
      devTools,
      // A softphone in the background still keeps its registration and rings on time.
      backgroundThrottling: false,
      // An incoming call rings (its ringtone plays) even when no one has clicked in the window
      // since it opened, e.g. after starting minimized at login.
      autoplayPolicy: 'no-user-gesture-required',
    },
  }
}

type WindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow

export interface MainWindowOptions {
  BrowserWindow: WindowConstructor
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>
  /** `out/preload/index.cjs` */
  preloadPath: string
  /** `app://switchboard/index.html`, or the dev server's URL. */
  url: string
  stateFile: WindowStateFile
  /** False to start in the tray ("Start minimized"); the window is shown later on demand. */
  show?: boolean
  /** Only for an unpackaged build (a developer's); never in a packaged one. */
  devTools?: boolean
  log: Logger
}

export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const { BrowserWindow, screen, preloadPath, url, stateFile, show = true, log } = options
  const devTools = options.devTools === true
  const state = await stateFile.load()
  const bounds = clampBounds(
    state,
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  )
  const win = new BrowserWindow(windowOptions(preloadPath, bounds, devTools))

  win.once('ready-to-show', () => {
    if (state?.maximized) win.maximize()
    if (show) win.show()
  })
  win.on('close', () => {
    const { x, y, width, height } = win.getNormalBounds()
    stateFile
      .save({ x, y, width, height, maximized: win.isMaximized() })
      .catch((error: unknown) => {
        log.warn('could not save the window position', error)
      })
  })
  win.loadURL(url).catch((error: unknown) => log.error(`could not load ${url}`, error))
  return win
}
