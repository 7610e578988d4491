import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Core, UserAgent } from 'sip.js'
import { grantedExpires, ObservedRegisterer } from './registerer'
import type { RegisterObserver } from './registerer'
import {
  acceptingRegistrar,
  createFakeSipServer,
  digestChallenge,
  grantedContact,
} from './testing/fake-sip-server'
import type { FakeSipServer } from './testing/fake-sip-server'

const advance = (ms = 0) => vi.advanceTimersByTimeAsync(ms)

const quiet = { log: () => {}, warn: () => {}, error: () => {}, debug: () => {} }

function response(headers: string[]): Core.IncomingResponse {
  const raw = [
    'SIP/2.0 200 OK',
    'Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK-1',
    'From: <sip:alice@example.com>;tag=1',
    'To: <sip:alice@example.com>;tag=2',
    'Call-ID: reg@fake',
    'CSeq: 2 REGISTER',
    ...headers,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n')
  const message = Core.Parser.parseMessage(raw, quiet as never)
  if (!(message instanceof Core.IncomingResponseMessage)) throw new Error('not a response')
  return { message } as Core.IncomingResponse
}

describe('grantedExpires: the lifetime the registrar gave our contact', () => {
  it("takes our contact's expires parameter, not another device's", () => {
    const r = response([
      'Contact: <sip:phone@192.0.2.9>;expires=3600',
      'Contact: <sip:ours@a.invalid;transport=ws>;expires=120',
      'Expires: 900',
    ])
    expect(grantedExpires(r, 'ours', 600)).toBe(120)
  })

  it('falls back to Expires, then to what was asked', () => {
    expect(
      grantedExpires(response(['Contact: <sip:other@x>;expires=5', 'Expires: 900']), 'ours', 600),
    ).toBe(900)
    expect(grantedExpires(response([]), 'ours', 600)).toBe(600)
    // Nonsense and zero are not a grant.
    expect(
      grantedExpires(response(['Contact: <sip:ours@x>;expires=abc', 'Expires: 0']), 'ours', 600),
    ).toBe(600)
  })
})

describe('ObservedRegisterer: every REGISTER reports its outcome', () => {
  let server: FakeSipServer
  let ua: UserAgent
  let events: string[]

  const observer: RegisterObserver = {
    onSend: () => events.push('send'),
    onAccept: (r) => events.push(`accept ${r.message.statusCode}`),
    onReject: (r) => events.push(`reject ${r.message.statusCode}`),
    onRedirect: (r) => events.push(`redirect ${r.message.statusCode}`),
  }

  beforeEach(async () => {
    vi.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z') })
    server = createFakeSipServer(acceptingRegistrar(60))
    vi.stubGlobal('WebSocket', server.WebSocket)
    events = []
    ua = new UserAgent({
      uri: UserAgent.makeURI('sip:alice@example.com'),
      authorizationUsername: 'alice',
      authorizationPassword: 'secret',
      transportOptions: { server: 'wss://sip.example.com/ws' },
      logLevel: 'error',
      logBuiltinEnabled: false,
    })
    const starting = ua.start()
    await advance(10)
    await starting
  })

  afterEach(async () => {
    const stopping = ua.stop()
    await advance(40_000)
    await stopping
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('reports the first REGISTER and the refreshes SIP.js schedules by itself', async () => {
    const registerer = new ObservedRegisterer(ua, { expires: 60 }, observer)
    void registerer.register()
    await advance(10)
    expect(events).toEqual(['send', 'accept 200'])

    // SIP.js refreshes before the 60 s run out, with no delegate of its own: still reported.
    await advance(60_000)
    expect(events.filter((e) => e === 'send').length).toBeGreaterThanOrEqual(2)
    expect(events.at(-1)).toBe('accept 200')
  })

  it("reports a refused REGISTER and still calls the caller's own delegate", async () => {
    server.onRequest = (request, socket) => {
      if (request.method !== 'REGISTER') return
      if (!request.header('authorization'))
        socket.reply(request, 401, 'Unauthorized', [digestChallenge])
      else socket.reply(request, 403, 'Forbidden')
    }
    const own: number[] = []
    const registerer = new ObservedRegisterer(ua, { expires: 60 }, observer)
    void registerer.register({
      requestDelegate: { onReject: (r) => own.push(r.message.statusCode ?? 0) },
    })
    await advance(10)
    expect(events).toEqual(['send', 'reject 403'])
    expect(own).toEqual([403])
  })

  it('a register() while one is pending sends nothing new and is not reported as sent', async () => {
    server.onRequest = () => {} // the registrar never answers
    const registerer = new ObservedRegisterer(ua, { expires: 60 }, observer)
    void registerer.register()
    await advance(10)
    expect(registerer.pending).toBe(true)
    void registerer.register().catch(() => {})
    await advance(10)
    expect(events).toEqual(['send'])
    expect(server.requests.filter((r) => r.method === 'REGISTER')).toHaveLength(1)

    let settled = false
    registerer.onceSettled(() => (settled = true))
    await advance(40_000) // timer F: the transaction gives up
    expect(settled).toBe(true)
    expect(registerer.pending).toBe(false)
  })

  it('abandon() lets go of a registered binding without an un-REGISTER on the wire', async () => {
    server.onRequest = (request, socket) => {
      if (request.method !== 'REGISTER') return
      socket.reply(request, 200, 'OK', [grantedContact(request, 60)])
    }
    const registerer = new ObservedRegisterer(ua, { expires: 60 }, observer)
    void registerer.register()
    await advance(10)
    const before = server.requests.length
    await registerer.abandon()
    await advance(120_000)
    expect(server.requests.length).toBe(before)
  })
})
