import { describe, expect, it } from 'vitest'
import type { DeliveryOutcome, SendRequest } from '@/sip/messaging'
import type { DeliveryState, StoredMessage } from '@/db/chat-schema'
import { OutboxPump } from './outbox-pump'

function message(id: number): StoredMessage {
  return {
    id,
    key: `out:${id}`,
    peer: 'sip:bob@x',
    accountId: 'a1',
    direction: 'out',
    contentType: 'text/plain',
    body: `m${id}`,
    at: id,
    state: 'sending',
    callId: `c${id}`,
    words: [],
  }
}

function setup(ids: number[]) {
  let outbox = ids.map(message)
  const sent: string[] = []
  const answers: ((o: DeliveryOutcome) => void)[] = []
  const outcomes: [number, DeliveryState, string | undefined][] = []
  const sender = {
    registered: false,
    registration: 0,
    send(request: SendRequest) {
      sent.push(`${request.body}@${sender.registration}`)
      return new Promise<DeliveryOutcome>((resolve) => answers.push(resolve))
    },
  }
  const store = {
    outbox: async () => outbox,
    async complete(id: number) {
      const before = outbox.length
      outbox = outbox.filter((m) => m.id !== id)
      return outbox.length < before
    },
  }
  const pump = new OutboxPump(sender, store, (id, state, reason) =>
    outcomes.push([id, state, reason]),
  )
  return {
    pump,
    sender,
    store,
    sent,
    answers,
    outcomes,
    remaining: () => outbox.map((m) => m.id!),
    /** The user's retry: the message is back in the outbox. */
    retry: (id: number) => (outbox = [...outbox, message(id)]),
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('OutboxPump', () => {
  it('waits for a registration, then sends in order', async () => {
    const t = setup([1, 2, 3])
    t.pump.kick()
    await tick()
    expect(t.sent).toEqual([])
    t.sender.registered = true
    t.sender.registration = 1
    t.pump.kick()
    await tick()
    expect(t.sent).toEqual(['m1@1', 'm2@1', 'm3@1'])
    t.answers[0]!({ kind: 'delivered' })
    t.answers[1]!({ kind: 'sent' })
    t.answers[2]!({ kind: 'failed', statusCode: 404, reason: 'Not Found (404)' })
    await tick()
    expect(t.outcomes).toEqual([
      [1, 'delivered', undefined],
      [2, 'sent', undefined],
      [3, 'failed', 'Not Found (404)'],
    ])
    expect(t.remaining()).toEqual([])
  })

  it('sends everything unanswered again, in order, after a new registration; first outcome wins', async () => {
    const t = setup([1, 2])
    t.sender.registered = true
    t.sender.registration = 1
    t.pump.kick()
    await tick()
    t.sender.registration = 2
    t.pump.kick()
    await tick()
    expect(t.sent).toEqual(['m1@1', 'm2@1', 'm1@2', 'm2@2'])
    t.answers[2]!({ kind: 'delivered' })
    t.answers[0]!({ kind: 'retry' })
    await tick()
    t.answers[1]!({ kind: 'delivered' })
    t.answers[3]!({ kind: 'delivered' })
    await tick()
    expect(t.outcomes.map(([id]) => id)).toEqual([1, 2])
    expect(t.remaining()).toEqual([])
  })

  it('keeps no more than the window unanswered', async () => {
    const t = setup(Array.from({ length: 70 }, (_, i) => i + 1))
    t.sender.registered = true
    t.sender.registration = 1
    t.pump.kick()
    await tick()
    expect(t.sent.length).toBe(64)
    t.answers[0]!({ kind: 'delivered' })
    await tick()
    await tick()
    expect(t.sent.length).toBe(65)
  })

  it('never sends a message again that an outbox read begun before its outcome still lists', async () => {
    const t = setup([1])
    t.sender.registered = true
    t.sender.registration = 1
    t.pump.kick()
    await tick()
    expect(t.sent).toEqual(['m1@1'])
    // A new message: the pump reads the outbox again, and that read is slow (a loaded machine).
    const listed = t.remaining()
    let finishRead: () => void = () => {}
    const slow = new Promise<void>((resolve) => (finishRead = resolve))
    const read = t.store.outbox
    t.store.outbox = async () => {
      const snapshot = [...listed, 2].map(message)
      await slow
      return snapshot
    }
    t.pump.kick()
    await tick()
    // Meanwhile message 1 is answered and its outcome stored.
    t.answers[0]!({ kind: 'delivered' })
    await tick()
    expect(t.outcomes).toEqual([[1, 'delivered', undefined]])
    finishRead()
    await tick()
    t.store.outbox = read
    expect(t.sent).toEqual(['m1@1', 'm2@1'])
  })

  it('sends a failed message again once the user retries it', async () => {
    const t = setup([1])
    t.sender.registered = true
    t.sender.registration = 1
    t.pump.kick()
    await tick()
    t.answers[0]!({ kind: 'failed', statusCode: 404, reason: 'Not Found (404)' })
    await tick()
    expect(t.outcomes).toEqual([[1, 'failed', 'Not Found (404)']])
    t.retry(1)
    t.pump.kick()
    await tick()
    expect(t.sent).toEqual(['m1@1', 'm1@1'])
  })
})
