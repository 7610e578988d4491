import { describe, expect, it } from 'vitest'
import type { StoredMessage } from '@/db/chat-schema'
import { insertInOrder, mergeThreads } from './thread-order'

function m(id: number, at: number, state: StoredMessage['state'] = 'received'): StoredMessage {
  return {
    id,
    at,
    key: `k${id}`,
    peer: 'p',
    accountId: 'a1',
    direction: 'in',
    contentType: 'text/plain',
    body: `${id}`,
    state,
    words: [],
  }
}
const ids = (list: StoredMessage[]) => list.map((x) => x.id)

describe('thread order', () => {
  it('inserts by time, then by arrival', () => {
    const list = [m(1, 10), m(2, 20), m(3, 20)]
    expect(insertInOrder(list, m(4, 30))).toBe(3)
    expect(insertInOrder(list, m(5, 15))).toBe(1)
    expect(insertInOrder(list, m(6, 20))).toBe(4)
    expect(ids(list)).toEqual([1, 5, 2, 3, 6, 4])
  })
  it('merges two loads, each message once, the in-memory copy winning', () => {
    const fromDb = [m(1, 10), m(2, 20, 'sending')]
    const inMemory = [m(2, 20, 'delivered'), m(3, 5)]
    const merged = mergeThreads(fromDb, inMemory)
    expect(ids(merged)).toEqual([3, 1, 2])
    expect(merged[2]!.state).toBe('delivered')
  })
})
