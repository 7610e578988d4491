import { describe, expect, it, vi } from 'vitest'
import { MAX_WATCHES, PresenceManager } from './presence'
import { advance, targetOf, useSubscriptionServer } from './testing/subscription-server'

const rig = useSubscriptionServer('hold')

describe('PresenceManager: pacing', () => {
  it('keeps at most maxInFlight SUBSCRIBEs unanswered and sends the rest as answers come', async () => {
    const manager = new PresenceManager({ maxInFlight: 4, log: () => {} })
    const people = Array.from({ length: 10 }, (_, i) => `sip:p${i}@example.com`)
    manager.setWatched(people)
    await rig.start([manager.extension])

    expect(rig.subscribes()).toHaveLength(4)
    // In the order given.
    expect(rig.subscribes().map(targetOf)).toEqual(people.slice(0, 4))

    // Two answered (here: refused, which ends them): two more go out, no more.
    for (const { request, socket } of rig.waiting.splice(0, 2))
      socket.reply(request, 404, 'Not Found')
    await advance(20)
    expect(rig.subscribes()).toHaveLength(6)
    expect(rig.subscribes().map(targetOf)).toEqual(people.slice(0, 6))
  })
})

// Issue 10 row 14: 5000 imported contacts meant 5000 SUBSCRIBEs at once.
describe('PresenceManager.setWatched', () => {
  it('watches at most MAX_WATCHES addresses, the first ones given', () => {
    const manager = new PresenceManager({ log: () => {} })
    const aors = Array.from({ length: 5000 }, (_, i) => `sip:user${i}@example.com`)
    manager.setWatched(aors)
    expect(manager.watched).toHaveLength(MAX_WATCHES)
    expect(manager.watched[0]).toBe('sip:user0@example.com')
    expect(MAX_WATCHES).toBeLessThanOrEqual(500)
  })

  it('follows changes of the list', () => {
    const manager = new PresenceManager({ log: () => {} })
    manager.setWatched(['sip:a@x', 'sip:b@x'])
    manager.setWatched(['sip:b@x', 'sip:c@x'])
    expect(manager.watched.sort()).toEqual(['sip:b@x', 'sip:c@x'])
  })
})

describe('PresenceManager: our own status', () => {
  const publishes = () => rig.server.requests.filter((r) => r.method === 'PUBLISH')

  it('publishes nothing until told the status: start-up registers before the app has read it', async () => {
    const manager = new PresenceManager({ log: () => {} })
    await rig.start([manager.extension])
    await advance(50)
    expect(publishes()).toEqual([])

    // The app attaches with the user's saved Do not disturb: that is the first thing published.
    manager.setOwn('dnd', 'Back at 3')
    // Not within the call: the app is building its UI when it gives the status.
    expect(publishes()).toEqual([])
    // Then in a task of its own; the PIDF writer is a dynamic import (real I/O, not a timer).
    await advance(0)
    await vi.dynamicImportSettled()
    await advance(50)
    expect(publishes()).toHaveLength(1)
    expect(publishes()[0]!.raw).toContain('Back at 3')
  })
})
