import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSipEngine } from './engine'
import type { SipEngine } from './engine'
import { Messaging } from './messaging'
import type { DeliveryOutcome } from './messaging'
import { acceptingRegistrar, createFakeSipServer } from './testing/fake-sip-server'
import type { FakeSipServer, RequestHandler } from './testing/fake-sip-server'

// Sending a MESSAGE through a proxy that challenges it (407) on a real SIP.js UserAgent over the
// scripted server: SIP.js answers one challenge itself; a second one (a nonce that went stale or
// crossed another request under load) gets one fresh try, never a loop.

const proxyChallenge =
  'Proxy-Authenticate: Digest realm="fake", nonce="n-%n", algorithm=MD5, qop="auth"'

let server: FakeSipServer
let engine: SipEngine
let messaging: Messaging
const advance = (ms = 0) => vi.advanceTimersByTimeAsync(ms)

/** Challenges each MESSAGE `challenges` times in all (authenticated or not), then says 200. */
function challengingProxy(challenges: number): RequestHandler {
  const registrar = acceptingRegistrar()
  let left = challenges
  return (request, socket) => {
    if (request.method === 'REGISTER') return registrar(request, socket)
    if (request.method !== 'MESSAGE') return
    if (left > 0) {
      left -= 1
      socket.reply(request, 407, 'Proxy Authentication Required', [
        proxyChallenge.replace('%n', String(left)),
      ])
    } else socket.reply(request, 200, 'OK')
  }
}

const messages = () => server.requests.filter((r) => r.method === 'MESSAGE')
const cseqs = () => messages().map((r) => Number.parseInt(r.header('cseq') ?? '', 10))

async function send(): Promise<DeliveryOutcome> {
  let outcome: DeliveryOutcome | undefined
  void messaging
    .send({ target: 'sip:bob@example.com', body: 'hi', callId: 'msg-1' })
    .then((o) => (outcome = o))
  // The codec loads by dynamic import (real module loading, not a timer): wait for it too.
  await vi.waitFor(() => expect(outcome).toBeDefined(), { timeout: 5000, interval: 20 })
  return outcome!
}

// Loaded once with real timers, so sends under fake ones do not wait on module loading.
beforeAll(async () => {
  await import('./chat-codec')
})

beforeEach(async () => {
  vi.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z') })
  server = createFakeSipServer()
  vi.stubGlobal('WebSocket', server.WebSocket)
  engine = createSipEngine(
    {
      aor: 'sip:alice@example.com',
      server: 'wss://sip.example.com/ws',
      username: '',
      password: 'secret',
      displayName: 'Alice',
      iceServers: [],
    },
    { random: () => 0.5, onlineEvents: null, networkChangeEvents: null, wake: false },
  )
  messaging = new Messaging({
    store: async () => {},
    composing: () => {},
    receipt: () => {},
    registered: () => {},
  })
  engine.use(messaging.extension)
  await engine.start()
  await advance(10)
})

afterEach(async () => {
  const stopping = engine.stop()
  await advance(10_000)
  await stopping
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('MESSAGE through a challenging proxy', () => {
  it('one challenge: SIP.js answers it, delivered', async () => {
    server.onRequest = challengingProxy(1)
    expect(await send()).toEqual({ kind: 'delivered' })
    expect(cseqs()).toEqual([1, 2])
  })

  it('challenged again after answering: a fresh try a moment later with a higher CSeq, delivered', async () => {
    server.onRequest = challengingProxy(3)
    expect(await send()).toEqual({ kind: 'delivered' })
    expect(cseqs()).toEqual([1, 2, 3, 4])
    // Same message: the Call-ID stays (the receiver's dedupe and our retries rely on it).
    expect(new Set(messages().map((r) => r.header('call-id')))).toEqual(new Set(['msg-1']))
  })

  it('a proxy that never stops challenging: failed with its 407 after two fresh tries', async () => {
    server.onRequest = challengingProxy(Number.POSITIVE_INFINITY)
    const started = Date.now()
    expect(await send()).toMatchObject({ kind: 'failed', statusCode: 407 })
    expect(cseqs()).toEqual([1, 2, 3, 4, 5, 6])
    // 1 s, then 2 s between the tries: a busy registrar gets a moment.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000)
  })
})
