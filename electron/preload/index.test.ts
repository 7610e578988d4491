import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { SwitchboardApi } from '@shared/ipc/api'
import { invokeChannels } from '@shared/ipc/invoke'
import { initialShellState } from '@shared/shell/types'
import { fake } from '../test/fake-electron'

const peer = { name: 'Bob', address: 'sip:bob@example.com' }

async function loadPreload(): Promise<SwitchboardApi> {
  vi.resetModules()
  await import('./index')
  return fake.contextBridge.exposed.get('switchboard') as SwitchboardApi
}

describe('preload', () => {
  let api: SwitchboardApi

  beforeEach(async () => {
    api = await loadPreload()
  })

  it('exposes exactly the typed API as window.switchboard, and nothing else', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['switchboard'])
    // One function per contract channel (`domain:method`), plus `on`: nothing more, nothing less.
    const exposed = Object.entries(api).flatMap(([domain, value]) =>
      typeof value === 'function' ? [domain] : Object.keys(value).map((m) => `${domain}:${m}`),
    )
    expect(exposed.sort()).toEqual([...invokeChannels, 'on'].sort())
    expect(exposed).toContain('power:idleSeconds')
    // No way to reach ipcRenderer itself.
    expect(JSON.stringify(Object.values(api))).not.toContain('ipcRenderer')
    for (const value of Object.values(api)) expect(value).not.toBe(fake.ipcRenderer)
  })

  it.each([
    ['app:info', (a: SwitchboardApi) => a.app.info(), []],
    ['app:ready', (a: SwitchboardApi) => a.app.ready(), []],
    [
      'shell:setState',
      (a: SwitchboardApi) => a.shell.setState(initialShellState()),
      [initialShellState()],
    ],
    [
      'shell:notify',
      (a: SwitchboardApi) => a.shell.notify({ kind: 'missed-call', callId: 'c', from: peer }),
      [{ kind: 'missed-call', callId: 'c', from: peer }],
    ],
    ['settings:get', (a: SwitchboardApi) => a.settings.get(), []],
    ['power:idleSeconds', (a: SwitchboardApi) => a.power.idleSeconds(), []],
    ['settings:set', (a: SwitchboardApi) => a.settings.set({ theme: 'dark' }), [{ theme: 'dark' }]],
    [
      'credentials:get',
      (a: SwitchboardApi) => a.credentials.get({ accountId: 'sip:a@b' }),
      [{ accountId: 'sip:a@b' }],
    ],
    [
      'credentials:set',
      (a: SwitchboardApi) => a.credentials.set({ accountId: 'sip:a@b', password: 'pw' }),
      [{ accountId: 'sip:a@b', password: 'pw' }],
    ],
    [
      'credentials:delete',
      (a: SwitchboardApi) => a.credentials.delete({ accountId: 'sip:a@b' }),
      [{ accountId: 'sip:a@b' }],
    ],
    ['credentials:status', (a: SwitchboardApi) => a.credentials.status(), []],
  ] as const)('%s is invoked with its payload', async (channel, call, args) => {
    fake.ipcRenderer.replies.set(channel, 'reply')
    expect(await call(api)).toBe('reply')
    expect(fake.ipcRenderer.invocations).toEqual([{ channel, args }])
  })

  it('delivers allow-listed pushes with the payload only, until unsubscribed', () => {
    const seen: unknown[][] = []
    const off = api.on('settings:recovered', (...args: unknown[]) => seen.push(args))
    fake.ipcRenderer.push('settings:recovered', { backup: 'b', problems: [] })
    off()
    fake.ipcRenderer.push('settings:recovered', { backup: 'c', problems: [] })
    expect(seen).toEqual([[{ backup: 'b', problems: [] }]])
    expect(fake.ipcRenderer.listenerCount('settings:recovered')).toBe(0)
  })

  it('refuses to subscribe to anything not allow-listed', () => {
    expect(() => api.on('credentials:get' as never, () => {})).toThrow(/Unknown event/)
    expect(fake.ipcRenderer.listenerCount('credentials:get')).toBe(0)
  })
})
