// Issue 10 row 14: 5000 imported contacts meant 5000 SUBSCRIBEs at once.
import { describe, expect, it } from 'vitest'
import { MAX_WATCHES, PresenceManager } from './presence'

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
