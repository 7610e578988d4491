import { describe, expect, it, vi } from 'vitest'
import type { UserAgent } from 'sip.js'
import { ModuleHost } from './module-host'
import type { EngineExtension, EngineView } from './extension'
import type { SipAccount } from './types'

// The engine's module bookkeeping on its own (the engine tests cover it inside a running engine).
const log = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() }
const account = { aor: 'sip:alice@example.com' } as SipAccount
const engine = {} as EngineView

function userAgent() {
  return { delegate: {} as Record<string, unknown> } as unknown as UserAgent & {
    delegate: Record<string, unknown>
  }
}

function module(name: string, handler?: 'onInvite' | 'onMessage', detach = vi.fn()) {
  const onRequest = vi.fn()
  const extension: EngineExtension = {
    name,
    attach: () => ({
      delegate: handler ? { [handler]: onRequest } : {},
      detach,
      urgent: () => name === 'calls',
    }),
  }
  return { extension, onRequest, detach }
}

describe('ModuleHost', () => {
  it('attaches modules to a UserAgent as one delegate, and takes one off again', async () => {
    const host = new ModuleHost(log)
    const ua = userAgent()
    const calls = module('calls', 'onInvite')
    const chat = module('messaging', 'onMessage')
    const added = host.add(calls.extension, { ua, account, engine })
    host.add(chat.extension, { ua, account, engine })
    expect(Object.keys(ua.delegate).sort()).toEqual(['onInvite', 'onMessage'])
    expect(host.urgent()).toBe(true)

    if ('error' in added) throw added.error
    added.remove(ua)
    await Promise.resolve()
    expect(calls.detach).toHaveBeenCalledOnce()
    expect(Object.keys(ua.delegate)).toEqual(['onMessage'])
    expect(host.all.map((e) => e.name)).toEqual(['messaging'])
    expect(host.urgent()).toBe(false)
  })

  it('refuses a second module for the same request type, leaving the first in place', () => {
    const host = new ModuleHost(log)
    const ua = userAgent()
    host.add(module('calls', 'onInvite').extension, { ua, account, engine })
    const second = host.add(module('other', 'onInvite').extension, { ua, account, engine })
    expect('error' in second).toBe(true)
    expect(host.all.map((e) => e.name)).toEqual(['calls'])
    // onMessage: the refusal of a MESSAGE no module takes (extension.ts).
    expect(Object.keys(ua.delegate).sort()).toEqual(['onInvite', 'onMessage'])
  })

  it('detaches everything at stop, even when one module throws', async () => {
    const failing = vi.fn(() => {
      throw new Error('boom')
    })
    const host = new ModuleHost(log, [
      module('a', undefined, failing).extension,
      module('b').extension,
    ])
    const ua = userAgent()
    for (const extension of host.all) host.attach(ua, extension, account, engine)
    await host.detachAll(ua)
    expect(failing).toHaveBeenCalledOnce()
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('a detach failed'))
    // A MESSAGE arriving while signing out is refused, not answered 200 and dropped.
    expect(Object.keys(ua.delegate)).toEqual(['onMessage'])
    const reject = vi.fn(() => Promise.resolve())
    ;(ua.delegate.onMessage as (m: unknown) => void)({ reject, accept: vi.fn() })
    expect(reject).toHaveBeenCalledWith(expect.objectContaining({ statusCode: 480 }))
    expect(host.urgent()).toBe(false)
  })
})
