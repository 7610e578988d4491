import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseAddress } from '@shared/address'
import { plainNumbering } from '@shared/links/numbering'
import { CallManager, MAX_RINGING_CALLS } from './calls'
import type { CallSnapshot } from './call-types'
import { createSipEngine } from './engine'
import type { SipEngine } from './engine'
import { createFakeSipServer } from './testing/fake-sip-server'
import type { FakeSipServer, FakeSocket, SipRequest } from './testing/fake-sip-server'
import type { SipAccount } from './types'

// The calls module on a real SIP.js UserAgent whose network is the scripted fake server: what the
// far end sees (responses on the wire) and what the app sees (snapshots) for incoming calls.
// Media never starts here (nothing is answered): that part is the e2e tests' job.

const account: SipAccount = {
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com/ws',
  username: '',
  password: 'secret',
  displayName: 'Alice',
  iceServers: [],
}

const OFFER = [
  'v=0',
  'o=- 1 1 IN IP4 192.0.2.1',
  's=-',
  'c=IN IP4 192.0.2.1',
  't=0 0',
  'm=audio 40000 UDP/TLS/RTP/SAVPF 111',
  'a=rtpmap:111 opus/48000/2',
  'a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF',
  'a=setup:actpass',
  'a=sendrecv',
  '',
].join('\r\n')

const PLAIN_RTP_OFFER = OFFER.replace('UDP/TLS/RTP/SAVPF', 'RTP/AVP')

let server: FakeSipServer
let engine: SipEngine
let manager: CallManager
let seen: CallSnapshot[]
let logs: string[]
let sequence = 0

const advance = (ms = 0) => vi.advanceTimersByTimeAsync(ms)

/** The server's side of the registered socket and the Contact it may reach us at. */
function registered(): { socket: FakeSocket; contact: string } {
  const socket = server.sockets.at(-1)
  const register = server.requests.filter((r) => r.method === 'REGISTER').at(-1)
  const contact = /<([^>]+)>/.exec(register?.header('contact') ?? '')?.[1]
  if (!socket || !contact) throw new Error('not registered')
  return { socket, contact }
}

interface Invite {
  callId: string
  from: string
  raw: string
}

function invite(
  from = 'sip:bob@example.com',
  options: { body?: string; name?: string; headers?: string[] } = {},
): Invite {
  const { contact } = registered()
  sequence += 1
  const callId = `call-${sequence}@fake`
  const body = options.body ?? OFFER
  const raw = [
    `INVITE ${contact} SIP/2.0`,
    `Via: SIP/2.0/WSS fake.invalid;branch=z9hG4bK-invite-${sequence}`,
    'Max-Forwards: 70',
    `From: "${options.name ?? 'Bob'}" <${from}>;tag=from-${sequence}`,
    `To: <${account.aor}>`,
    `Call-ID: ${callId}`,
    'CSeq: 1 INVITE',
    `Contact: <${from.replace('@', '@far.invalid;x=')}>`,
    ...(options.headers ?? []),
    ...(body ? ['Content-Type: application/sdp'] : []),
    `Content-Length: ${new TextEncoder().encode(body).length}`,
    '',
    body,
  ].join('\r\n')
  return { callId, from, raw }
}

function cancel(call: Invite, n: number): string {
  return [
    `CANCEL ${registered().contact} SIP/2.0`,
    `Via: SIP/2.0/WSS fake.invalid;branch=z9hG4bK-invite-${n}`,
    'Max-Forwards: 70',
    `From: "Bob" <${call.from}>;tag=from-${n}`,
    `To: <${account.aor}>`,
    `Call-ID: ${call.callId}`,
    'CSeq: 1 CANCEL',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n')
}

/** Status codes the client answered a Call-ID with, in order (provisional ones included). */
function answers(callId: string): number[] {
  const socket = registered().socket
  return socket.sent
    .filter((r) => r.header('call-id') === callId && r.method === 'SIP/2.0')
    .map((r) => Number(/^SIP\/2\.0 (\d{3})/.exec(r.raw)?.[1]))
}

function answerOf(callId: string, status: number): SipRequest | undefined {
  return registered().socket.sent.find(
    (r) => r.header('call-id') === callId && r.raw.startsWith(`SIP/2.0 ${status} `),
  )
}

const latest = (): CallSnapshot | undefined => seen.at(-1)

beforeEach(async () => {
  vi.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z') })
  server = createFakeSipServer()
  vi.stubGlobal('WebSocket', server.WebSocket)
  seen = []
  logs = []
  engine = createSipEngine(account, {
    logger: { debug: () => {}, warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    random: () => 0.5,
    onlineEvents: null,
    networkChangeEvents: null,
    wake: false,
  })
  manager = new CallManager({ log: (m) => logs.push(m), now: () => Date.now() })
  manager.on('call', (snapshot) => seen.push(snapshot))
  engine.use(manager.extension)
  await engine.start()
  await advance(10)
  expect(engine.registration.kind).toBe('registered')
})

afterEach(async () => {
  const stopping = engine.stop()
  await advance(10_000)
  await stopping
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('CallManager: incoming calls', () => {
  it('rings: the caller hears 180, the app sees an incoming call from the caller', async () => {
    const call = invite('sip:bob@example.com', { name: 'Bob Builder' })
    registered().socket.push(call.raw)
    await advance(10)

    expect(answers(call.callId)).toEqual([100, 180])
    expect(latest()).toMatchObject({
      direction: 'incoming',
      phase: 'incoming',
      peer: { uri: 'sip:bob@example.com', name: 'Bob Builder' },
      video: false,
    })
    expect(manager.list()).toHaveLength(1)
  })

  it('reads a video offer as a video call', async () => {
    const body = `${OFFER}m=video 40002 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n`
    const call = invite('sip:bob@example.com', { body })
    registered().socket.push(call.raw)
    await advance(10)
    expect(latest()).toMatchObject({ phase: 'incoming', video: true })
  })

  it('declining answers 603 and ends the call as declined', async () => {
    const call = invite()
    registered().socket.push(call.raw)
    await advance(10)
    const id = latest()!.id

    manager.decline(id)
    await advance(10)

    expect(answers(call.callId)).toContain(603)
    expect(latest()).toMatchObject({ id, phase: 'ended' })
    expect(manager.list()).toEqual([])
  })

  it('the caller giving up (CANCEL) ends the ringing call as missed, answered 487', async () => {
    const call = invite()
    registered().socket.push(call.raw)
    await advance(10)
    const id = latest()!.id

    registered().socket.push(cancel(call, sequence))
    await advance(10)

    expect(answers(call.callId)).toContain(487)
    expect(latest()).toMatchObject({ id, phase: 'ended', end: { reason: 'missed' } })
    expect(manager.list()).toEqual([])
  })

  it(`rings ${MAX_RINGING_CALLS} calls at once; one more is refused 486 without ringing`, async () => {
    const calls = Array.from({ length: MAX_RINGING_CALLS + 1 }, (_, i) =>
      invite(`sip:caller${i}@example.com`),
    )
    for (const call of calls) registered().socket.push(call.raw)
    await advance(10)

    const extra = calls.at(-1)!
    expect(answers(extra.callId)).toContain(486)
    expect(answers(extra.callId)).not.toContain(180)
    expect(manager.list().map((c) => c.peer.uri)).toEqual(
      calls.slice(0, MAX_RINGING_CALLS).map((c) => c.from),
    )
    expect(seen.some((s) => s.peer.uri === extra.from)).toBe(false)
  })

  it('a refusal (Do not disturb) answers with its code and never rings', async () => {
    manager.rejectIncoming = () => ({ reason: 'busy', statusCode: 486 })
    const call = invite()
    registered().socket.push(call.raw)
    await advance(10)

    expect(answers(call.callId)).toContain(486)
    expect(answers(call.callId)).not.toContain(180)
    expect(seen.every((s) => s.phase === 'ended')).toBe(true)
    expect(manager.list()).toEqual([])
  })

  it('a plain-RTP offer is refused 488 with the reason in a Warning, and kept as a failed call', async () => {
    const call = invite('sip:trunk@example.com', { body: PLAIN_RTP_OFFER })
    registered().socket.push(call.raw)
    await advance(10)

    expect(answers(call.callId)).toContain(488)
    expect(answerOf(call.callId, 488)?.header('warning')).toMatch(/^399 switchboard ".*plain RTP/)
    expect(latest()).toMatchObject({ phase: 'ended', end: { reason: 'incompatible' } })
  })

  it('signing out (detach) ends a ringing call', async () => {
    const call = invite()
    registered().socket.push(call.raw)
    await advance(10)
    const id = latest()!.id

    const stopping = engine.stop()
    await advance(10_000)
    await stopping

    expect(latest()).toMatchObject({ id, phase: 'ended' })
    expect(manager.list()).toEqual([])
  })
})

describe('CallManager: calls held while the app starts', () => {
  it('answers only 100 while held; on release the call rings with the policy set meanwhile', async () => {
    const release = manager.holdIncoming()
    const first = invite('sip:bob@example.com')
    const second = invite('sip:carol@example.com')
    registered().socket.push(first.raw)
    registered().socket.push(second.raw)
    await advance(10)
    expect(answers(first.callId)).toEqual([100])
    expect(seen).toEqual([])
    expect(manager.list()).toEqual([])

    // Do not disturb arrives with the app, before the release: it applies to the held calls.
    manager.rejectIncoming = (peer) =>
      peer.uri === 'sip:carol@example.com' ? { reason: 'missed', statusCode: 486 } : null
    release()
    await advance(10)

    expect(answers(first.callId)).toEqual([100, 180])
    expect(answers(second.callId)).toEqual([100, 486])
    expect(manager.list().map((c) => c.peer.uri)).toEqual(['sip:bob@example.com'])
    // Later calls are taken at once.
    const third = invite('sip:dave@example.com')
    registered().socket.push(third.raw)
    await advance(10)
    expect(answers(third.callId)).toEqual([100, 180])
  })

  it('a held call the caller cancels meanwhile never rings', async () => {
    const release = manager.holdIncoming()
    const call = invite()
    registered().socket.push(call.raw)
    await advance(10)
    registered().socket.push(cancel(call, sequence))
    await advance(10)
    expect(answers(call.callId)).toContain(487)

    release()
    await advance(10)
    expect(answers(call.callId)).not.toContain(180)
    expect(seen).toEqual([])
    expect(manager.list()).toEqual([])
  })
})

describe('CallManager: dialling', () => {
  it('refuses a target SIP.js cannot read, and dials nothing once signed out', async () => {
    const parsed = parseAddress('sip:bob@example.com', {
      domain: 'example.com',
      defaultRegion: '',
      numbering: plainNumbering,
    })
    if (!parsed.ok) throw new Error('test address')
    const bob = parsed.address
    expect(manager.check(bob)).toBeNull()
    expect(manager.check({ ...bob, uri: 'sip:' })).toBe('invalid')
    expect(manager.dial({ ...bob, uri: 'sip:' })).toEqual({ ok: false, error: 'invalid' })

    const stopping = engine.stop()
    await advance(10_000)
    await stopping
    expect(manager.check(bob)).toBe('offline')
    expect(manager.dial(bob)).toEqual({ ok: false, error: 'offline' })
    expect(server.requests.some((r) => r.method === 'INVITE')).toBe(false)
    expect(seen).toEqual([])
  })

  it('actions on an unknown call id do nothing', async () => {
    manager.hangUp('nope')
    manager.decline('nope')
    manager.setMuted('nope', true)
    expect(manager.sendDtmf('nope', '1')).toBe(false)
    expect(await manager.setHeld('nope', true)).toBe(false)
    expect(await manager.quality('nope')).toBeNull()
    expect(await manager.transfer('nope', { uri: 'sip:carol@example.com' } as never)).toBe(false)
    expect(manager.followTransfer('nope')).toBe(false)
    expect(seen).toEqual([])
  })
})
