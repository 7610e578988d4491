import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { CallSnapshot } from '@/sip/call-types'
import { SwitchboardDatabase } from './database'
import { CallHistory } from './call-history'
import { outcomeOf, toStoredCall } from './call-schema'
import { callSnapshot } from '@/sip/testing/call-snapshot'

const snapshot = (patch: Partial<CallSnapshot> = {}): CallSnapshot =>
  callSnapshot({
    ...{ phase: 'ended', startedAt: 1000, endedAt: 5000, end: { reason: 'hangup' } },
    ...patch,
  })

describe('outcomeOf', () => {
  it.each([
    [{ connectedAt: 2000 }, 'answered'],
    [{ end: { reason: 'declined' as const } }, 'declined'],
    [{ end: { reason: 'busy' as const } }, 'busy'],
    [{ end: { reason: 'hangup' as const } }, 'cancelled'],
    [{ end: { reason: 'missed' as const }, direction: 'incoming' as const }, 'missed'],
    [{ end: { reason: 'not-found' as const, statusCode: 404 } }, 'failed'],
  ])('%j → %s', (patch, outcome) => {
    expect(outcomeOf(snapshot(patch))).toBe(outcome)
  })
})

describe('CallHistory', () => {
  let db: SwitchboardDatabase | undefined
  afterEach(async () => {
    await db?.delete()
  })

  it('stores each call once, lists newest first, survives reopening, marks missed seen', async () => {
    db = new SwitchboardDatabase('history-test')
    const history = new CallHistory(db)
    await history.add(toStoredCall(snapshot({ id: 'a', startedAt: 1 }), 'a1'))
    await history.add(toStoredCall(snapshot({ id: 'a', startedAt: 1 }), 'a1'))
    await history.add(
      toStoredCall(
        snapshot({ id: 'b', startedAt: 2, direction: 'incoming', end: { reason: 'missed' } }),
        'a1',
      ),
    )
    db.close()
    db = new SwitchboardDatabase('history-test')
    const reopened = new CallHistory(db)
    const list = await reopened.list()
    expect(list.map((c) => [c.callId, c.outcome, c.seen])).toEqual([
      ['b', 'missed', false],
      ['a', 'cancelled', true],
    ])
    await reopened.markSeen()
    expect((await reopened.list()).every((c) => c.seen)).toBe(true)
  })
})
