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
  return { pump, sender, sent, answers, outcomes, remaining: () => outbox.map((m) => m.id) }
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
})
