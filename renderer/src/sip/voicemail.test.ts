import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MessageSummary } from '@shared/dialog/message-summary'
import { createSipEngine } from './engine'
import type { SipEngine } from './engine'
import { sipKit } from './sip-kit'
import { createFakeSipServer, acceptingRegistrar } from './testing/fake-sip-server'
import type { FakeSipServer, RequestHandler, SipRequest } from './testing/fake-sip-server'
import { VoicemailBox } from './voicemail'

// The voicemail box on a real SIP.js UserAgent over the scripted server: what it asks the server
// for (SUBSCRIBE to the own box), what it takes (unsolicited message summaries), what it refuses.

let server: FakeSipServer
let engine: SipEngine
let summaries: MessageSummary[]
const advance = (ms = 0) => vi.advanceTimersByTimeAsync(ms)
const subscribes = () => server.requests.filter((r) => r.method === 'SUBSCRIBE')

/** The registrar, and SUBSCRIBE answered with `status`. */
function serverAnsweringSubscribe(status: number): RequestHandler {
  const registrar = acceptingRegistrar()
  return (request, socket) => {
    if (request.method === 'REGISTER') return registrar(request, socket)
    if (request.method === 'SUBSCRIBE') {
      socket.reply(request, status, status === 200 ? 'OK' : 'Forbidden', [
        'Expires: 3600',
        `Contact: <sip:box@server.invalid>`,
      ])
    }
  }
}

let n = 0
function unsolicitedNotify(event: string, body: string): string {
  n += 1
  const contact = /<([^>]+)>/.exec(
    server.requests
      .filter((r) => r.method === 'REGISTER')
      .at(-1)
      ?.header('contact') ?? '',
  )?.[1]
  return [
    `NOTIFY ${contact} SIP/2.0`,
    `Via: SIP/2.0/WSS pbx.invalid;branch=z9hG4bK-notify-${n}`,
    'Max-Forwards: 70',
    `From: <sip:voicemail@example.com>;tag=vm-${n}`,
    'To: <sip:alice@example.com>',
    `Call-ID: mwi-${n}@pbx`,
    'CSeq: 1 NOTIFY',
    `Event: ${event}`,
    'Subscription-State: active',
    'Content-Type: application/simple-message-summary',
    `Content-Length: ${body.length}`,
    '',
    body,
  ].join('\r\n')
}

const answered = (callId: string): number[] =>
  (server.sockets.at(-1)?.sent ?? [])
    .filter((r: SipRequest) => r.header('call-id') === callId && r.method === 'SIP/2.0')
    .map((r) => Number(/^SIP\/2\.0 (\d{3})/.exec(r.raw)?.[1]))

beforeEach(async () => {
  vi.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z') })
  server = createFakeSipServer(serverAnsweringSubscribe(200))
  vi.stubGlobal('WebSocket', server.WebSocket)
  summaries = []
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
  const box = new VoicemailBox({
    sip: sipKit,
    onSummary: (s) => summaries.push(s),
    log: () => {},
  })
  engine.use(box.extension)
})

afterEach(async () => {
  const stopping = engine.stop()
  await advance(40_000)
  await stopping
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('VoicemailBox', () => {
  it('subscribes to the own box once registered, asking for message summaries', async () => {
    await engine.start()
    await advance(50)
    const [subscribe] = subscribes()
    expect(subscribe?.raw.split('\r\n')[0]).toMatch(/^SUBSCRIBE sip:alice@example\.com SIP\/2\.0$/)
    expect(subscribe?.header('event')).toBe('message-summary')
    expect(subscribe?.header('accept')).toBe('application/simple-message-summary')
  })

  it("takes a PBX's unsolicited summary, and refuses a NOTIFY of another package 481", async () => {
    await engine.start()
    await advance(50)
    const socket = server.sockets.at(-1)!
    socket.push(
      unsolicitedNotify('message-summary', 'Messages-Waiting: yes\r\nVoice-Message: 3/1\r\n'),
    )
    await advance(10)
    expect(answered(`mwi-${n}@pbx`)).toContain(200)
    expect(summaries.at(-1)).toMatchObject({ waiting: true, voice: { new: 3, old: 1 } })

    socket.push(unsolicitedNotify('presence', 'Messages-Waiting: yes\r\n'))
    await advance(10)
    expect(answered(`mwi-${n}@pbx`)).toContain(481)
    expect(summaries).toHaveLength(1)
  })

  it('a refused SUBSCRIBE is tried again later, and afresh after a new registration', async () => {
    server.onRequest = serverAnsweringSubscribe(403)
    await engine.start()
    await advance(50)
    expect(subscribes()).toHaveLength(1)
    await advance(60_000)
    expect(subscribes().length).toBeGreaterThanOrEqual(2)

    server.onRequest = serverAnsweringSubscribe(200)
    const before = subscribes().length
    server.sockets.at(-1)!.drop() // the connection goes; the engine reconnects and registers
    await advance(40_000)
    expect(engine.registration.kind).toBe('registered')
    expect(subscribes().length).toBeGreaterThan(before)
  })
})
