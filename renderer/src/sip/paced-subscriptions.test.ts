import { describe, expect, it } from 'vitest'
import type { EngineExtension } from './extension'
import { PacedSubscriptions } from './paced-subscriptions'
import type { AttachHooks, LostReason } from './paced-subscriptions'
import { sipKit } from './sip-kit'
import { sipResponse } from './testing/fake-sip-server'
import type { FakeSocket, SipRequest } from './testing/fake-sip-server'
import { advance, notifyFor, targetOf, useSubscriptionServer } from './testing/subscription-server'

// The shared pacing of presence and busy lamps, on real SIP.js over the scripted server: every
// SUBSCRIBE is kept for the test to answer (200 and a first NOTIFY, or a refusal) or leave hanging.

const rig = useSubscriptionServer('hold')
const EVENT = { event: 'presence', contentType: 'application/pidf+xml' }

interface Held {
  request: SipRequest
  socket: FakeSocket
}

/** SUBSCRIBEs that start a subscription (not the Expires: 0 that ends one). */
const opening = (): SipRequest[] => rig.subscribes().filter((r) => r.header('expires') !== '0')
const people = (n: number): string[] => Array.from({ length: n }, (_, i) => `sip:p${i}@example.com`)

/** 200 and the first NOTIFY: the subscription is up, its slot free. */
function answer({ request, socket }: Held, body = 'open'): void {
  socket.push(sipResponse(request, 200, 'OK', ['Expires: 600', 'Contact: <sip:192.0.2.1>']))
  socket.push(notifyFor(request, 1, body, EVENT))
}

const refuse = ({ request, socket }: Held): void => socket.reply(request, 404, 'Not Found')

/** Takes the opening SUBSCRIBEs the server holds, oldest first. */
function takeOpening(): Held[] {
  const taken = rig.waiting.filter(({ request }) => request.header('expires') !== '0')
  rig.waiting.length = 0
  return taken
}

function paced(
  options: { maxInFlight?: number; cap?: number; random?: () => number; also?: AttachHooks } = {},
) {
  const lost: Array<{ aor: string; reason: LostReason }> = []
  const notified: Array<{ aor: string; body: string }> = []
  const started: string[] = []
  const subs = new PacedSubscriptions({
    sip: sipKit,
    event: EVENT.event,
    accept: EVENT.contentType,
    cap: options.cap ?? 100,
    maxInFlight: options.maxInFlight ?? 32,
    random: options.random ?? (() => 1),
    log: () => {},
    create: (aor) => ({ aor }),
    hooks: {
      started: (aor) => started.push(aor),
      notify: (aor, data, request) => {
        expect(data.aor).toBe(aor)
        notified.push({ aor, body: request.body })
      },
      lost: (aor, _data, reason) => lost.push({ aor, reason }),
    },
  })
  const extension: EngineExtension = {
    name: 'paced',
    attach: ({ userAgent, engine }) => subs.attach(userAgent, engine, options.also),
  }
  return { subs, extension, lost, notified, started }
}

describe('PacedSubscriptions: pacing', () => {
  it('never has more than maxInFlight SUBSCRIBEs unanswered, and sends in the order given', async () => {
    const { subs, extension, notified } = paced({ maxInFlight: 3 })
    const aors = people(10)
    subs.setWatched(aors)
    await rig.start([extension])

    const sent: string[] = []
    const pending: Held[] = []
    for (let turn = 0; turn < 10 && sent.length < aors.length; turn++) {
      const fresh = takeOpening()
      sent.push(...fresh.map(({ request }) => targetOf(request)!))
      pending.push(...fresh)
      // Sent and not answered: never more than three; as many as the queue can fill.
      expect(pending.length).toBe(Math.min(3, aors.length - sent.length + pending.length))
      // One answered with its NOTIFY, another refused: each frees one slot.
      answer(pending.shift()!)
      const next = pending.shift()
      if (next) refuse(next)
      await advance(20)
    }
    expect(sent).toEqual(aors)
    expect(notified.length).toBeGreaterThan(0)
  })

  it('watches at most `cap` addresses, the first ones given, and follows the list', async () => {
    const { subs, extension } = paced({ cap: 3 })
    subs.setWatched(people(5))
    expect(subs.watched).toEqual(people(3))
    await rig.start([extension])
    expect(opening().map(targetOf)).toEqual(people(3))

    subs.setWatched(['sip:p1@example.com', 'sip:new@example.com'])
    await advance(20)
    expect(subs.watched).toEqual(['sip:p1@example.com', 'sip:new@example.com'])
    expect(opening().map(targetOf)).toEqual([...people(3), 'sip:new@example.com'])
  })
})

describe('PacedSubscriptions: registration and retries', () => {
  it('subscribes every address afresh when the registration is regained', async () => {
    const { subs, extension, started } = paced()
    subs.setWatched(people(3))
    await rig.start([extension])
    for (const held of takeOpening()) answer(held)
    await advance(20)
    const firstCallIds = opening().map((r) => r.header('call-id'))
    expect(firstCallIds).toHaveLength(3)

    // The server goes away; the engine reconnects and registers again.
    rig.server.sockets.at(-1)!.drop()
    await advance(5_000)
    expect(rig.server.sockets.length).toBeGreaterThan(1)

    const again = opening().slice(3)
    expect(again.map(targetOf)).toEqual(people(3))
    // New subscriptions (new dialogs), each started afresh.
    for (const request of again) expect(firstCallIds).not.toContain(request.header('call-id'))
    expect(started).toEqual([...people(3), ...people(3)])
  })

  it('retries a terminated subscription with growing delays (backoff), then resets on success', async () => {
    const { subs, extension, lost } = paced({ random: () => 1 })
    subs.setWatched(['sip:p0@example.com'])
    await rig.start([extension])
    const [first] = takeOpening()
    answer(first!)
    await advance(20)

    // The server ends the subscription.
    first!.socket.push(
      notifyFor(first!.request, 2, '', { ...EVENT, state: 'terminated;reason=noresource' }),
    )
    await advance(20)
    expect(lost).toContainEqual({ aor: 'sip:p0@example.com', reason: 'ended' })
    expect(opening()).toHaveLength(1)

    // First retry after backoffDelay(1) = 1 s (random 1), not before.
    await advance(900)
    expect(opening()).toHaveLength(1)
    await advance(200)
    expect(opening()).toHaveLength(2)

    // Refused: the second retry waits backoffDelay(2) = 2 s.
    refuse(takeOpening()[0]!)
    await advance(20)
    await advance(1_800)
    expect(opening()).toHaveLength(2)
    await advance(300)
    expect(opening()).toHaveLength(3)

    // Answered with a NOTIFY: the count starts over, the next end is retried after 1 s again.
    const [third] = takeOpening()
    answer(third!)
    await advance(20)
    third!.socket.push(
      notifyFor(third!.request, 2, '', { ...EVENT, state: 'terminated;reason=noresource' }),
    )
    await advance(20)
    await advance(900)
    expect(opening()).toHaveLength(3)
    await advance(200)
    expect(opening()).toHaveLength(4)
  })
})

describe('PacedSubscriptions: stopping', () => {
  it('never sends the SUBSCRIBEs of addresses dropped while queued, nor after sign-out', async () => {
    const { subs, extension } = paced({ maxInFlight: 2 })
    subs.setWatched(people(5))
    const engine = await rig.start([extension])
    expect(opening().map(targetOf)).toEqual(people(2))

    // p2 and p3 are dropped while they wait for a slot.
    subs.setWatched(['sip:p0@example.com', 'sip:p1@example.com', 'sip:p4@example.com'])
    for (const held of takeOpening()) answer(held)
    await advance(20)
    expect(opening().map(targetOf)).toEqual([...people(2), 'sip:p4@example.com'])

    // p5.. queue behind the one in flight; sign-out empties the queue.
    subs.setWatched([...subs.watched, 'sip:p5@example.com', 'sip:p6@example.com'])
    await advance(20)
    const before = opening().length
    const stopping = engine.stop()
    await advance(10_000)
    await stopping
    expect(opening()).toHaveLength(before)
    expect(opening().map(targetOf)).not.toContain('sip:p6@example.com')
  })

  it('ends every subscription at detach, within the timeout when the server never answers', async () => {
    let detachedAt: number | undefined
    const { subs, extension, lost } = paced({
      // A publication that never finishes closing is bounded by the same timeout.
      also: { closing: () => new Promise(() => {}), detached: () => (detachedAt = Date.now()) },
    })
    subs.setWatched(people(3))
    const engine = await rig.start([extension])
    for (const held of takeOpening()) answer(held)
    await advance(20)

    const started = Date.now()
    const stopping = engine.stop()
    await advance(1_400)
    expect(detachedAt).toBeUndefined()
    await advance(200)
    expect(detachedAt).toBeDefined()
    expect(detachedAt! - started).toBeLessThanOrEqual(1_500)
    // Every subscription was ended (Expires: 0), and reported lost.
    const ending = rig.subscribes().filter((r) => r.header('expires') === '0')
    const ids = (requests: SipRequest[]) => requests.map((r) => r.header('call-id')).sort()
    expect(ids(ending)).toEqual(ids(opening()))
    expect(lost.filter((l) => l.reason === 'stopped').map((l) => l.aor)).toEqual(people(3))
    await advance(10_000)
    await stopping
  })
})
