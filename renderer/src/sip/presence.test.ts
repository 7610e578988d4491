import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSipEngine } from './engine'
import type { SipEngine } from './engine'
import { MAX_WATCHES, PresenceManager } from './presence'
import { acceptingRegistrar, createFakeSipServer } from './testing/fake-sip-server'
import type { FakeSocket, FakeSipServer, SipRequest } from './testing/fake-sip-server'
import type { SipAccount } from './types'

const account: SipAccount = {
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
  username: 'alice',
  password: 'correct horse',
  displayName: 'Alice',
  iceServers: [],
}

let server: FakeSipServer
let engine: SipEngine | undefined
const advance = (ms = 0) => vi.advanceTimersByTimeAsync(ms)

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') })
  server = createFakeSipServer()
  vi.stubGlobal('WebSocket', server.WebSocket)
})

afterEach(async () => {
  const stopping = engine?.stop()
  await advance(10_000)
  await stopping
  engine = undefined
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('PresenceManager: pacing', () => {
  it('keeps at most maxInFlight SUBSCRIBEs unanswered and sends the rest as answers come', async () => {
    const waiting: Array<{ request: SipRequest; socket: FakeSocket }> = []
    const registrar = acceptingRegistrar()
    server.onRequest = (request, socket) => {
      if (request.method === 'SUBSCRIBE') waiting.push({ request, socket })
      else registrar(request, socket)
    }
    const manager = new PresenceManager({ maxInFlight: 4, log: () => {} })
    const people = Array.from({ length: 10 }, (_, i) => `sip:p${i}@example.com`)
    manager.setWatched(people)
    engine = createSipEngine(account, {
      extensions: [manager.extension],
      logger: { debug: () => {}, warn: () => {}, error: () => {} },
      onlineEvents: null,
      wake: false,
    })
    await engine.start()
    await advance(20)

    const subscribes = () => server.requests.filter((r) => r.method === 'SUBSCRIBE')
    expect(subscribes()).toHaveLength(4)
    // In the order given.
    expect(subscribes().map((r) => r.raw.split(' ')[1])).toEqual(people.slice(0, 4))

    // Two answered (here: refused, which ends them): two more go out, no more.
    for (const { request, socket } of waiting.splice(0, 2)) socket.reply(request, 404, 'Not Found')
    await advance(20)
    expect(subscribes()).toHaveLength(6)
    expect(subscribes().map((r) => r.raw.split(' ')[1])).toEqual(people.slice(0, 6))
  })
})

// Issue 10 row 14: 5000 imported contacts meant 5000 SUBSCRIBEs at once.
describe('PresenceManager.setWatched', () => {
  it('watches at most MAX_WATCHES addresses, the first ones given', () => {
    const manager = new PresenceManager({ log: () => {} })
    const aors = Array.from({ length: 5000 }, (_, i) => `sip:user${i}@example.com`)
    manager.setWatched(aors)
    expect(manager.watched).toHaveLength(MAX_WATCHES)
    expect(manager.watched[0]).toBe('sip:user0@example.com')
    expect(MAX_WATCHES).toBeLessThanOrEqual(500)
  })

  it('follows changes of the list', () => {
    const manager = new PresenceManager({ log: () => {} })
    manager.setWatched(['sip:a@x', 'sip:b@x'])
    manager.setWatched(['sip:b@x', 'sip:c@x'])
    expect(manager.watched.sort()).toEqual(['sip:b@x', 'sip:c@x'])
  })
})
