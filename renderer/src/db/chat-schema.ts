// Chat records as stored in IndexedDB (schema versions 1 and 4). Plain data only.

/** 'read': the peer said it displayed ours (IMDN, RFC 5438); it comes after 'delivered'. */
export type DeliveryState = 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'received'

/** How far an outgoing message got: a later answer never moves it back. */
export function deliveryRank(state: DeliveryState): number {
  return { sending: 0, failed: 0, received: 0, sent: 1, delivered: 2, read: 3 }[state]
}

export interface StoredMessage {
  id?: number
  /** Unique: `out:<Call-ID>` for ours, `in:<Call-ID>:<CSeq>` for theirs (drops duplicates). */
  key: string
  /** Incoming with a Date header only: sender, time and content, for a server's second copy. */
  dateKey?: string
  peer: string
  /** The account it came to or went out from (schema version 6). */
  accountId: string
  direction: 'in' | 'out'
  contentType: string
  body: string
  /** Milliseconds since the epoch: written (ours) or the sender's time when the server gave it. */
  at: number
  state: DeliveryState
  /** Why it failed, as the server (or the network) said. */
  reason?: string
  /** Ours only: the Call-ID every attempt reuses. */
  callId?: string
  /** Lower-case words of the body, for search. */
  words: string[]
}

export interface StoredConversation {
  peer: string
  /** The account of its latest message: replies go out from it (schema version 6). */
  accountId: string
  displayName: string
  lastText: string
  lastAt: number
  unread: number
}

export interface OutboxEntry {
  seq?: number
  messageId: number
}

/** Dexie store definitions of version 1. Never edit once released: add a version instead. */
export const chatSchemaV1 = {
  conversations: '&peer, lastAt',
  messages: '++id, &key, dateKey, [peer+id], *words',
  outbox: '++seq, &messageId',
}

/**
 * Version 4: a thread is shown in time order (`at`, the sender's time where the server gave it),
 * not in arrival order, so a server's store that delivers out of order still reads in order.
 * The index ends with the primary key: a stable tiebreak and an exact paging cursor.
 */
export const chatSchemaV4 = {
  messages: '++id, &key, dateKey, [peer+at+id], *words',
}

/** Where a message sits in its thread: by time, then by arrival (the primary key). */
export interface ThreadPosition {
  at: number
  id: number
}

const MAX_WORDS = 200

/** Words for the search index: lower-case letters and digits in any script, each kept once. */
export function wordsOf(text: string): string[] {
  const words = new Set<string>()
  for (const word of text.toLocaleLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word) words.add(word.slice(0, 40))
    if (words.size >= MAX_WORDS) break
  }
  return [...words]
}
