// The order a thread is shown in: by time (`at`: ours when written, theirs as the server's
// Date gave it, else when it arrived), then by arrival (the stored id). Plain functions over
// plain arrays, used by the chat store.

import type { StoredMessage, ThreadPosition } from '@/db/chat-schema'

export function positionOf(message: StoredMessage): ThreadPosition {
  return { at: message.at, id: message.id ?? 0 }
}

/** Negative when `a` comes before `b` in a thread. */
export function compareMessages(a: StoredMessage, b: StoredMessage): number {
  return a.at - b.at || (a.id ?? 0) - (b.id ?? 0)
}

/**
 * Puts `message` where it belongs in the time-ordered `list` (in place) and returns its index.
 * Scans from the end: a new message almost always goes last, an old one from a store near it.
 */
export function insertInOrder(list: StoredMessage[], message: StoredMessage): number {
  let index = list.length
  while (index > 0 && compareMessages(list[index - 1]!, message) > 0) index--
  list.splice(index, 0, message)
  return index
}

/**
 * Both time-ordered lists as one, each message once. On the same id `newer` wins: it is what the
 * store holds in memory, which may already carry a delivery state the database read predates.
 */
export function mergeThreads(older: StoredMessage[], newer: StoredMessage[]): StoredMessage[] {
  const byId = new Map<number, StoredMessage>()
  for (const message of older) byId.set(message.id ?? 0, message)
  for (const message of newer) byId.set(message.id ?? 0, message)
  return [...byId.values()].sort(compareMessages)
}
