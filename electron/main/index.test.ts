// The composition root, run against the fake electron: what happens before `ready`, and one
// trip through the wiring (settings over IPC, a queued power push, a CSP reload).
import fs from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { fake } from '../test/fake-electron'
import type { FakeBrowserWindow } from '../test/fake-electron'
import { tempDir } from '../test/helpers'

async function boot() {
  vi.resetModules()
  vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  await import('./index')
}

function ourPage(win: FakeBrowserWindow) {
  return {
    sender: win.webContents,
    senderFrame: { url: 'app://switchboard/index.html', parent: null },
  }
}

describe('main process composition', () => {
  it('quits at once when another instance holds the lock', async () => {
    fake.app.gotLock = false
    await boot()
    expect(fake.app.quitCalls).toBe(1)
    expect(fake.app.listenerCount('open-url')).toBe(0)
    expect(fake.protocol.privileged).toEqual([])
  })

  it('listens for links and registers app:// before ready', async () => {
    await boot()
    expect(fake.app.listenerCount('open-url')).toBe(1)
    expect(fake.app.listenerCount('second-instance')).toBe(1)
    expect(fake.app.sandboxEnabled).toBe(true)
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['app'])
    expect(fake.ipcMain.handlers.size).toBe(0)
    let prevented = false
    fake.app.emit('open-url', { preventDefault: () => (prevented = true) }, 'sip:bob@example.com')
    expect(prevented).toBe(true)
  })

  it('wires settings, IPC, pushes and the window once ready', async () => {
    const userData = await tempDir()
    fake.app.paths.userData = userData
    await boot()
    fake.app.becomeReady()
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1))
    const win = fake.BrowserWindow.instances[0]!

    expect(win.loadedUrl).toBe('app://switchboard/index.html')
    expect(String(win.options.webPreferences?.preload)).toMatch(/preload[/\\]index\.cjs$/)
    expect(fake.protocol.handlers.has('app')).toBe(true)
    expect(fake.session.defaultSession.permissionRequestHandler).not.toBeNull()
    // Issue 10 row 17: our own menu replaces Electron's default one; DevTools follow isPackaged.
    expect(fake.Menu.applicationMenu).not.toBeNull()
    expect(win.options.webPreferences?.devTools).toBe(!fake.app.isPackaged)

    // A push before the renderer is ready waits.
    fake.powerMonitor.emit('resume')
    expect(win.webContents.sent).toEqual([])
    await fake.ipcMain.invoke('app:ready', ourPage(win))
    expect(win.webContents.sent).toEqual([{ channel: 'power:resume', payload: undefined }])

    expect(await fake.ipcMain.invoke('app:info', ourPage(win))).toMatchObject({
      name: 'Switchboard',
      version: '0.0.0-test',
    })

    // A new SIP server changes the CSP, so the page reloads after the reply.
    const account = {
      id: 'account-1',
      enabled: true,
      aor: 'sip:alice@example.com',
      server: 'wss://pbx.example.com',
      username: '',
      realm: '',
      displayName: '',
      iceServers: [],
      icePolicy: 'all',
      dtmfMethod: 'rfc4733',
      defaultRegion: '',
      registerExpires: 600,
      outboundProxy: '',
    }
    const saved = await fake.ipcMain.invoke('settings:set', ourPage(win), { accounts: [account] })
    expect(saved).toMatchObject({ accounts: [{ server: 'wss://pbx.example.com' }] })
    await vi.waitFor(() => expect(win.webContents.reloads).toBe(1))
    const file = JSON.parse(await fs.readFile(join(userData, 'settings.json'), 'utf8'))
    expect(file.accounts[0].server).toBe('wss://pbx.example.com')

    // A theme change does not reload.
    await fake.ipcMain.invoke('settings:set', ourPage(win), { theme: 'dark' })
    await new Promise((r) => setTimeout(r, 10))
    expect(win.webContents.reloads).toBe(1)

    const status = await fake.ipcMain.invoke('credentials:set', ourPage(win), {
      accountId: 'sip:alice@example.com',
      password: 'pw',
    })
    expect(status).toEqual({ encryption: 'strong', persistent: true })
  })

  // Issue 10 row 12: settings:get never returns the TURN credential; the vault has it.
  it('moves an old plaintext TURN credential into the vault', async () => {
    const userData = await tempDir()
    fake.app.paths.userData = userData
    await fs.writeFile(
      join(userData, 'settings.json'),
      JSON.stringify({
        version: 1,
        account: {
          iceServers: [{ urls: 'turn:t.example.com', username: 'u', credential: 'turn-s3cret' }],
        },
      }),
    )
    await boot()
    fake.app.becomeReady()
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1))
    const win = fake.BrowserWindow.instances[0]!
    const settings = await fake.ipcMain.invoke('settings:get', ourPage(win))
    expect(JSON.stringify(settings)).not.toContain('turn-s3cret')
    expect(
      await fake.ipcMain.invoke('credentials:get', ourPage(win), {
        accountId: 'ice:u@turn:t.example.com',
      }),
    ).toBe('turn-s3cret')
    expect(await fs.readFile(join(userData, 'settings.json'), 'utf8')).not.toContain('turn-s3cret')
  })

  it('reports settings it had to set aside once the renderer is ready', async () => {
    const userData = await tempDir()
    fake.app.paths.userData = userData
    await fs.writeFile(join(userData, 'settings.json'), '{oops')
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    await boot()
    fake.app.becomeReady()
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1))
    const win = fake.BrowserWindow.instances[0]!
    await fake.ipcMain.invoke('app:ready', ourPage(win))
    expect(win.webContents.sent).toEqual([
      {
        channel: 'settings:recovered',
        payload: {
          backup: expect.stringMatching(/^settings\.corrupt-.*\.json$/),
          problems: ['not valid JSON'],
        },
      },
    ])
  })
})
