import { describe, expect, it, vi } from 'vitest'
import { CallManager } from '@/sip'
import { Sessions } from './sessions'
import type { AccountState } from './sessions'
import { fakeEngines, testAccount } from './testing/fake-engine'

function root() {
  const engines = fakeEngines()
  const sessions = new Sessions({ createEngine: engines.create })
  const states: AccountState[] = []
  sessions.on('state', (state) => states.push(state))
  return { sessions, engines: engines.made, states }
}

describe('Sessions (the session root)', () => {
  it('gives every account its own engine, started, reporting under its own id', async () => {
    const { sessions, engines, states } = root()
    await sessions.open('one', testAccount('alice'))
    await sessions.open('two', testAccount('dave', { server: 'wss://other.example.com' }))
    expect(engines.map((e) => [e.account.aor, e.starts])).toEqual([
      ['sip:alice@example.com', 1],
      ['sip:dave@example.com', 1],
    ])
    states.length = 0
    engines[1]!.registered()
    expect(states.at(-1)).toMatchObject({
      accountId: 'two',
      connection: 'connected',
      registration: { kind: 'registered' },
    })
    expect(states.every((s) => s.accountId === 'two')).toBe(true)
    expect(sessions.list().map((s) => s.id)).toEqual(['one', 'two'])
  })

  it('opening an open account again un-REGISTERs the old engine first (edit in place)', async () => {
    const { sessions, engines } = root()
    await sessions.open('one', testAccount('alice'))
    await sessions.open('one', testAccount('alice', { displayName: 'Alice B.' }))
    expect(engines).toHaveLength(2)
    expect(engines[0]!.stops).toBe(1)
    expect(engines[1]!.starts).toBe(1)
    expect(sessions.get('one')?.account.displayName).toBe('Alice B.')
    expect(sessions.size).toBe(1)
  })

  it('closing one account stops only that one and reports it unregistered', async () => {
    const { sessions, engines, states } = root()
    await sessions.open('one', testAccount('alice'))
    await sessions.open('two', testAccount('dave'))
    engines.forEach((e) => e.registered())
    const closed: string[] = []
    sessions.on('closed', (id) => closed.push(id))
    await sessions.close('one')
    expect(engines.map((e) => e.stops)).toEqual([1, 0])
    expect(closed).toEqual(['one'])
    expect(states.at(-1)).toMatchObject({
      accountId: 'one',
      registration: { kind: 'unregistered' },
    })
    // A closed session's engine is no longer listened to.
    const count = states.length
    engines[0]!.registered()
    expect(states).toHaveLength(count)
  })

  it('runs a hook for sessions open now and later, and its cleanup when each closes', async () => {
    const { sessions } = root()
    await sessions.open('one', testAccount('alice'))
    const log: string[] = []
    sessions.each((session) => {
      log.push(`open ${session.id}`)
      return () => log.push(`close ${session.id}`)
    })
    await sessions.open('two', testAccount('dave'))
    await sessions.closeAll()
    expect(log).toEqual(['open one', 'open two', 'close one', 'close two'])
  })

  it('the hook runs before the engine starts: nothing can arrive unseen', async () => {
    const { sessions, engines } = root()
    const startsSeen: number[] = []
    sessions.each(() => {
      startsSeen.push(engines.at(-1)?.starts ?? -1)
    })
    await sessions.open('one', testAccount('alice'))
    expect(startsSeen).toEqual([0])
  })

  it('a message arriving before the chat store is ready waits for it, tagged with its account', async () => {
    const { sessions } = root()
    const session = await sessions.open('two', testAccount('dave'))
    const handlers = (
      session.messaging as unknown as { handlers: { store(m: unknown): Promise<void> } }
    ).handlers
    const stored: string[] = []
    const arriving = handlers.store({ body: 'hi' })
    sessions.setInbound({
      store: async (accountId, message) => {
        stored.push(`${accountId}:${message.body}`)
      },
      composing: () => {},
      receipt: () => {},
    })
    await arriving
    expect(stored).toEqual(['two:hi'])
  })

  it('nudges every account (wake, network back)', async () => {
    const { sessions, engines } = root()
    await sessions.open('one', testAccount('alice'))
    await sessions.open('two', testAccount('dave'))
    sessions.nudgeAll()
    expect(engines.map((e) => e.nudges)).toEqual([1, 1])
  })
})

describe('Sessions opened before the app (start-up)', () => {
  it('states() is every open account as it is now, for a store created later', async () => {
    const { sessions, engines } = root()
    await sessions.open('one', testAccount('alice'))
    await sessions.open('two', testAccount('dave'))
    engines[1]!.registered()
    expect(sessions.states()).toMatchObject([
      { accountId: 'one', registration: { kind: 'unregistered' } },
      { accountId: 'two', connection: 'connected', registration: { kind: 'registered' } },
    ])
    await sessions.close('two')
    expect(sessions.states().map((s) => s.accountId)).toEqual(['one'])
  })

  it('holds the incoming calls of sessions opened before releaseIncomingCalls(), not later ones', async () => {
    const released: string[] = []
    const hold = vi.spyOn(CallManager.prototype, 'holdIncoming').mockImplementation(function (
      this: CallManager,
    ) {
      return () => released.push(sessionIds.get(this) ?? '?')
    })
    const sessionIds = new Map<CallManager, string>()
    try {
      const engines = fakeEngines()
      const sessions = new Sessions({ createEngine: engines.create, holdIncomingCalls: true })
      sessions.each((session) => void sessionIds.set(session.calls, session.id))
      await sessions.open('one', testAccount('alice'))
      await sessions.open('two', testAccount('dave'))
      expect(hold).toHaveBeenCalledTimes(2)
      expect(released).toEqual([])

      sessions.releaseIncomingCalls()
      expect(released.sort()).toEqual(['one', 'two'])
      await sessions.open('three', testAccount('carol'))
      sessions.releaseIncomingCalls()
      expect(hold).toHaveBeenCalledTimes(2)
      expect(released).toHaveLength(2)
    } finally {
      hold.mockRestore()
    }
  })
})
