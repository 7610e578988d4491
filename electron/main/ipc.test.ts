import { beforeEach, describe, expect, it } from 'vitest'
import { createDefaultSettings } from '@shared/settings'
import { FakeWebContents, fake } from '../test/fake-electron'
import { recordingLogger } from '../test/helpers'
import { createIpc, isTrustedSender } from './ipc'
import type { InvokeHandlers } from './ipc'

const OWN = ['app://switchboard']

describe('isTrustedSender', () => {
  it.each([
    [{ webContentsId: 7, frameUrl: 'app://switchboard/index.html', isMainFrame: true }, 7, true],
    [{ webContentsId: 8, frameUrl: 'app://switchboard/index.html', isMainFrame: true }, 7, false],
    [{ webContentsId: 7, frameUrl: 'app://switchboard/index.html', isMainFrame: false }, 7, false],
    [{ webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true }, 7, false],
    [{ webContentsId: 7, frameUrl: 'app://switchboard.evil/', isMainFrame: true }, 7, false],
    [{ webContentsId: 7, frameUrl: null, isMainFrame: false }, 7, false],
    [
      { webContentsId: 7, frameUrl: 'app://switchboard/index.html', isMainFrame: true },
      null,
      false,
    ],
  ])('%j with our window %s → %s', (sender, ownId, trusted) => {
    expect(isTrustedSender(sender, OWN, ownId)).toBe(trusted)
  })
})

describe('the IPC wrapper', () => {
  let contents: FakeWebContents
  let calls: { channel: string; payload: unknown }[]
  let log: ReturnType<typeof recordingLogger>

  function eventFrom(
    url: string | null = 'app://switchboard/index.html',
    options: { sender?: FakeWebContents; subframe?: boolean } = {},
  ) {
    return {
      sender: options.sender ?? contents,
      senderFrame: url === null ? null : { url, parent: options.subframe ? {} : null },
    }
  }

  function setup() {
    const ipc = createIpc({
      ipcMain: fake.ipcMain as never,
      ownOrigins: OWN,
      getWebContents: () => contents,
      log,
    })
    const record =
      <T>(channel: string, result: T) =>
      (payload: unknown) => {
        calls.push({ channel, payload })
        return result
      }
    const handlers: InvokeHandlers = {
      'app:info': record('app:info', {
        name: 'Switchboard',
        version: '1',
        platform: 'linux',
        electron: '45',
        chrome: '1',
      }),
      'settings:get': record('settings:get', createDefaultSettings()),
      'settings:set': record('settings:set', createDefaultSettings()),
      'credentials:get': record('credentials:get', 'pw'),
      'credentials:set': record('credentials:set', {
        encryption: 'strong' as const,
        persistent: true,
      }),
      'credentials:delete': record('credentials:delete', undefined),
      'credentials:status': record('credentials:status', {
        encryption: 'strong' as const,
        persistent: true,
      }),
      'shell:setState': record('shell:setState', undefined),
      'shell:notify': record('shell:notify', undefined),
      'power:idleSeconds': record('power:idleSeconds', 42),
      'recordings:open': record('recordings:open', { id: 'rec-1', fileName: 'a.webm' }),
      'recordings:write': record('recordings:write', undefined),
      'recordings:close': record('recordings:close', {
        fileName: 'a.webm',
        bytes: 0,
        modifiedAt: 0,
      }),
      'recordings:list': record('recordings:list', []),
      'recordings:read': record('recordings:read', new Uint8Array()),
      'recordings:remove': record('recordings:remove', undefined),
      'recordings:reveal': record('recordings:reveal', undefined),
      'recordings:folder': record('recordings:folder', '/music/Switchboard'),
      'recordings:chooseFolder': record('recordings:chooseFolder', null),
      'screen:sources': record('screen:sources', []),
      'screen:choose': record('screen:choose', undefined),
    }
    ipc.register(handlers)
    return ipc
  }

  beforeEach(() => {
    contents = new FakeWebContents()
    calls = []
    log = recordingLogger('ipc')
  })

  it('registers every channel of the contract', () => {
    setup()
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
      [
        'app:info',
        'app:ready',
        'credentials:delete',
        'credentials:get',
        'credentials:set',
        'credentials:status',
        'power:idleSeconds',
        'recordings:close',
        'recordings:list',
        'recordings:open',
        'recordings:read',
        'recordings:remove',
        'recordings:reveal',
        'recordings:folder',
        'recordings:chooseFolder',
        'recordings:write',
        'screen:choose',
        'screen:sources',
        'settings:get',
        'settings:set',
        'shell:notify',
        'shell:setState',
      ].sort(),
    )
  })

  it('passes a valid payload from our page to the module and returns its result', async () => {
    setup()
    const result = await fake.ipcMain.invoke('credentials:set', eventFrom(), {
      accountId: 'sip:alice@example.com',
      password: 'pw',
    })
    expect(result).toEqual({ encryption: 'strong', persistent: true })
    expect(calls).toEqual([
      {
        channel: 'credentials:set',
        payload: { accountId: 'sip:alice@example.com', password: 'pw' },
      },
    ])
    expect(await fake.ipcMain.invoke('app:info', eventFrom())).toMatchObject({
      name: 'Switchboard',
    })
  })

  it.each([
    ['another origin', () => eventFrom('https://evil.example/')],
    ['a subframe', () => eventFrom('app://switchboard/index.html', { subframe: true })],
    ['a gone frame', () => eventFrom(null)],
    [
      'another window',
      () => eventFrom('app://switchboard/index.html', { sender: new FakeWebContents() }),
    ],
  ])('refuses a message from %s and calls nothing', async (_name, event) => {
    setup()
    await expect(
      fake.ipcMain.invoke('credentials:get', event(), { accountId: 'a' }),
    ).rejects.toThrow(/refused/)
    expect(calls).toEqual([])
  })

  it.each([
    ['credentials:get', [{ accountId: '' }]],
    ['credentials:get', ['sip:alice@example.com']],
    ['credentials:set', [{ accountId: 'a', password: 'hunter2', extra: 1 }]],
    ['credentials:set', [{ accountId: 'a' }, 'hunter2']],
    ['settings:set', [{ theme: 'purple' }]],
    ['settings:set', [{ account: { password: 'hunter2' } }]],
    ['settings:get', [{}]],
    ['app:info', ['x']],
  ])('rejects %s with an invalid payload %j and calls nothing', async (channel, args) => {
    setup()
    const error = await fake.ipcMain.invoke(channel, eventFrom(), ...args).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/invalid payload/)
    expect((error as Error).message).not.toContain('hunter2')
    expect(calls).toEqual([])
    expect(log.lines.join('\n')).not.toContain('hunter2')
  })

  it('reports a failing module as a rejected invoke, secrets redacted', async () => {
    const ipc = createIpc({
      ipcMain: fake.ipcMain as never,
      ownOrigins: OWN,
      getWebContents: () => contents,
      log,
    })
    ipc.register({
      'app:info': () => {
        throw new Error('boom password=hunter2')
      },
    } as unknown as InvokeHandlers)
    await expect(fake.ipcMain.invoke('app:info', eventFrom())).rejects.toThrow(
      'app:info failed: boom password=[redacted]',
    )
  })

  it('queues pushes until our page says app:ready, then delivers them in order', async () => {
    const ipc = setup()
    ipc.push('power:suspend')
    ipc.push('power:resume')
    expect(contents.sent).toEqual([])

    // A stranger saying "ready" changes nothing.
    await expect(
      fake.ipcMain.invoke('app:ready', eventFrom('https://evil.example/')),
    ).rejects.toThrow()
    expect(contents.sent).toEqual([])

    await fake.ipcMain.invoke('app:ready', eventFrom())
    expect(contents.sent.map((s) => s.channel)).toEqual(['power:suspend', 'power:resume'])

    ipc.push('settings:recovered', { backup: 'settings.corrupt-x.json', problems: ['theme'] })
    expect(contents.sent[2]).toEqual({
      channel: 'settings:recovered',
      payload: { backup: 'settings.corrupt-x.json', problems: ['theme'] },
    })
  })

  it('queues again while a new page loads, and for a new window', async () => {
    const ipc = setup()
    await fake.ipcMain.invoke('app:ready', eventFrom())
    ipc.notReady()
    ipc.push('power:resume')
    expect(contents.sent).toEqual([])

    contents = new FakeWebContents()
    await fake.ipcMain.invoke('app:ready', eventFrom())
    expect(contents.sent.map((s) => s.channel)).toEqual(['power:resume'])
  })

  it('keeps a bounded queue, dropping the oldest', () => {
    const ipc = createIpc({
      ipcMain: fake.ipcMain as never,
      ownOrigins: OWN,
      getWebContents: () => null,
      log,
      maxQueue: 2,
    })
    ipc.register({} as InvokeHandlers)
    ipc.push('power:suspend')
    ipc.push('power:resume')
    ipc.push('power:suspend')
    expect(log.lines.join('\n')).toMatch(/dropped 1/)
  })

  it('removes its handlers on dispose', () => {
    const ipc = setup()
    ipc.dispose()
    expect(fake.ipcMain.handlers.size).toBe(0)
  })
})
