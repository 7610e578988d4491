// Call recordings on the desktop, through index.ts against the recording fake of Electron: a
// recording streamed over IPC lands in Music/Switchboard (or the folder the settings name),
// is listed, read, revealed and deleted; names that would leave the folder are refused at the
// IPC edge.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { fake } from '../test/fake-electron'
import type { FakeBrowserWindow } from '../test/fake-electron'
import { tempDir } from '../test/helpers'

async function boot(): Promise<FakeBrowserWindow> {
  fake.app.paths.userData = await tempDir()
  fake.app.paths.music = await tempDir()
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

describe('recordings glue', () => {
  it('writes a streamed recording into Music/Switchboard, lists, reads, reveals and deletes it', async () => {
    const win = await boot()
    const invoke = (channel: string, payload?: unknown) =>
      fake.ipcMain.invoke(channel, ourPage(win), ...(payload === undefined ? [] : [payload]))
    const name = 'switchboard-bob_example.com-2026-12-06T20-15-30Z.webm'
    const { id, fileName } = (await invoke('recordings:open', { fileName: name })) as {
      id: string
      fileName: string
    }
    expect(fileName).toBe(name)
    await invoke('recordings:write', { id, chunk: new Uint8Array([1, 2, 3]) })
    await invoke('recordings:write', { id, chunk: new Uint8Array([4]) })
    const file = await invoke('recordings:close', { id })
    expect(file).toMatchObject({ fileName: name, bytes: 4 })

    const folder = join(fake.app.paths.music!, 'Switchboard')
    expect([...(await readFile(join(folder, name)))]).toEqual([1, 2, 3, 4])
    expect(await invoke('recordings:list')).toMatchObject([{ fileName: name, bytes: 4 }])
    expect([...((await invoke('recordings:read', { fileName: name })) as Uint8Array)]).toEqual([
      1, 2, 3, 4,
    ])
    await invoke('recordings:reveal', { fileName: name })
    expect(fake.shell.revealed).toEqual([join(folder, name)])
    await invoke('recordings:remove', { fileName: name })
    expect(await invoke('recordings:list')).toEqual([])
  })

  it('never overwrites a file, and follows the folder the settings name', async () => {
    const win = await boot()
    const invoke = (channel: string, payload?: unknown) =>
      fake.ipcMain.invoke(channel, ourPage(win), ...(payload === undefined ? [] : [payload]))
    const chosen = await tempDir()
    await invoke('settings:set', { calls: { recordingsFolder: chosen } })
    await writeFile(join(chosen, 'call.ogg'), 'older')
    const opened = (await invoke('recordings:open', { fileName: 'call.ogg' })) as {
      id: string
      fileName: string
    }
    expect(opened.fileName).toBe('call-1.ogg')
    await invoke('recordings:close', { id: opened.id })
    expect(await readFile(join(chosen, 'call.ogg'), 'utf8')).toBe('older')
    const names = ((await invoke('recordings:list')) as { fileName: string }[]).map(
      (f) => f.fileName,
    )
    expect(names.sort()).toEqual(['call-1.ogg', 'call.ogg'])
  })

  it.each([
    ['recordings:open', { fileName: '../escape.webm' }],
    ['recordings:open', { fileName: '/etc/passwd' }],
    ['recordings:remove', { fileName: '..\\x.webm' }],
    ['recordings:read', { fileName: 'notes.txt' }],
    ['recordings:write', { id: 'rec-1', chunk: 'not bytes' }],
    ['recordings:write', { id: 'rec-1', chunk: new Uint8Array((1 << 20) + 1) }],
    ['recordings:close', { id: '../rec-1' }],
  ])('refuses %s with %j at the IPC edge', async (channel, payload) => {
    const win = await boot()
    await expect(fake.ipcMain.invoke(channel, ourPage(win), payload)).rejects.toThrow(
      /invalid payload/,
    )
  })

  it('refuses a chunk for a recording that is not open', async () => {
    const win = await boot()
    await expect(
      fake.ipcMain.invoke('recordings:write', ourPage(win), {
        id: 'rec-77',
        chunk: new Uint8Array(1),
      }),
    ).rejects.toThrow(/No such recording/)
  })
})
