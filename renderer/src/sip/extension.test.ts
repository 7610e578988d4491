import { describe, it, expect, vi } from 'vitest'
import { composeDelegate } from './extension'

describe('composeDelegate', () => {
  it('leaves unclaimed handlers undefined so SIP.js keeps its defaults', () => {
    const delegate = composeDelegate([{ name: 'messages', delegate: { onMessage: vi.fn() } }])
    expect(delegate.onMessage).toBeTypeOf('function')
    expect(delegate.onInvite).toBeUndefined()
    expect(delegate.onNotify).toBeUndefined()
    expect(delegate.onConnect).toBeUndefined()
  })

  it('calls the owner with its own `this`', () => {
    const owner = {
      seen: [] as unknown[],
      onNotify(notification: unknown) {
        this.seen.push(notification)
      },
    }
    const delegate = composeDelegate([{ name: 'presence', delegate: owner }])
    delegate.onNotify?.('n' as never)
    expect(owner.seen).toEqual(['n'])
  })

  it('refuses two owners for one handler', () => {
    expect(() =>
      composeDelegate([
        { name: 'calls', delegate: { onInvite: vi.fn() } },
        { name: 'other', delegate: { onInvite: vi.fn() } },
      ]),
    ).toThrow(/onInvite is already handled by extension "calls"/)
  })
})
