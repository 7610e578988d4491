// What the tests of subscribing modules (presence, busy lamps, their shared pacing) set up alike:
// fake timers and the scripted server for each test, an engine that registers with the given
// extensions, a server that keeps the SUBSCRIBEs it gets for the test to answer, and the NOTIFY
// a server sends in such a subscription's dialog.
import { afterEach, beforeEach, vi } from 'vitest'
import { createSipEngine } from '../engine'
import type { SipEngine } from '../engine'
import type { EngineExtension } from '../extension'
import type { SipAccount } from '../types'
import { acceptingRegistrar, createFakeSipServer, sipResponse } from './fake-sip-server'
import type { FakeSipServer, FakeSocket, SipRequest } from './fake-sip-server'

export const testAccount: SipAccount = {
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
  username: 'alice',
  password: 'correct horse',
  displayName: 'Alice',
  iceServers: [],
}

export const advance = (ms = 0): Promise<unknown> => vi.advanceTimersByTimeAsync(ms)

export interface SubscriptionServer {
  /** This test's server. */
  readonly server: FakeSipServer
  /** SUBSCRIBEs received and not yet taken by the test, oldest first. */
  readonly waiting: Array<{ request: SipRequest; socket: FakeSocket }>
  /** Every SUBSCRIBE sent so far. */
  subscribes(): SipRequest[]
  /** Starts an engine with `extensions` and lets it register (stopped after the test). */
  start(extensions: EngineExtension[]): Promise<SipEngine>
}

/**
 * Installs fake timers and a scripted server around each test of the calling file. The server
 * registers anyone; a SUBSCRIBE is answered 200 when `answer` is 'ok', else kept in `waiting`.
 */
export function useSubscriptionServer(answer: 'ok' | 'hold' = 'hold'): SubscriptionServer {
  let server: FakeSipServer | undefined
  let engine: SipEngine | undefined
  const waiting: SubscriptionServer['waiting'] = []

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') })
    waiting.length = 0
    const registrar = acceptingRegistrar()
    server = createFakeSipServer((request, socket) => {
      if (request.method !== 'SUBSCRIBE') return registrar(request, socket)
      waiting.push({ request, socket })
      if (answer === 'ok')
        socket.push(sipResponse(request, 200, 'OK', ['Expires: 600', 'Contact: <sip:192.0.2.1>']))
    })
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

  const current = (): FakeSipServer => {
    if (!server) throw new Error('useSubscriptionServer: no test is running')
    return server
  }
  return {
    get server() {
      return current()
    },
    waiting,
    subscribes: () => current().requests.filter((r) => r.method === 'SUBSCRIBE'),
    async start(extensions) {
      engine = createSipEngine(testAccount, {
        extensions,
        logger: { debug: () => {}, warn: () => {}, error: () => {} },
        onlineEvents: null,
        wake: false,
      })
      await engine.start()
      await advance(20)
      return engine
    },
  }
}

/** The address a SUBSCRIBE went to. */
export const targetOf = (request: SipRequest): string | undefined => request.raw.split(' ')[1]

export interface NotifyOptions {
  event: string
  contentType: string
  /** Subscription-State header value. */
  state?: string
}

/** A NOTIFY in the dialog the SUBSCRIBE's 200 made (our tag in To, the server's in From). */
export function notifyFor(
  subscribe: SipRequest,
  cseq: number,
  body: string,
  { event, contentType, state = 'active;expires=600' }: NotifyOptions,
): string {
  const from = subscribe.header('from') ?? ''
  const to = subscribe.header('to') ?? ''
  const callId = subscribe.header('call-id') ?? ''
  // A branch of its own per dialog and CSeq: SIP.js takes a repeated one for a retransmission.
  const branch = `z9hG4bKn${cseq}${callId.replace(/[^A-Za-z0-9]/g, '')}`
  return [
    `NOTIFY ${(subscribe.header('contact') ?? '').replace(/^<|>.*$/g, '')} SIP/2.0`,
    `Via: SIP/2.0/WSS 192.0.2.1;branch=${branch}`,
    `From: ${to};tag=fake200`,
    `To: ${from}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} NOTIFY`,
    `Event: ${event}`,
    `Subscription-State: ${state}`,
    'Contact: <sip:192.0.2.1>',
    `Content-Type: ${contentType}`,
    `Content-Length: ${new TextEncoder().encode(body).length}`,
    '',
    body,
  ].join('\r\n')
}
