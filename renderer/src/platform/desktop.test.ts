import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import type { SwitchboardApi } from '@shared/ipc/api'
import type { PushEvent } from '@shared/ipc/push'
import { createDefaultSettings } from '@shared/settings'
import { attentionEventSchema } from '@shared/shell/state'
import { initialShellState } from '@shared/shell/types'
import { createDesktopPlatform } from './desktop'
import { prefetchDesktopStartup } from './desktop-startup'

/** A stand-in for the preload API that records calls and lets the test push events. */
function fakeApi() {
  const calls: [string, ...unknown[]][] = []
  const listeners = new Map<PushEvent, Set<(payload: unknown) => void>>()
  const call =
    <T>(name: string, result: T) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args])
      return result
    }
  const api: SwitchboardApi = {
    app: {
      info: call('app.info', {
        name: 'Switchboard',
        version: '1.0.0',
        platform: 'linux',
        electron: '45',
        chrome: '140',
      }),
      ready: call('app.ready', undefined),
    },
    settings: {
      get: call('settings.get', createDefaultSettings()),
      set: call('settings.set', createDefaultSettings()),
    },
    credentials: {
      get: call('credentials.get', 'pw'),
      set: call('credentials.set', { encryption: 'weak', persistent: false }),
      delete: call('credentials.delete', undefined),
      status: call('credentials.status', { encryption: 'weak', persistent: false }),
    },
    shell: {
      setState: call('shell.setState', undefined),
      notify: call('shell.notify', undefined),
    },
    power: {
      idleSeconds: call('power.idleSeconds', 420),
    },
    recordings: {
      open: call('recordings.open', { id: 'rec-1', fileName: 'a.webm' }),
      write: call('recordings.write', undefined),
      close: call('recordings.close', { fileName: 'a.webm', bytes: 3, modifiedAt: 1 }),
      list: call('recordings.list', []),
      read: call('recordings.read', new Uint8Array()),
      remove: call('recordings.remove', undefined),
      reveal: call('recordings.reveal', undefined),
      folder: call('recordings.folder', '/music/Switchboard'),
      chooseFolder: call('recordings.chooseFolder', null),
    },
    screen: {
      sources: call('screen.sources', []),
      choose: call('screen.choose', undefined),
    },
    on(event, callback) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(callback as (payload: unknown) => void)
      return () => set.delete(callback as (payload: unknown) => void)
    },
  }
  const push = (event: PushEvent, payload?: unknown) =>
    listeners.get(event)?.forEach((l) => l(payload))
  return { api, calls, push }
}

describe('desktop platform', () => {
  it('starts from the settings main validated, with the password only for a saved account', async () => {
    const { api, calls } = fakeApi()
    const p = createDesktopPlatform(api)
    expect(await p.startup()).toMatchObject({ accounts: [], passwords: {}, theme: 'system' })
    expect(calls.map(([name]) => name)).toEqual(['settings.get'])
    const saved = createDefaultSettings()
    const account = {
      id: 'work',
      enabled: true,
      aor: 'sip:a@b',
      server: 'wss://b',
      username: '',
      realm: '',
      displayName: '',
      iceServers: [],
      icePolicy: 'all' as const,
      dtmfMethod: 'rfc4733' as const,
      defaultRegion: '',
      registerExpires: 600,
      outboundProxy: '',
    }
    saved.accounts = [account, { ...account, id: 'off', enabled: false }]
    saved.defaultAccountId = 'work'
    api.settings.get = async () => saved
    expect(await p.startup()).toMatchObject({
      accounts: [{ aor: 'sip:a@b' }, { id: 'off' }],
      passwords: { work: 'pw' },
    })
    // Disabled accounts' passwords are not read.
    expect(calls.at(-1)).toEqual(['credentials.get', { accountId: 'work' }])
  })

  it("takes the page's first script's read once (no second round trip), then reads afresh", async () => {
    const { api, calls } = fakeApi()
    const p = createDesktopPlatform(api)
    const early = prefetchDesktopStartup(api)
    // Asked twice before start-up takes it: still one read.
    expect(prefetchDesktopStartup(api)).toBe(early)
    expect(await p.startup()).toBe(await early)
    expect(calls.map(([name]) => name)).toEqual(['settings.get'])
    await p.startup()
    expect(calls.map(([name]) => name)).toEqual(['settings.get', 'settings.get'])
  })

  it('reads again, to report it, when the early read failed', async () => {
    const { api, calls } = fakeApi()
    const get = api.settings.get
    api.settings.get = async () => {
      throw new Error('main not ready')
    }
    const early = prefetchDesktopStartup(api)
    await expect(early).rejects.toThrow('main not ready')
    api.settings.get = get
    expect(await createDesktopPlatform(api).startup()).toMatchObject({ accounts: [] })
    expect(calls.map(([name]) => name)).toEqual(['settings.get'])
  })

  it('forwards every call to the preload API', async () => {
    const { api, calls } = fakeApi()
    const p = createDesktopPlatform(api)
    expect(p.kind).toBe('desktop')
    expect((await p.app.info()).electron).toBe('45')
    await p.settings.get()
    await p.settings.set({ theme: 'dark' })
    expect(await p.credentials.get({ accountId: 'sip:a@b' })).toBe('pw')
    expect(await p.credentials.set({ accountId: 'sip:a@b', password: 'secret' })).toEqual({
      encryption: 'weak',
      persistent: false,
    })
    await p.credentials.delete({ accountId: 'sip:a@b' })
    await p.credentials.status()
    expect(await p.power.idleSeconds()).toBe(420)
    await p.app.ready()
    expect(calls).toEqual([
      ['app.info'],
      ['settings.get'],
      ['settings.set', { theme: 'dark' }],
      ['credentials.get', { accountId: 'sip:a@b' }],
      ['credentials.set', { accountId: 'sip:a@b', password: 'secret' }],
      ['credentials.delete', { accountId: 'sip:a@b' }],
      ['credentials.status'],
      ['power.idleSeconds'],
      ['app.ready'],
    ])
  })

  it('sends a plain copy of a reactive patch (IPC cannot clone Vue proxies)', async () => {
    const { api, calls } = fakeApi()
    const form = reactive({
      presence: { note: 'x', idleMinutes: 5 },
      chat: { sendReadReceipts: false },
    })
    await createDesktopPlatform(api).settings.set(form)
    const sent = calls[0]![1]
    expect(sent).toEqual({
      presence: { note: 'x', idleMinutes: 5 },
      chat: { sendReadReceipts: false },
    })
    expect(() => structuredClone(sent)).not.toThrow()
  })

  it('sends a recording chunk as bytes, not as JSON of them', async () => {
    const { api, calls } = fakeApi()
    await createDesktopPlatform(api).recordings.write({
      id: 'rec-1',
      chunk: new Uint8Array([1, 2]),
    })
    const sent = calls[0]![1] as { chunk: unknown }
    expect(sent.chunk).toBeInstanceOf(Uint8Array)
    expect([...(sent.chunk as Uint8Array)]).toEqual([1, 2])
  })

  it('turns pushes into callbacks, until unsubscribed', () => {
    const { api, push } = fakeApi()
    const p = createDesktopPlatform(api)
    const seen: string[] = []
    const offResume = p.on('power:resume', () => seen.push('resume'))
    p.on('power:suspend', () => seen.push('suspend'))
    p.on('settings:recovered', (r) => seen.push(`recovered ${r.backup}`))
    push('power:suspend')
    push('power:resume')
    push('settings:recovered', { backup: 'settings.corrupt-x.json', problems: [] })
    offResume()
    push('power:resume')
    expect(seen).toEqual(['suspend', 'resume', 'recovered settings.corrupt-x.json'])
  })

  it('hands dial requests and tray actions over, and sends the shell plain copies', async () => {
    const { api, calls, push } = fakeApi()
    const p = createDesktopPlatform(api)
    const seen: unknown[] = []
    p.on('dial:request', (request) => seen.push(request))
    p.on('tray:action', (action) => seen.push(action))
    const request = { result: { ok: false, error: { code: 'empty', message: 'x' } } }
    push('dial:request', request)
    push('tray:action', { kind: 'answer', callId: 'c1' })
    expect(seen).toEqual([request, { kind: 'answer', callId: 'c1' }])
    const state = reactive({ ...initialShellState(), missedCalls: 2 })
    await p.shell.setState(state)
    await p.shell.notify({
      kind: 'missed-call',
      callId: 'c1',
      from: { name: '', address: 'sip:b@x' },
    })
    await Promise.resolve()
    expect(calls.map(([name]) => name)).toEqual(['shell.setState', 'shell.notify'])
    expect(() => structuredClone(calls[0]![1])).not.toThrow()
    expect(p.registerProtocolHandlers()).toBe('unsupported')
  })

  // Issue 10 row 9: a caller name with a TAB or over 128 characters made main drop the event.
  it('sends notifications main accepts whatever the caller is called', async () => {
    const { api, calls } = fakeApi()
    const p = createDesktopPlatform(api)
    await p.shell.notify({
      kind: 'incoming-call',
      callId: 'c1',
      from: { name: 'Bob\tSmith', address: 'sip:b@x' },
    })
    await p.shell.notify({
      kind: 'missed-call',
      callId: 'c2',
      from: { name: 'B'.repeat(300), address: 'sip:b@x' },
    })
    await Promise.resolve()
    const sent = calls.filter(([name]) => name === 'shell.notify').map(([, event]) => event)
    expect(sent).toHaveLength(2)
    for (const event of sent) expect(attentionEventSchema.safeParse(event).success).toBe(true)
  })
})
