// Call recordings on the desktop, through index.ts against the recording fake of Electron: a
// recording streamed over IPC lands in Music/Switchboard (or the folder picked in the OS's
// dialog), is listed, read, revealed and deleted; names that would leave the folder, and a
// folder the renderer names itself, are refused at the IPC edge.
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

  it('shows the folder, Music/Switchboard by default; Choose… opens the OS dialog there and keeps the pick', async () => {
    const win = await boot()
    const invoke = (channel: string, payload?: unknown) =>
      fake.ipcMain.invoke(channel, ourPage(win), ...(payload === undefined ? [] : [payload]))
    const music = join(fake.app.paths.music!, 'Switchboard')
    expect(await invoke('recordings:folder')).toBe(music)

    // Cancel keeps the folder; the dialog belongs to our window and opens at the folder now.
    fake.dialog.nextPick = null
    expect(await invoke('recordings:chooseFolder')).toBeNull()
    expect(fake.dialog.opened).toHaveLength(1)
    expect(fake.dialog.opened[0]!.window).toBe(win)
    expect(fake.dialog.opened[0]!.options).toMatchObject({
      defaultPath: music,
      properties: expect.arrayContaining(['openDirectory', 'createDirectory']),
    })
    expect(await invoke('recordings:folder')).toBe(music)

    const chosen = await tempDir()
    fake.dialog.nextPick = chosen
    expect(await invoke('recordings:chooseFolder')).toBe(chosen)
    expect(await invoke('recordings:folder')).toBe(chosen)
    // Kept in the settings file: the next start writes there too.
    const saved = JSON.parse(
      await readFile(join(fake.app.paths.userData!, 'settings.json'), 'utf8'),
    ) as { calls: { recordingsFolder?: string } }
    expect(saved.calls.recordingsFolder).toBe(chosen)

    // The next recording lands in the chosen folder.
    const { id } = (await invoke('recordings:open', { fileName: 'next.webm' })) as { id: string }
    await invoke('recordings:write', { id, chunk: new Uint8Array([9]) })
    await invoke('recordings:close', { id })
    expect([...(await readFile(join(chosen, 'next.webm')))]).toEqual([9])
  })

  it('refuses a recordings folder sent by the renderer: only the dialog sets it', async () => {
    const win = await boot()
    const invoke = (channel: string, payload?: unknown) =>
      fake.ipcMain.invoke(channel, ourPage(win), ...(payload === undefined ? [] : [payload]))
    await expect(
      invoke('settings:set', { calls: { recordingsFolder: '/home/someone/.config/autostart' } }),
    ).rejects.toThrow(/invalid payload: calls.recordingsFolder/)
    expect(await invoke('recordings:folder')).toBe(join(fake.app.paths.music!, 'Switchboard'))
    // Other call settings still go through.
    await invoke('settings:set', { calls: { recordingTone: true } })
    expect(
      ((await invoke('settings:get')) as { calls: { recordingTone: boolean } }).calls,
    ).toMatchObject({ recordingTone: true })
  })

  it('never overwrites a file, and follows the folder chosen', async () => {
    const win = await boot()
    const invoke = (channel: string, payload?: unknown) =>
      fake.ipcMain.invoke(channel, ourPage(win), ...(payload === undefined ? [] : [payload]))
    const chosen = await tempDir()
    fake.dialog.nextPick = chosen
    await invoke('recordings:chooseFolder')
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

  it('keeps the folder when the dialog gives no absolute path', async () => {
    const win = await boot()
    fake.dialog.nextPick = 'relative/folder'
    await expect(fake.ipcMain.invoke('recordings:chooseFolder', ourPage(win))).rejects.toThrow(
      /no absolute path/,
    )
    expect(await fake.ipcMain.invoke('recordings:folder', ourPage(win))).toBe(
      join(fake.app.paths.music!, 'Switchboard'),
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
