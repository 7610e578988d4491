import { afterEach, describe, expect, it } from 'vitest'
import type { SwitchboardApi } from '@shared/ipc/api'
import { createPlatform } from './index'

afterEach(() => {
  delete window.switchboard
})

describe('createPlatform', () => {
  it('uses the browser bridge when there is no preload API', () => {
    expect(createPlatform().kind).toBe('browser')
  })

  it('uses the desktop bridge when the preload defined window.switchboard', async () => {
    const info = {
      name: 'Switchboard',
      version: '1',
      platform: 'linux',
      electron: '45',
      chrome: '140',
    }
    window.switchboard = { app: { info: async () => info } } as unknown as SwitchboardApi
    const platform = createPlatform()
    expect(platform.kind).toBe('desktop')
    expect(await platform.app.info()).toEqual(info)
  })

  it('falls back to memory when the browser refuses storage', async () => {
    const blocked = new Proxy(window, {
      get(target, key) {
        if (key === 'localStorage' || key === 'sessionStorage')
          throw new DOMException('denied', 'SecurityError')
        return Reflect.get(target, key, target)
      },
    })
    const platform = createPlatform(blocked)
    expect(platform.kind).toBe('browser')
    await platform.credentials.set({ accountId: 'sip:alice@example.com', password: 'pw' })
    expect(await platform.credentials.get({ accountId: 'sip:alice@example.com' })).toBe('pw')
    expect((await platform.settings.set({ theme: 'dark' })).theme).toBe('dark')
  })
})
