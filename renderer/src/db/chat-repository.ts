// Chat persistence: every message, in or out, is written here before it is shown or sent.
// Writes go through one WriteQueue (grouped transactions); reads are direct.

import Dexie from 'dexie'
import type { DeliveryState, StoredConversation, StoredMessage } from './chat-schema'
import { wordsOf } from './chat-schema'
import type { SwitchboardDatabase } from './database'
import { WriteQueue } from './write-queue'

export interface NewOutgoing {
  peer: string
  body: string
  contentType: string
  at: number
  callId: string
}

export interface NewIncoming {
  key: string
  dateKey?: string
  peer: string
  displayName: string
  contentType: string
  body: string
  at: number
}

export interface SearchHit {
  message: StoredMessage
  conversation: string
}

export interface ChatRepository {
  addOutgoing(message: NewOutgoing): Promise<StoredMessage>
  /** Null when it is a duplicate of one already stored. */
  addIncoming(message: NewIncoming, unread: boolean): Promise<StoredMessage | null>
  /** Records the outcome of an outbox entry; false (and no change) when it already had one. */
  complete(messageId: number, state: DeliveryState, reason?: string): Promise<boolean>
  /** Puts a failed message back in the outbox. */
  retry(messageId: number): Promise<StoredMessage | undefined>
  outbox(): Promise<StoredMessage[]>
  conversations(): Promise<StoredConversation[]>
  ensureConversation(peer: string, displayName?: string): Promise<StoredConversation>
  markRead(peer: string): Promise<void>
  /** Up to `limit` messages of a thread older than `beforeId`, oldest first. */
  page(peer: string, beforeId: number | undefined, limit: number): Promise<StoredMessage[]>
  search(query: string, limit?: number): Promise<StoredMessage[]>
}

function preview(message: { contentType: string; body: string }): string {
  return message.contentType === 'text/plain'
    ? message.body.slice(0, 200)
    : `(${message.contentType})`
}

export function createChatRepository(db: SwitchboardDatabase): ChatRepository {
  const writes = new WriteQueue((work) =>
    db.transaction('rw', [db.messages, db.conversations, db.outbox], work),
  )

  async function touchConversation(
    message: StoredMessage,
    displayName: string,
    unread: boolean,
  ): Promise<void> {
    const existing = await db.conversations.get(message.peer)
    await db.conversations.put({
      peer: message.peer,
      displayName: displayName || existing?.displayName || '',
      lastText: preview(message),
      lastAt: Math.max(message.at, existing?.lastAt ?? 0),
      unread: (existing?.unread ?? 0) + (unread ? 1 : 0),
    })
  }

  return {
    addOutgoing(input) {
      return writes.run(async () => {
        const message: StoredMessage = {
          key: `out:${input.callId}`,
          peer: input.peer,
          direction: 'out',
          contentType: input.contentType,
          body: input.body,
          at: input.at,
          state: 'sending',
          callId: input.callId,
          words: wordsOf(input.body),
        }
        // An auto-increment key is always assigned; Dexie types it optional like the field.
        const id = (await db.messages.add(message)) as number
        message.id = id
        await db.outbox.add({ messageId: id })
        await touchConversation(message, '', false)
        return message
      })
    },

    addIncoming(input, unread) {
      return writes.run(async () => {
        if (await db.messages.where('key').equals(input.key).count()) return null
        if (input.dateKey && (await db.messages.where('dateKey').equals(input.dateKey).count())) {
          return null
        }
        const message: StoredMessage = {
          key: input.key,
          ...(input.dateKey ? { dateKey: input.dateKey } : {}),
          peer: input.peer,
          direction: 'in',
          contentType: input.contentType,
          body: input.body,
          at: input.at,
          state: 'received',
          words: input.contentType === 'text/plain' ? wordsOf(input.body) : [],
        }
        message.id = await db.messages.add(message)
        await touchConversation(message, input.displayName, unread)
        return message
      })
    },

    complete(messageId, state, reason) {
      return writes.run(async () => {
        const deleted = await db.outbox.where('messageId').equals(messageId).delete()
        if (deleted === 0) return false
        await db.messages.update(messageId, reason ? { state, reason } : { state })
        return true
      })
    },

    retry(messageId) {
      return writes.run(async () => {
        const message = await db.messages.get(messageId)
        if (!message || message.direction !== 'out') return undefined
        if (!(await db.outbox.where('messageId').equals(messageId).count())) {
          await db.outbox.add({ messageId })
        }
        await db.messages.update(messageId, { state: 'sending', reason: undefined })
        return { ...message, state: 'sending' as const, reason: undefined }
      })
    },

    async outbox() {
      const entries = await db.outbox.orderBy('seq').toArray()
      const messages = await db.messages.bulkGet(entries.map((e) => e.messageId))
      return messages.filter((m): m is StoredMessage => m !== undefined)
    },

    async conversations() {
      return db.conversations.orderBy('lastAt').reverse().toArray()
    },

    ensureConversation(peer, displayName = '') {
      return writes.run(async () => {
        const existing = await db.conversations.get(peer)
        if (existing) return existing
        const created: StoredConversation = {
          peer,
          displayName,
          lastText: '',
          lastAt: Date.now(),
          unread: 0,
        }
        await db.conversations.put(created)
        return created
      })
    },

    markRead(peer) {
      return writes.run(async () => {
        await db.conversations.update(peer, { unread: 0 })
      })
    },

    async page(peer, beforeId, limit) {
      const upper = beforeId === undefined ? Dexie.maxKey : beforeId
      const newestFirst = await db.messages
        .where('[peer+id]')
        .between([peer, Dexie.minKey], [peer, upper], true, false)
        .reverse()
        .limit(limit)
        .toArray()
      return newestFirst.reverse()
    },

    async search(query, limit = 100) {
      const terms = wordsOf(query)
      if (terms.length === 0) return []
      // The index narrows by the longest term's prefix; the rest are checked on the few hits.
      const anchor = terms.reduce((a, b) => (b.length > a.length ? b : a))
      const hits = await db.messages
        .where('words')
        .startsWith(anchor)
        .distinct()
        .filter((m) => terms.every((t) => m.words.some((w) => w.startsWith(t))))
        .limit(limit)
        .toArray()
      return hits.sort((a, b) => (b.id ?? 0) - (a.id ?? 0))
    },
  }
}
