import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { createSipEngine } from './engine'
import type { SipEngine, SipEngineOptions } from './engine'
import type { EngineExtension } from './extension'
import {
  acceptingRegistrar,
  createFakeSipServer,
  digestChallenge,
  grantedContact,
  rejectingRegistrar,
  sipResponse,
} from './testing/fake-sip-server'
import type { FakeSipServer, SipRequest } from './testing/fake-sip-server'
import type { EngineEvents, SipAccount } from './types'

const account: SipAccount = {
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com/ws',
  username: '',
  password: 'correct horse',
  displayName: 'Alice',
  iceServers: [],
}

let server: FakeSipServer
let logs: string[]
let engines: SipEngine[]

const logger = {
  debug: (m: string) => logs.push(`debug ${m}`),
  warn: (m: string) => logs.push(`warn ${m}`),
  error: (m: string) => logs.push(`error ${m}`),
}

function engineFor(options: SipEngineOptions = {}, acc: SipAccount = account): SipEngine {
  const engine = createSipEngine(acc, {
    logger,
    random: () => 0.5,
    onlineEvents: null,
    networkChangeEvents: null,
    wake: false,
    ...options,
  })
  engines.push(engine)
  return engine
}

function record(engine: SipEngine) {
  const seen: Array<{ [K in keyof EngineEvents]: [K, EngineEvents[K]] }[keyof EngineEvents]> = []
  engine.on('connection', (v) => seen.push(['connection', v]))
  engine.on('registration', (v) => seen.push(['registration', v]))
  engine.on('reconnect', (v) => seen.push(['reconnect', v]))
  return seen
}

/** Runs timers (and the microtasks between them) for `ms` of fake time. */
const advance = (ms = 0) => vi.advanceTimersByTimeAsync(ms)

const registers = (): SipRequest[] => server.requests.filter((r) => r.method === 'REGISTER')
const expiresOf = (r: SipRequest) => /;expires=(\d+)/.exec(r.header('contact') ?? '')?.[1]

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') })
  server = createFakeSipServer()
  vi.stubGlobal('WebSocket', server.WebSocket)
  logs = []
  engines = []
})

afterEach(async () => {
  const stopping = Promise.all(engines.map((e) => e.stop()))
  await advance(10_000)
  await stopping
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('SipEngine: registering', () => {
  it('connects, answers the digest challenge and reports registered', async () => {
    const engine = engineFor()
    const seen = record(engine)
    let registeredAt = 0
    engine.on('registration', (r) => r.kind === 'registered' && (registeredAt = Date.now()))
    await engine.start()
    await advance(10)

    expect(engine.connection).toBe('connected')
    expect(engine.registration).toEqual({ kind: 'registered', expiresAt: registeredAt + 600_000 })
    expect(seen).toEqual([
      ['connection', 'connecting'],
      ['connection', 'connected'],
      ['registration', { kind: 'registering' }],
      ['registration', { kind: 'registered', expiresAt: registeredAt + 600_000 }],
    ])
    const [first, second] = registers()
    expect(first?.header('authorization')).toBeUndefined()
    expect(second?.header('authorization')).toMatch(/^Digest .*username="alice"/)
    expect(second?.header('user-agent')).toBe('Switchboard/0.1')
    expect(second?.header('from')).toMatch(/^"Alice" <sip:alice@example.com>/)
    expect(second?.header('supported')).toMatch(/replaces/)
    expect(server.sockets[0]?.url).toBe(account.server)
  })

  it('uses the lifetime the registrar granted', async () => {
    server.onRequest = acceptingRegistrar(120)
    const engine = engineFor()
    let registeredAt = 0
    engine.on('registration', (r) => r.kind === 'registered' && (registeredAt = Date.now()))
    await engine.start()
    await advance(10)
    expect(engine.registration).toEqual({ kind: 'registered', expiresAt: registeredAt + 120_000 })
  })

  it('refreshes before expiry on the same connection', async () => {
    server.onRequest = acceptingRegistrar(100)
    const engine = engineFor()
    const expiries: number[] = []
    engine.on('registration', (r) => r.kind === 'registered' && expiries.push(r.expiresAt))
    await engine.start()
    await advance(10)
    const before = registers().length
    await advance(91_000) // 90 % of 100 s
    expect(registers().length).toBeGreaterThan(before)
    expect(server.sockets).toHaveLength(1)
    expect(expiries).toHaveLength(2)
    expect((expiries[1] ?? 0) - (expiries[0] ?? 0)).toBeCloseTo(90_000, -2)
  })

  it('rejects an invalid account without touching the network', async () => {
    const engine = engineFor({}, { ...account, server: 'ws://example.com' })
    await engine.start()
    await advance(60_000)
    expect(engine.registration).toEqual({
      kind: 'failed',
      reason: 'invalid-account',
      detail: 'Use wss:// — plain ws:// is only allowed for localhost',
    })
    expect(server.sockets).toHaveLength(0)
  })
})

describe('SipEngine: failures', () => {
  it.each([
    [401, 'Unauthorized'],
    [407, 'Proxy Authentication Required'],
  ])(
    '%i %s after our credentials: tried once more (a stale or crossed nonce), then final',
    async (status, reason) => {
      server.onRequest = rejectingRegistrar(status, reason)
      const engine = engineFor()
      const kinds: string[] = []
      engine.on('registration', (state) => kinds.push(state.kind))
      await engine.start()
      await advance(10 * 60_000)
      // Failed once, at the end: a first sign-in gives up on any reported failure.
      expect(kinds.filter((kind) => kind === 'failed')).toHaveLength(1)
      expect(kinds.at(-1)).toBe('failed')
      const first = registers().length / 2
      expect(engine.registration).toMatchObject({
        kind: 'failed',
        reason: 'wrong-credentials',
        statusCode: status,
      })
      expect(registers()).toHaveLength(first * 2)
      expect(server.sockets).toHaveLength(1)
      expect(engine.connection).toBe('disconnected')
      expect(engine.nextReconnect).toBeNull()
    },
  )

  it.each([
    [403, 'Forbidden', 'wrong-credentials'],
    [404, 'Not Found', 'unknown-user'],
    [400, 'Bad Request', 'server-error'],
  ])('%i %s → %s, final: one socket, no retries', async (status, reason, expected) => {
    server.onRequest = rejectingRegistrar(status, reason)
    const engine = engineFor()
    await engine.start()
    await advance(10)
    expect(engine.registration).toMatchObject({
      kind: 'failed',
      reason: expected,
      statusCode: status,
    })
    const sent = registers().length
    await advance(10 * 60_000)
    expect(registers()).toHaveLength(sent)
    expect(server.sockets).toHaveLength(1)
    expect(engine.connection).toBe('disconnected')
    expect(engine.nextReconnect).toBeNull()
  })

  it('sends credentials once per challenge, then tries one fresh REGISTER: four for a wrong password', async () => {
    server.onRequest = rejectingRegistrar(401, 'Unauthorized')
    const engine = engineFor()
    await engine.start()
    await advance(10)
    expect(registers()).toHaveLength(4)
  })

  it('a 404 before any challenge is unknown-user', async () => {
    server.onRequest = (r, s) => s.reply(r, 404, 'Not Found')
    const engine = engineFor()
    await engine.start()
    await advance(10)
    expect(engine.registration).toEqual({ kind: 'failed', reason: 'unknown-user', statusCode: 404 })
  })

  it('start() after a final failure tries again', async () => {
    server.onRequest = rejectingRegistrar(403, 'Forbidden')
    const engine = engineFor()
    await engine.start()
    await advance(10)
    server.onRequest = acceptingRegistrar()
    await engine.start()
    await advance(10)
    expect(engine.registration.kind).toBe('registered')
    expect(server.sockets).toHaveLength(2)
  })

  it('a server error shows code and reason, then retries with backoff', async () => {
    server.onRequest = rejectingRegistrar(500, 'Database Down')
    const engine = engineFor()
    const seen = record(engine)
    let plannedAt = 0
    engine.on('reconnect', () => (plannedAt = Date.now()))
    await engine.start()
    await advance(10)
    expect(engine.registration).toEqual({
      kind: 'failed',
      reason: 'server-error',
      statusCode: 500,
      detail: '500 Database Down',
    })
    // random 0.5 → 250 + 0.5 · (1000 − 250)
    expect(seen.filter(([e]) => e === 'reconnect')).toEqual([
      ['reconnect', { attempt: 1, at: plannedAt + 625 }],
    ])

    server.onRequest = acceptingRegistrar()
    await advance(700)
    expect(engine.registration.kind).toBe('registered')
    expect(server.sockets).toHaveLength(2)
    expect(engine.nextReconnect).toBeNull()
  })

  it('waits as long as Retry-After asks', async () => {
    server.onRequest = rejectingRegistrar(503, 'Service Unavailable', ['Retry-After: 20'])
    const engine = engineFor()
    let plannedAt = 0
    engine.on('reconnect', () => (plannedAt = Date.now()))
    await engine.start()
    await advance(10)
    expect(engine.nextReconnect?.at).toBe(plannedAt + 20_000)
    await advance(19_000)
    expect(server.sockets).toHaveLength(1)
    await advance(1_000)
    expect(server.sockets).toHaveLength(2)
  })

  it('no answer within the register timeout → timeout, then a new socket', async () => {
    server.onRequest = () => {}
    const engine = engineFor({ registerTimeoutMs: 10_000 })
    await engine.start()
    await advance(9_000)
    expect(engine.registration.kind).toBe('registering')
    await advance(1_100)
    expect(engine.registration).toEqual({ kind: 'failed', reason: 'timeout' })
    expect(server.sockets[0]?.readyState).toBe(3)
    await advance(1_000)
    expect(server.sockets).toHaveLength(2)
  })

  it('a socket that cannot open → unreachable, retried with growing delays', async () => {
    server.connect = 'refuse'
    const engine = engineFor({ random: () => 1 })
    const plans: Array<{ attempt: number; delay: number }> = []
    engine.on(
      'reconnect',
      (plan) => plan && plans.push({ attempt: plan.attempt, delay: plan.at - Date.now() }),
    )
    await engine.start()
    await advance(1)
    expect(engine.registration).toMatchObject({ kind: 'failed', reason: 'unreachable' })
    expect(engine.connection).toBe('disconnected')
    await advance(1000 + 2000 + 4000 + 8000 + 100)
    expect(plans).toEqual([
      { attempt: 1, delay: 1000 },
      { attempt: 2, delay: 2000 },
      { attempt: 3, delay: 4000 },
      { attempt: 4, delay: 8000 },
      { attempt: 5, delay: 16000 },
    ])
    expect(server.sockets).toHaveLength(5)
  })

  it('a handshake that never completes → unreachable after the connect timeout', async () => {
    server.connect = 'hang'
    const engine = engineFor({ connectTimeoutMs: 2000 })
    await engine.start()
    await advance(1999)
    expect(engine.connection).toBe('connecting')
    await advance(10)
    expect(engine.registration).toMatchObject({ kind: 'failed', reason: 'unreachable' })
  })

  it('a 200 that does not list our contact is not registered', async () => {
    server.onRequest = (r, s) => {
      if (!r.header('authorization')) s.reply(r, 401, 'Unauthorized', [digestChallenge])
      else s.reply(r, 200, 'OK', ['Contact: <sip:someone-else@x.invalid;transport=ws>;expires=600'])
    }
    const engine = engineFor()
    await engine.start()
    await advance(10)
    expect(engine.registration).toMatchObject({ kind: 'failed', reason: 'server-error' })
    expect(engine.nextReconnect).not.toBeNull()
  })

  it('a refresh rejected with 403 shows why and is retried with backoff (a busy registrar, not a new password)', async () => {
    server.onRequest = acceptingRegistrar(100)
    const engine = engineFor()
    await engine.start()
    await advance(10)
    server.onRequest = rejectingRegistrar(403, 'Forbidden')
    await advance(91_000)
    expect(engine.registration).toEqual({
      kind: 'failed',
      reason: 'wrong-credentials',
      statusCode: 403,
    })
    expect(engine.nextReconnect).not.toBeNull()
    server.onRequest = acceptingRegistrar(100)
    await advance(60_000)
    expect(engine.registration.kind).toBe('registered')
  })

  it('a 404 after this user was registered is retried (a registrar fault), and registers again', async () => {
    server.onRequest = acceptingRegistrar(100)
    const engine = engineFor()
    await engine.start()
    await advance(10)
    server.onRequest = rejectingRegistrar(404, 'Not Found')
    await advance(91_000)
    expect(engine.registration).toEqual({ kind: 'failed', reason: 'unknown-user', statusCode: 404 })
    expect(engine.nextReconnect).not.toBeNull()
    server.onRequest = acceptingRegistrar(100)
    await advance(60_000)
    expect(engine.registration.kind).toBe('registered')
  })

  it('challenged again and again after this user was registered: retried with backoff, registers again', async () => {
    server.onRequest = acceptingRegistrar(100)
    const engine = engineFor()
    await engine.start()
    await advance(10)
    server.onRequest = rejectingRegistrar(401, 'Unauthorized')
    await advance(91_000)
    expect(engine.registration).toMatchObject({ kind: 'failed', reason: 'wrong-credentials' })
    expect(engine.nextReconnect).not.toBeNull()
    server.onRequest = acceptingRegistrar(100)
    await advance(60_000)
    expect(engine.registration.kind).toBe('registered')
  })

  it('a refresh that gets no answer → timeout, then reconnect and register again', async () => {
    server.onRequest = acceptingRegistrar(200)
    const engine = engineFor()
    await engine.start()
    await advance(10)
    const accept = server.onRequest
    server.onRequest = () => {}
    await advance(180_000 + 10_100)
    expect(engine.registration).toEqual({ kind: 'failed', reason: 'timeout' })
    server.onRequest = accept
    await advance(1_000)
    expect(engine.registration.kind).toBe('registered')
    expect(server.sockets).toHaveLength(2)
  })
})

describe('SipEngine: reconnecting', () => {
  it('after a drop: unregistered at once, backoff, a NEW Registerer, registered again', async () => {
    const engine = engineFor()
    await engine.start()
    await advance(10)
    const firstCallId = registers()[0]?.header('call-id')
    const seen = record(engine)

    server.sockets[0]?.drop()
    await advance(0)
    expect(engine.connection).toBe('disconnected')
    expect(engine.registration).toEqual({ kind: 'unregistered' })
    expect(engine.nextReconnect).toEqual({ attempt: 1, at: Date.now() + 625 })

    await advance(625)
    expect(server.sockets).toHaveLength(2)
    await advance(10)
    expect(engine.registration.kind).toBe('registered')
    const lastCallId = registers().at(-1)?.header('call-id')
    expect(lastCallId).not.toBe(firstCallId)
    expect(
      seen.map(
        ([e, v]) => `${e}:${typeof v === 'object' && v ? ('kind' in v ? v.kind : 'plan') : v}`,
      ),
    ).toEqual([
      'connection:disconnected',
      'registration:unregistered',
      'reconnect:plan',
      'reconnect:null',
      'connection:connecting',
      'connection:connected',
      'registration:registering',
      'registration:registered',
    ])
  })

  it('never claims registered just because the socket reopened', async () => {
    const engine = engineFor()
    await engine.start()
    await advance(10)
    server.onRequest = () => {} // the new socket opens but REGISTER is never answered
    server.sockets[0]?.drop()
    await advance(700)
    expect(engine.connection).toBe('connected')
    expect(engine.registration).toEqual({ kind: 'registering' })
  })

  it('resets the backoff after a successful registration', async () => {
    const engine = engineFor()
    await engine.start()
    await advance(10)
    for (let i = 0; i < 3; i++) {
      server.sockets.at(-1)?.drop()
      await advance(0)
      expect(engine.nextReconnect?.attempt).toBe(1)
      await advance(700)
      expect(engine.registration.kind).toBe('registered')
    }
  })

  it('reconnects at once on `online`', async () => {
    const online = new EventTarget()
    server.connect = 'refuse'
    const engine = engineFor({ onlineEvents: online, random: () => 1 })
    await engine.start()
    await advance(1 + 1000 + 2000 + 10)
    expect(engine.nextReconnect?.attempt).toBe(3)
    server.connect = 'open'
    online.dispatchEvent(new Event('online'))
    await advance(10)
    expect(engine.registration.kind).toBe('registered')
    expect(engine.nextReconnect).toBeNull()
  })

  it('while a module says a call is up, reconnect attempts stay at most 2 s apart', async () => {
    server.connect = 'refuse'
    let urgent = true
    const engine = engineFor({
      random: () => 1,
      extensions: [{ name: 'calls', attach: () => ({ urgent: () => urgent }) }],
    })
    const delays: number[] = []
    engine.on('reconnect', (plan) => plan && delays.push(plan.at - Date.now()))
    await engine.start()
    await advance(1 + 1000 + 2000 + 2000 + 10)
    expect(delays).toEqual([1000, 2000, 2000, 2000])
    urgent = false // the call ended: the usual backoff again
    await advance(2000 + 10)
    expect(delays).toEqual([1000, 2000, 2000, 2000, 16_000])
  })

  it('online, offline, a network change and a resume ask modules to check the network', async () => {
    const online = new EventTarget()
    const network = new EventTarget()
    const engine = engineFor({ onlineEvents: online, networkChangeEvents: network })
    const causes: string[] = []
    engine.on('networkCheck', (cause) => causes.push(cause))
    await engine.start()
    await advance(10)
    online.dispatchEvent(new Event('offline'))
    online.dispatchEvent(new Event('online'))
    network.dispatchEvent(new Event('change'))
    engine.nudge()
    await advance(10)
    expect(causes).toEqual(['offline', 'online', 'network-change', 'resume'])
    expect(engine.registration.kind).toBe('registered')
  })

  it('re-REGISTERs to check the socket after a wake-up (wall clock jump)', async () => {
    const engine = engineFor({ wake: { periodMs: 10_000, jumpMs: 70_000 } })
    await engine.start()
    await advance(10)
    const before = registers().length
    vi.setSystemTime(Date.now() + 3_600_000) // slept for an hour: timers did not run
    await advance(10_000)
    expect(registers().length).toBe(before + 1)
    expect(expiresOf(registers().at(-1)!)).toBe('600')
    expect(engine.registration.kind).toBe('registered')
  })

  it('a wake-up on a dead socket: the probe times out and a new connection registers', async () => {
    const engine = engineFor()
    await engine.start()
    await advance(10)
    const accept = server.onRequest
    server.onRequest = () => {} // the old socket silently died
    engine.nudge()
    await advance(10_100)
    expect(engine.registration).toEqual({ kind: 'failed', reason: 'timeout' })
    server.onRequest = accept
    await advance(1000)
    expect(engine.registration.kind).toBe('registered')
  })

  it('nudge() while waiting to reconnect connects now', async () => {
    server.connect = 'refuse'
    const engine = engineFor()
    await engine.start()
    await advance(1)
    server.connect = 'open'
    engine.nudge()
    await advance(10)
    expect(engine.registration.kind).toBe('registered')
  })

  it('nudge() does nothing after a final failure', async () => {
    server.onRequest = rejectingRegistrar(404, 'Not Found')
    const engine = engineFor()
    await engine.start()
    await advance(10)
    engine.nudge()
    await advance(60_000)
    expect(server.sockets).toHaveLength(1)
  })
})

describe('SipEngine: stop()', () => {
  it('un-REGISTERs, waits for the answer, closes the socket and stays down', async () => {
    const engine = engineFor()
    await engine.start()
    await advance(10)
    const seen = record(engine)
    const stopped = engine.stop()
    await advance(10)
    await stopped
    const last = registers().at(-1)!
    expect(expiresOf(last)).toBe('0')
    expect(server.sockets[0]?.readyState).toBe(3)
    expect(engine.connection).toBe('disconnected')
    expect(engine.registration).toEqual({ kind: 'unregistered' })
    expect(seen.at(-1)).toEqual(['registration', { kind: 'unregistered' }])
    await advance(5 * 60_000)
    expect(server.sockets).toHaveLength(1)
    expect(engine.running).toBe(false)
  })

  it('is bounded when the server does not answer the un-REGISTER', async () => {
    const engine = engineFor({ stopTimeoutMs: 3000 })
    await engine.start()
    await advance(10)
    server.onRequest = () => {}
    let done = false
    void engine.stop().then(() => (done = true))
    await advance(2900)
    expect(done).toBe(false)
    await advance(1200)
    expect(done).toBe(true)
    expect(server.sockets[0]?.readyState).toBe(3)
  })

  it('while a reconnect is pending cancels it', async () => {
    server.connect = 'refuse'
    const engine = engineFor()
    await engine.start()
    await advance(1)
    await engine.stop()
    expect(engine.nextReconnect).toBeNull()
    await advance(60_000)
    expect(server.sockets).toHaveLength(1)
  })

  it('can start again afterwards', async () => {
    const engine = engineFor()
    await engine.start()
    await advance(10)
    const stopped = engine.stop()
    await advance(10)
    await stopped
    await engine.start()
    await advance(10)
    expect(engine.registration.kind).toBe('registered')
    expect(server.sockets).toHaveLength(2)
  })
})

describe('SipEngine: hostile input', () => {
  it('survives garbage, malformed SIP and stray responses while registered', async () => {
    const engine = engineFor()
    await engine.start()
    await advance(10)
    const socket = server.sockets[0]!
    const register = registers()[0]!
    for (const text of [
      'hello',
      '\u0000\u0001\u0002',
      'SIP/2.0 200 OK\r\n\r\n',
      'SIP/2.0 abc Nope\r\nVia: x\r\n\r\n',
      'INVITE sip:x SIP/2.0\r\nVia: garbage\r\n\r\n',
      'NOTIFY sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/WSS 1.2.3.4;branch=z9hG4bKx\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:alice@example.com>\r\nCall-ID: 1\r\nCSeq: 1 NOTIFY\r\nContent-Length: 99\r\n\r\n',
      sipResponse(register, 200, 'OK', [grantedContact(register, 600)]), // a late duplicate
      `${sipResponse(register, 999, 'Weird')}`,
    ]) {
      socket.push(text)
      await advance(0)
    }
    expect(engine.registration.kind).toBe('registered')
    expect(engine.connection).toBe('connected')
  })

  it('a socket the server closes before answering REGISTER is a failure that says so, and retried', async () => {
    server.onRequest = (_r, s) => s.drop()
    const engine = engineFor()
    await engine.start()
    await advance(10)
    expect(engine.connection).toBe('disconnected')
    expect(engine.registration).toEqual({
      kind: 'failed',
      reason: 'unreachable',
      detail: 'The server closed the connection',
    })
    expect(engine.nextReconnect).not.toBeNull()
  })

  it('a listener that throws does not break the engine', async () => {
    const engine = engineFor()
    engine.on('connection', () => {
      throw new Error('ui bug')
    })
    await engine.start()
    await advance(10)
    expect(engine.registration.kind).toBe('registered')
    expect(logs.some((l) => l.includes('ui bug'))).toBe(true)
  })

  it('never logs the password or a digest response', async () => {
    server.onRequest = rejectingRegistrar(401, 'Unauthorized')
    const engine = engineFor({ verboseLogging: true })
    await engine.start()
    await advance(10)
    expect(logs.length).toBeGreaterThan(0)
    const all = logs.join('\n')
    expect(all).not.toContain(account.password)
    expect(all).not.toMatch(/response="[0-9a-f]{32}"/)
  })
})

describe('SipEngine: extensions', () => {
  const messageFrom = (text: string) =>
    [
      'MESSAGE sip:alice@example.com SIP/2.0',
      'Via: SIP/2.0/WSS 10.0.0.1;branch=z9hG4bKm1',
      'From: <sip:bob@example.com>;tag=b1',
      'To: <sip:alice@example.com>',
      'Call-ID: msg-1',
      'CSeq: 1 MESSAGE',
      'Content-Type: text/plain',
      `Content-Length: ${text.length}`,
      '',
      text,
    ].join('\r\n')

  it('hands each UserAgent to modules and routes the requests they claim', async () => {
    const received: string[] = []
    const detach = vi.fn()
    const attach = vi.fn<EngineExtension['attach']>(() => ({
      delegate: {
        onMessage: (message) => {
          received.push(message.request.body)
          void message.accept()
        },
      },
      detach,
    }))
    const engine = engineFor({ extensions: [{ name: 'messages', attach }] })
    await engine.start()
    await advance(10)
    expect(attach).toHaveBeenCalledOnce()
    const context = attach.mock.calls[0]![0]
    expect(context.engine).toBe(engine)
    expect(context.account.aor).toBe('sip:alice@example.com')

    server.sockets[0]!.push(messageFrom('hi alice'))
    await advance(10)
    expect(received).toEqual(['hi alice'])
    expect(server.sockets[0]!.sent.some((r) => r.raw.startsWith('SIP/2.0 200'))).toBe(true)

    const stopped = engine.stop()
    await advance(10)
    await stopped
    expect(detach).toHaveBeenCalledOnce()
  })

  it('use() attaches to a running engine, and its dispose detaches', async () => {
    const engine = engineFor()
    await engine.start()
    await advance(10)
    const detach = vi.fn()
    const off = engine.use({ name: 'late', attach: () => ({ detach }) })
    off()
    await advance(0)
    expect(detach).toHaveBeenCalledOnce()
  })

  it('use() refuses a second owner of the same handler', async () => {
    const engine = engineFor({
      extensions: [{ name: 'calls', attach: () => ({ delegate: { onInvite: () => {} } }) }],
    })
    await engine.start()
    expect(() =>
      engine.use({ name: 'other', attach: () => ({ delegate: { onInvite: () => {} } }) }),
    ).toThrow(/already handled/)
  })
})
