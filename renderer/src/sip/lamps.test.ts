import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LampState } from '@shared/dialog/lamp'
import { createSipEngine } from './engine'
import type { SipEngine } from './engine'
import { LampWatcher } from './lamps'
import { sipKit } from './sip-kit'
import { acceptingRegistrar, createFakeSipServer, sipResponse } from './testing/fake-sip-server'
import type { FakeSipServer, FakeSocket, SipRequest } from './testing/fake-sip-server'
import type { SipAccount } from './types'

const account: SipAccount = {
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
  username: 'alice',
  password: 'correct horse',
  displayName: 'Alice',
  iceServers: [],
}
const NS = 'urn:ietf:params:xml:ns:dialog-info'

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

/** A NOTIFY in the dialog the SUBSCRIBE's 200 made (our tag in To, the server's in From). */
function notify(subscribe: SipRequest, cseq: number, body: string): string {
  const from = subscribe.header('from') ?? ''
  const to = subscribe.header('to') ?? ''
  return [
    `NOTIFY ${(subscribe.header('contact') ?? '').replace(/^<|>.*$/g, '')} SIP/2.0`,
    `Via: SIP/2.0/WSS 192.0.2.1;branch=z9hG4bKn${cseq}`,
    `From: ${to};tag=fake200`,
    `To: ${from}`,
    `Call-ID: ${subscribe.header('call-id') ?? ''}`,
    `CSeq: ${cseq} NOTIFY`,
    'Event: dialog',
    'Subscription-State: active;expires=600',
    'Contact: <sip:192.0.2.1>',
    'Content-Type: application/dialog-info+xml',
    `Content-Length: ${new TextEncoder().encode(body).length}`,
    '',
    body,
  ].join('\r\n')
}

const doc = (version: number, dialogs: string): string =>
  `<?xml version="1.0"?><dialog-info xmlns="${NS}" version="${version}" state="full" entity="sip:dave@example.com">${dialogs}</dialog-info>`
const RINGING = `<dialog id="d1" call-id="c1" local-tag="dt" remote-tag="ct" direction="recipient"><state>early</state><remote><identity display="Carol">sip:carol@example.com</identity></remote></dialog>`

async function watching(): Promise<{
  states: LampState[]
  subscribe: SipRequest
  socket: FakeSocket
}> {
  let subscribe: { request: SipRequest; socket: FakeSocket } | undefined
  const registrar = acceptingRegistrar()
  server.onRequest = (request, socket) => {
    if (request.method === 'SUBSCRIBE') {
      subscribe = { request, socket }
      socket.push(sipResponse(request, 200, 'OK', ['Expires: 600', 'Contact: <sip:192.0.2.1>']))
    } else registrar(request, socket)
  }
  const watcher = new LampWatcher({ sip: sipKit, log: () => {} })
  const states: LampState[] = []
  watcher.on('lamp', ({ state }) => states.push(state))
  watcher.setWatched(['sip:dave@example.com'])
  engine = createSipEngine(account, {
    extensions: [watcher.extension],
    logger: { debug: () => {}, warn: () => {}, error: () => {} },
    onlineEvents: null,
    wake: false,
  })
  await engine.start()
  await advance(20)
  if (!subscribe) throw new Error('no SUBSCRIBE')
  return { states, subscribe: subscribe.request, socket: subscribe.socket }
}

describe('LampWatcher', () => {
  it('subscribes to the dialog event package with an explicit Accept', async () => {
    const { subscribe } = await watching()
    expect(subscribe.header('event')).toBe('dialog')
    expect(subscribe.header('accept')).toBe('application/dialog-info+xml')
    expect(subscribe.raw.split(' ')[1]).toBe('sip:dave@example.com')
  })

  it('reads Idle, then Ringing with the caller; a stale version changes nothing', async () => {
    const { states, subscribe, socket } = await watching()
    socket.push(notify(subscribe, 1, doc(0, '')))
    await advance(10)
    expect(states.at(-1)).toEqual({ kind: 'idle' })
    socket.push(notify(subscribe, 2, doc(1, RINGING)))
    await advance(10)
    expect(states.at(-1)).toMatchObject({
      kind: 'ringing',
      caller: { uri: 'sip:carol@example.com', name: 'Carol' },
    })
    const seen = states.length
    socket.push(notify(subscribe, 3, doc(1, '')))
    await advance(10)
    expect(states).toHaveLength(seen)
  })

  it('is Unknown again when the server ends the subscription', async () => {
    const { states, subscribe, socket } = await watching()
    socket.push(notify(subscribe, 1, doc(0, '')))
    await advance(10)
    socket.push(
      notify(subscribe, 2, doc(1, '')).replace(
        'Subscription-State: active;expires=600',
        'Subscription-State: terminated;reason=timeout',
      ),
    )
    await advance(10)
    expect(states.at(-1)).toEqual({ kind: 'unknown' })
  })
})
