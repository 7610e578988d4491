import fs from 'node:fs/promises'
import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import { FakeBrowserWindow, fake } from '../test/fake-electron'
import { recordingLogger, tempDir } from '../test/helpers'
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  WINDOW_STATE_FILE,
  clampBounds,
  createMainWindow,
  createWindowStateFile,
  parseWindowState,
} from './window'

const PRIMARY = { x: 0, y: 0, width: 1920, height: 1040 }
const RIGHT = { x: 1920, y: 0, width: 1280, height: 1024 }

describe('clampBounds', () => {
  it.each([
    ['no saved state: default size, centred', null, [PRIMARY], { x: 410, y: 160, ...DEFAULT_SIZE }],
    [
      'kept as saved',
      { x: 100, y: 50, width: 900, height: 700 },
      [PRIMARY],
      { x: 100, y: 50, width: 900, height: 700 },
    ],
    [
      'kept on the second display',
      { x: 2000, y: 100, width: 900, height: 700 },
      [PRIMARY, RIGHT],
      { x: 2000, y: 100, width: 900, height: 700 },
    ],
    [
      'that display was unplugged: centred on the primary',
      { x: 2000, y: 100, width: 900, height: 700 },
      [PRIMARY],
      { x: 510, y: 170, width: 900, height: 700 },
    ],
    [
      'half off the right edge: moved in',
      { x: 1500, y: 900, width: 900, height: 700 },
      [PRIMARY],
      { x: 1020, y: 340, width: 900, height: 700 },
    ],
    [
      'bigger than the display: shrunk to it',
      { x: 0, y: 0, width: 4000, height: 3000 },
      [PRIMARY],
      { x: 0, y: 0, width: 1920, height: 1040 },
    ],
    [
      'smaller than the minimum: grown to it',
      { x: 10, y: 10, width: 50, height: 50 },
      [PRIMARY],
      { x: 10, y: 10, ...MIN_SIZE },
    ],
    [
      'size only: centred',
      { width: 1000, height: 800 },
      [PRIMARY],
      { x: 460, y: 120, width: 1000, height: 800 },
    ],
    [
      'display with an offset work area (top panel)',
      { x: 0, y: 0, width: 800, height: 600 },
      [{ x: 0, y: 32, width: 1920, height: 1048 }],
      { x: 0, y: 32, width: 800, height: 600 },
    ],
  ])('%s', (_name, saved, areas, expected) => {
    const primary = areas[0]!
    expect(clampBounds(saved, areas, primary)).toEqual(expected)
  })
})

describe('window state file', () => {
  it.each(['', 'nonsense', '{"width": -1, "height": 5}', '[]', 'null'])('ignores %j', (text) => {
    expect(parseWindowState(text)).toBeNull()
  })

  it('round-trips through userData', async () => {
    const dir = await tempDir()
    const file = createWindowStateFile(fs, dir)
    expect(await file.load()).toBeNull()
    await file.save({ x: 1, y: 2, width: 800, height: 600, maximized: true })
    expect(await file.load()).toEqual({ x: 1, y: 2, width: 800, height: 600, maximized: true })
    expect(await fs.readdir(dir)).toEqual([WINDOW_STATE_FILE])
  })
})

describe('createMainWindow', () => {
  async function open(
    state: Parameters<ReturnType<typeof createWindowStateFile>['save']>[0] | null,
  ) {
    const dir = await tempDir()
    const stateFile = createWindowStateFile(fs, dir)
    if (state) await stateFile.save(state)
    const win = (await createMainWindow({
      BrowserWindow: FakeBrowserWindow as unknown as new () => BrowserWindow,
      screen: fake.screen as never,
      preloadPath: '/app/out/preload/index.cjs',
      url: 'app://switchboard/index.html',
      stateFile,
      log: recordingLogger(),
    })) as unknown as FakeBrowserWindow
    return { win, dir, stateFile }
  }

  it('is sandboxed and isolated, with our preload and no Node', async () => {
    const { win } = await open(null)
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      experimentalFeatures: false,
    })
    expect(win.options.webPreferences).not.toHaveProperty('enableBlinkFeatures')
    expect(win.loadedUrl).toBe('app://switchboard/index.html')
  })

  it('lets the ringtone play without a click first', async () => {
    const { win } = await open(null)
    expect(win.options.webPreferences?.autoplayPolicy).toBe('no-user-gesture-required')
  })

  it('shows only when ready, maximized if it was', async () => {
    const { win } = await open({ x: 10, y: 20, width: 900, height: 700, maximized: true })
    expect(win.options).toMatchObject({ show: false, x: 10, y: 20, width: 900, height: 700 })
    expect(win.shown).toBe(false)
    win.emit('ready-to-show')
    expect(win.shown).toBe(true)
    expect(win.maximized).toBe(true)
  })

  it('remembers its bounds when closed', async () => {
    const { win, stateFile } = await open(null)
    win.getNormalBounds = () => ({ x: 5, y: 6, width: 1000, height: 800 })
    win.emit('close')
    await vi.waitFor(async () => {
      expect(await stateFile.load()).toEqual({
        x: 5,
        y: 6,
        width: 1000,
        height: 800,
        maximized: false,
      })
    })
  })
})
