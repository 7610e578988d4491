import { describe, expect, it, vi } from 'vitest'
import { AccountSession } from './account-session'
import type { InboundMessages } from './account-session'
import { fakeEngines, testAccount } from './testing/fake-engine'

function inbound(): InboundMessages & { stored: string[] } {
  const stored: string[] = []
  return {
    stored,
    store: async (accountId, message) => {
      stored.push(`${accountId}:${message.body}`)
    },
    composing: () => {},
    receipt: () => {},
  }
}

function session(id = 'a1') {
  const engines = fakeEngines()
  const created = new AccountSession({
    id,
    account: testAccount('alice'),
    inbound: inbound(),
    createEngine: engines.create,
    engine: { registerExpires: 300 },
  })
  return { session: created, engine: engines.made[0]! }
}

describe('AccountSession', () => {
  it('creates one engine with the presence, calls and messaging modules plugged in, in that order', () => {
    const { session: s, engine } = session()
    expect(engine.account.aor).toBe('sip:alice@example.com')
    expect(engine.options.registerExpires).toBe(300)
    // The order each hears a new registration: after a reconnect, subscriptions come back
    // first, then the calls, then the queued messages.
    expect(engine.options.extensions).toEqual([
      s.presence.extension,
      s.calls.extension,
      s.messaging.extension,
    ])
    expect(engine.options.extensions?.map((e) => e.name)).toEqual([
      'presence',
      'calls',
      'messaging',
    ])
  })

  it('starts, stops and starts again the same engine', async () => {
    const { session: s, engine } = session()
    await s.start()
    await s.stop()
    await s.start()
    expect([engine.starts, engine.stops]).toEqual([2, 1])
  })

  it('after dispose nothing of it runs: no start, no nudge, one stop', async () => {
    const { session: s, engine } = session()
    await s.start()
    await s.dispose()
    await s.dispose()
    await s.start()
    s.nudge()
    expect([engine.starts, engine.stops, engine.nudges]).toEqual([1, 1, 0])
    expect(s.running).toBe(false)
  })

  it("hands the engine's events on", () => {
    const { session: s, engine } = session()
    const seen: string[] = []
    s.on('registration', (state) => seen.push(state.kind))
    engine.registered()
    expect(seen).toEqual(['registered'])
  })

  it('sends only its own outbox, and again when the outbox is kicked', async () => {
    const { session: s } = session()
    const outbox = vi.fn(async () => [])
    s.useOutbox({ outbox, complete: async () => true }, () => {})
    s.kickOutbox()
    await Promise.resolve()
    // Not registered: the pump looks at nothing until the messaging module is.
    expect(outbox).not.toHaveBeenCalled()
  })
})
