// The desktop shell's glue, booted through index.ts against the recording fake of Electron:
// hardened window, dial schemes, links from a second instance, tray and notification actions,
// close-to-tray, and the sender check on the new channels.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { initialShellState } from '@shared/shell/types'
import type { ShellState } from '@shared/shell/types'
import { fake } from '../test/fake-electron'
import type { FakeBrowserWindow } from '../test/fake-electron'
import { tempDir } from '../test/helpers'

async function boot(): Promise<FakeBrowserWindow> {
  fake.app.paths.userData = await tempDir()
  // Linux's autostart file goes to <appData>/autostart: never the real ~/.config in a test.
  fake.app.paths.appData = await tempDir()
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

function pushes(win: FakeBrowserWindow, channel: string): unknown[] {
  return win.webContents.sent.filter((s) => s.channel === channel).map((s) => s.payload)
}

const bob = { name: 'Bob', address: 'sip:bob@example.com' }

function ringingState(): ShellState {
  return {
    ...initialShellState(),
    connection: 'registered',
    ringing: { ...bob, callId: 'call-1' },
    unreadMessages: 2,
    missedCalls: 1,
  }
}

describe('desktop shell glue', () => {
  it('opens a hardened window', async () => {
    const win = await boot()
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('takes the four dial schemes only once the user says yes, never by itself at start', async () => {
    const win = await boot()
    expect(fake.app.protocolClients).toEqual([])
    await fake.ipcMain.invoke('settings:set', ourPage(win), { desktop: { linkHandler: 'declined' } })
    expect(fake.app.protocolClients).toEqual([])
    await fake.ipcMain.invoke('settings:set', ourPage(win), { desktop: { linkHandler: 'accepted' } })
    expect(fake.app.protocolClients.map((c) => c.scheme)).toEqual(['sip', 'sips', 'tel', 'callto'])
    // Another change of settings does not take them again.
    await fake.ipcMain.invoke('settings:set', ourPage(win), { theme: 'dark' })
    expect(fake.app.protocolClients).toHaveLength(4)
  })

  it('turns a second instance’s tel: link into exactly one dial request', async () => {
    const win = await boot()
    await fake.ipcMain.invoke('app:ready', ourPage(win))
    fake.app.emit('second-instance', {}, [
      '/opt/Switchboard/switchboard',
      '--allow-file-access-from-files',
      'tel:+1-201-555-0123',
      'sip:ignored@example.com',
    ])
    expect(pushes(win, 'dial:request')).toEqual([
      {
        result: {
          ok: true,
          target: expect.objectContaining({ kind: 'number', dial: '+12015550123' }),
        },
      },
    ])
    expect(win.focused).toBe(true)
  })

  it('keeps a link from before ready (macOS open-url) until the renderer is ready', async () => {
    fake.app.paths.userData = await tempDir()
    vi.resetModules()
    vi.spyOn(console, 'info').mockImplementation(() => {})
    await import('./index')
    fake.app.emit('open-url', { preventDefault: () => {} }, 'sip:alice:pw@example.com')
    fake.app.becomeReady()
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1))
    const win = fake.BrowserWindow.instances[0]!
    expect(pushes(win, 'dial:request')).toEqual([])
    await fake.ipcMain.invoke('app:ready', ourPage(win))
    const [request] = pushes(win, 'dial:request')
    expect(request).toMatchObject({
      result: { ok: true, target: { dial: 'sip:alice@example.com' } },
    })
    expect(JSON.stringify(request)).not.toContain(':pw@')
  })

  it('sends an unparseable link as an error, so the renderer can say why', async () => {
    const win = await boot()
    await fake.ipcMain.invoke('app:ready', ourPage(win))
    fake.app.emit('second-instance', {}, ['switchboard', 'tel:+1%0D%0A555'])
    expect(pushes(win, 'dial:request')).toEqual([
      { result: { ok: false, error: expect.objectContaining({ code: 'control-characters' }) } },
    ])
  })

  it('follows the renderer’s state in the tray and badge; Answer reaches the renderer', async () => {
    const win = await boot()
    await fake.ipcMain.invoke('app:ready', ourPage(win))
    await fake.ipcMain.invoke('shell:setState', ourPage(win), ringingState())
    const tray = fake.Tray.instances[0]!
    expect(tray.image).toEqual(
      expect.objectContaining({ path: expect.stringMatching(/ringing\.png$/) }),
    )
    expect(tray.tooltip).toContain('Incoming call: Bob')
    expect(fake.app.badgeCount).toBe(3)

    tray.item('Answer Bob')?.click?.()
    expect(pushes(win, 'tray:action')).toEqual([{ kind: 'answer', callId: 'call-1' }])
    expect(win.shown).toBe(true)
  })

  it('handles Show and Quit in main, without the renderer', async () => {
    const win = await boot()
    await fake.ipcMain.invoke('app:ready', ourPage(win))
    win.hide()
    fake.Tray.instances[0]!.item('Show Switchboard')?.click?.()
    expect(win.shown).toBe(true)
    fake.Tray.instances[0]!.item('Quit')?.click?.()
    expect(fake.app.quitCalls).toBe(1)
    expect(pushes(win, 'tray:action')).toEqual([])
  })

  it('notifies an incoming call in the background; a click shows the call', async () => {
    const win = await boot()
    await fake.ipcMain.invoke('app:ready', ourPage(win))
    await fake.ipcMain.invoke('shell:notify', ourPage(win), {
      kind: 'incoming-call',
      callId: 'call-1',
      from: bob,
    })
    const notification = fake.Notification.instances.at(-1)!
    expect(notification.options).toMatchObject({ title: 'Incoming call', urgency: 'critical' })
    expect(notification.shown).toBe(true)
    notification.emit('click')
    expect(pushes(win, 'tray:action')).toEqual([{ kind: 'show-call', callId: 'call-1' }])
  })

  it('stays quiet in Do not disturb', async () => {
    const win = await boot()
    await fake.ipcMain.invoke('shell:setState', ourPage(win), {
      ...initialShellState(),
      status: 'dnd',
    })
    await fake.ipcMain.invoke('shell:notify', ourPage(win), {
      kind: 'message',
      threadId: 't',
      from: bob,
      text: 'hi',
    })
    expect(fake.Notification.instances).toEqual([])
  })

  it('hides to the tray on close, with the hint once; Quit really closes', async () => {
    const win = await boot()
    win.shown = true
    const close = () => {
      let prevented = false
      win.emit('close', { preventDefault: () => (prevented = true) })
      return prevented
    }
    expect(close()).toBe(true)
    expect(win.shown).toBe(false)
    await vi.waitFor(() => expect(fake.Notification.instances).toHaveLength(1))
    expect(fake.Notification.instances[0]!.options.title).toBe('Switchboard is still running')
    // A second close before the setting is written must not show it again.
    expect(close()).toBe(true)
    const file = join(fake.app.paths.userData!, 'settings.json')
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(file, 'utf8')).desktop.trayHintShown).toBe(true),
    )
    expect(close()).toBe(true)
    expect(fake.Notification.instances).toHaveLength(1)

    fake.app.emit('before-quit')
    expect(close()).toBe(false)
  })

  it('refuses shell state from a frame that is not our page', async () => {
    const win = await boot()
    const iframe = {
      sender: win.webContents,
      senderFrame: { url: 'https://evil.example/', parent: {} },
    }
    await expect(fake.ipcMain.invoke('shell:setState', iframe, ringingState())).rejects.toThrow(
      /refused/,
    )
    const otherOrigin = {
      sender: win.webContents,
      senderFrame: { url: 'https://evil.example/', parent: null },
    }
    await expect(
      fake.ipcMain.invoke('shell:notify', otherOrigin, {
        kind: 'missed-call',
        callId: 'c',
        from: bob,
      }),
    ).rejects.toThrow(/refused/)
    expect(fake.Tray.instances[0]!.tooltip).not.toContain('Bob')
    expect(fake.Notification.instances).toEqual([])
  })

  it('applies start at login: a login item, or on Linux an autostart file', async () => {
    const win = await boot()
    await fake.ipcMain.invoke('settings:set', ourPage(win), { desktop: { startAtLogin: true } })
    if (process.platform === 'darwin' || process.platform === 'win32') {
      expect(fake.app.loginItem).toEqual({ openAtLogin: true })
    } else if (process.platform === 'linux') {
      // An XDG autostart entry in the config home, written by main, gone when turned off.
      const file = join(fake.app.paths.appData!, 'autostart', 'switchboard.desktop')
      await vi.waitFor(async () => expect(await readFile(file, 'utf8')).toMatch(/^Exec=/m))
      await fake.ipcMain.invoke('settings:set', ourPage(win), { desktop: { startAtLogin: false } })
      await vi.waitFor(() => expect(readFile(file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' }))
    }
  })
})
