// Desktop-wide shortcuts through index.ts against the recording fake of Electron: none by
// default; on from Settings, the answer key answers the ringing call and the hang-up key ends
// the call in progress (as tray actions the renderer carries out); off again, the keys are free.
import { describe, expect, it, vi } from 'vitest'
import { initialShellState } from '@shared/shell/types'
import type { ShellState } from '@shared/shell/types'
import { fake } from '../test/fake-electron'
import type { FakeBrowserWindow } from '../test/fake-electron'
import { tempDir } from '../test/helpers'

async function boot(): Promise<FakeBrowserWindow> {
  fake.app.paths.userData = await tempDir()
  vi.resetModules()
  vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'debug').mockImplementation(() => {})
  await import('./index')
  fake.app.becomeReady()
  await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1))
  const win = fake.BrowserWindow.instances[0]!
  await fake.ipcMain.invoke('app:ready', ourPage(win))
  return win
}

function ourPage(win: FakeBrowserWindow) {
  return {
    sender: win.webContents,
    senderFrame: { url: 'app://switchboard/index.html', parent: null },
  }
}

const actions = (win: FakeBrowserWindow) =>
  win.webContents.sent.filter((s) => s.channel === 'tray:action').map((s) => s.payload)

const bob = { name: 'Bob', address: 'sip:bob@example.com' }
const shortcuts = (enabled: boolean) => ({
  desktop: {
    globalShortcuts: { enabled, answer: 'CommandOrControl+Shift+A', hangUp: 'CommandOrControl+Shift+E' },
  },
})

describe('global shortcuts glue', () => {
  it('registers nothing by default', async () => {
    await boot()
    expect([...fake.globalShortcut.registered.keys()]).toEqual([])
  })

  it('answers and hangs up from anywhere once turned on, and lets the keys go when off', async () => {
    const win = await boot()
    await fake.ipcMain.invoke('settings:set', ourPage(win), shortcuts(true))
    expect([...fake.globalShortcut.registered.keys()]).toEqual([
      'CommandOrControl+Shift+A',
      'CommandOrControl+Shift+E',
    ])

    const ringing: ShellState = {
      ...initialShellState(),
      ringing: { ...bob, callId: 'call-1' },
    }
    await fake.ipcMain.invoke('shell:setState', ourPage(win), ringing)
    win.hide()
    fake.globalShortcut.press('CommandOrControl+Shift+A')
    expect(actions(win)).toEqual([{ kind: 'answer', callId: 'call-1' }])
    expect(win.shown).toBe(true)

    await fake.ipcMain.invoke('shell:setState', ourPage(win), {
      ...initialShellState(),
      call: { id: 'call-1', state: 'connected', peer: bob },
    })
    fake.globalShortcut.press('CommandOrControl+Shift+E')
    expect(actions(win)).toEqual([
      { kind: 'answer', callId: 'call-1' },
      { kind: 'hangup', callId: 'call-1' },
    ])

    await fake.ipcMain.invoke('settings:set', ourPage(win), shortcuts(false))
    expect([...fake.globalShortcut.registered.keys()]).toEqual([])
  })

  it('goes on without a key another app holds', async () => {
    const win = await boot()
    fake.globalShortcut.taken.add('CommandOrControl+Shift+A')
    await fake.ipcMain.invoke('settings:set', ourPage(win), shortcuts(true))
    expect([...fake.globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+E'])
  })
})
