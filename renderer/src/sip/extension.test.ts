import { describe, it, expect, vi } from 'vitest'
import { composeDelegate } from './extension'

describe('composeDelegate', () => {
  it('leaves unclaimed handlers undefined so SIP.js keeps its defaults', () => {
    const onMessage = vi.fn()
    const delegate = composeDelegate([{ name: 'messages', delegate: { onMessage } }])
    delegate.onMessage?.('m' as never)
    expect(onMessage).toHaveBeenCalledWith('m')
    expect(delegate.onInvite).toBeUndefined()
    expect(delegate.onNotify).toBeUndefined()
    expect(delegate.onConnect).toBeUndefined()
  })

  it('refuses a MESSAGE no module takes with 480, where SIP.js would answer 200 and drop it', () => {
    const reject = vi.fn(() => Promise.resolve())
    const accept = vi.fn(() => Promise.resolve())
    composeDelegate([{ name: 'calls', delegate: { onInvite: vi.fn() } }]).onMessage?.({
      reject,
      accept,
    } as never)
    expect(reject).toHaveBeenCalledWith({
      statusCode: 480,
      reasonPhrase: 'Temporarily Unavailable',
    })
    expect(accept).not.toHaveBeenCalled()
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
