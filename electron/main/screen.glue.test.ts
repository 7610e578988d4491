// Screen sharing on the desktop, through index.ts against the recording fake of Electron: the
// page lists screens and windows over IPC, picks one, and the getDisplayMedia that follows is
// answered with it by the display media handler index.ts installs; ids that are not sources'
// are refused at the IPC edge, and nothing is shared without a choice.
import { describe, expect, it, vi } from 'vitest'
import { fake } from '../test/fake-electron'
import type { FakeBrowserWindow } from '../test/fake-electron'
import { tempDir } from '../test/helpers'

const PNG = 'data:image/png;base64,iVBORw0KGgo='

async function boot(): Promise<FakeBrowserWindow> {
  fake.app.paths.userData = await tempDir()
  vi.resetModules()
  vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'debug').mockImplementation(() => {})
  await import('./index')
  fake.app.becomeReady()
  await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1))
  return fake.BrowserWindow.instances[0]!
}

function ourPage(win: FakeBrowserWindow) {
  return {
    sender: win.webContents,
    senderFrame: { url: 'app://switchboard/index.html', parent: null },
  }
}

function source(id: string, name: string, thumbnail = PNG) {
  return { id, name, thumbnail: { toDataURL: () => thumbnail, isEmpty: () => false } }
}

/** What Electron does on getDisplayMedia: asks the installed handler, waits for its answer. */
function requestDisplay(origin = 'app://switchboard'): Promise<unknown> {
  const handler = fake.session.defaultSession.displayMediaRequestHandler
  if (!handler) throw new Error('no display media handler')
  return new Promise((resolve) =>
    handler(
      {
        securityOrigin: origin,
        videoRequested: true,
        audioRequested: false,
        frame: { parent: null },
      },
      resolve,
    ),
  )
}

describe('screen sharing glue', () => {
  it('lists sources for the picker, then answers getDisplayMedia with the one chosen', async () => {
    const win = await boot()
    expect(fake.session.defaultSession.displayMediaOptions).toEqual({ useSystemPicker: false })
    const window = source('window:5:0', 'Slides — <script>alert(1)</script>')
    fake.desktopCapturer.sources = [
      source('screen:0:0', 'Entire screen'),
      window,
      source('window:6:0', 'Evil', 'data:text/html;base64,PHNjcmlwdD4='),
    ]
    const invoke = (channel: string, payload?: unknown) =>
      fake.ipcMain.invoke(channel, ourPage(win), ...(payload === undefined ? [] : [payload]))

    expect(await invoke('screen:sources')).toEqual([
      { id: 'screen:0:0', kind: 'screen', name: 'Entire screen', thumbnail: PNG },
      {
        id: 'window:5:0',
        kind: 'window',
        name: 'Slides — <script>alert(1)</script>',
        thumbnail: PNG,
      },
      { id: 'window:6:0', kind: 'window', name: 'Evil', thumbnail: null },
    ])
    expect(fake.desktopCapturer.requests[0]).toMatchObject({ types: ['screen', 'window'] })

    // Without a choice (the picker was cancelled) nothing is shared.
    expect(await requestDisplay()).toBeNull()
    await invoke('screen:choose', { id: 'window:5:0' })
    expect(await requestDisplay()).toEqual({ video: window })
  })

  it('refuses ids that are not sources, and other pages', async () => {
    const win = await boot()
    fake.desktopCapturer.sources = [source('screen:0:0', 'Entire screen')]
    for (const payload of [
      { id: '../../etc' },
      { id: 'screen:0:0', extra: 1 },
      { id: 7 },
      undefined,
    ]) {
      await expect(fake.ipcMain.invoke('screen:choose', ourPage(win), payload)).rejects.toThrow(
        /invalid payload/,
      )
    }
    const evil = {
      sender: win.webContents,
      senderFrame: { url: 'https://evil.example/', parent: null },
    }
    await expect(fake.ipcMain.invoke('screen:sources', evil)).rejects.toThrow(/refused/)
    await fake.ipcMain.invoke('screen:choose', ourPage(win), { id: 'screen:0:0' })
    expect(await requestDisplay('https://evil.example')).toBeNull()
  })
})
