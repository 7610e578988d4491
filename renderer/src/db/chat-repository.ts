// Chat persistence: every message, in or out, is written here before it is shown or sent.
// Writes go through one WriteQueue (grouped transactions); reads are direct.

import type {
  DeliveryState,
  StoredConversation,
  StoredMessage,
  ThreadPosition,
} from './chat-schema'
import { deliveryRank, wordsOf } from './chat-schema'
import type { PendingDisplayReceipt } from './receipt-schema'
import type { SwitchboardDatabase } from './database'
import { WriteQueue } from './write-queue'
import type { BulkWriter } from './write-queue'

export interface NewOutgoing {
  peer: string
  accountId: string
  body: string
  contentType: string
  at: number
  callId: string
}

export interface NewIncoming {
  key: string
  dateKey?: string
  peer: string
  accountId: string
  displayName: string
  contentType: string
  body: string
  at: number
  /** What the sender asked to be told (RFC 5438); a display request waits for the thread to be seen. */
  imdn?: { messageId: string; dateTime: string; display: boolean }
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
  /** What waits to be sent, oldest first; only `accountId`'s when given. */
  outbox(accountId?: string): Promise<StoredMessage[]>
  conversations(): Promise<StoredConversation[]>
  /** The conversation with `peer`, created for `accountId` when there is none yet. */
  ensureConversation(
    peer: string,
    displayName?: string,
    accountId?: string,
  ): Promise<StoredConversation>
  markRead(peer: string): Promise<void>
  /**
   * A notification from `peer` about our message `messageId` (its Call-ID): the message moves on
   * to 'delivered' or 'read', never back. Null when no message of ours to that peer has the id,
   * or nothing changed.
   */
  applyReceipt(
    peer: string,
    messageId: string,
    state: 'delivered' | 'read',
  ): Promise<StoredMessage | null>
  /** The display notifications `peer` asked for and has not had yet, taken (removed). */
  takeDisplayRequests(peer: string): Promise<PendingDisplayReceipt[]>
  /** Up to `limit` messages of a thread before `before` (time order), oldest first. */
  page(peer: string, before: ThreadPosition | undefined, limit: number): Promise<StoredMessage[]>
  /** Every message of a thread from `from` (included) on, oldest first. */
  since(peer: string, from: ThreadPosition): Promise<StoredMessage[]>
  search(query: string, limit?: number): Promise<StoredMessage[]>
}

function preview(message: { contentType: string; body: string }): string {
  return message.contentType === 'text/plain'
    ? message.body.slice(0, 200)
    : `(${message.contentType})`
}

export function createChatRepository(db: SwitchboardDatabase): ChatRepository {
  const writes = new WriteQueue((work) =>
    db.transaction('rw', [db.messages, db.conversations, db.outbox, db.displayReceipts], work),
  )

  /** A writer for rare operations: one input at a time, still inside the shared transaction. */
  function each<I, O>(write: (input: I) => Promise<O>): BulkWriter<I, O> {
    return async (inputs) => {
      const results: O[] = []
      for (const input of inputs) results.push(await write(input))
      return results
    }
  }

  /** Last text, time and unread count of every conversation the messages belong to. */
  async function touchConversations(
    entries: { message: StoredMessage; displayName: string; unread: boolean }[],
  ): Promise<void> {
    const peers = [...new Set(entries.map((e) => e.message.peer))]
    const existing = await db.conversations.bulkGet(peers)
    const byPeer = new Map<string, StoredConversation>()
    peers.forEach((peer, i) => {
      const found = existing[i]
      byPeer.set(
        peer,
        found
          ? { ...found }
          : { peer, accountId: '', displayName: '', lastText: '', lastAt: 0, unread: 0 },
      )
    })
    for (const { message, displayName, unread } of entries) {
      const c = byPeer.get(message.peer)!
      if (displayName) c.displayName = displayName
      // The thread follows the account it was last used with: replies go out from there.
      c.accountId = message.accountId
      c.lastText = preview(message)
      c.lastAt = Math.max(c.lastAt, message.at)
      if (unread) c.unread += 1
    }
    await db.conversations.bulkPut([...byPeer.values()])
  }

  const addOutgoing: BulkWriter<NewOutgoing, StoredMessage> = async (inputs) => {
    const messages: StoredMessage[] = inputs.map((input) => ({
      key: `out:${input.callId}`,
      peer: input.peer,
      accountId: input.accountId,
      direction: 'out',
      contentType: input.contentType,
      body: input.body,
      at: input.at,
      state: 'sending',
      callId: input.callId,
      words: wordsOf(input.body),
    }))
    // Auto-increment keys are always assigned; Dexie types them optional like the field.
    const ids = (await db.messages.bulkAdd(messages, { allKeys: true })) as number[]
    messages.forEach((m, i) => (m.id = ids[i]))
    await db.outbox.bulkAdd(ids.map((messageId) => ({ messageId })))
    await touchConversations(
      messages.map((message) => ({ message, displayName: '', unread: false })),
    )
    return messages
  }

  const addIncoming: BulkWriter<
    { input: NewIncoming; unread: boolean },
    StoredMessage | null
  > = async (items) => {
    const keys = new Set(
      (
        await db.messages
          .where('key')
          .anyOf(items.map((i) => i.input.key))
          .keys()
      ).map(String),
    )
    const dateKeys = items.flatMap((i) => (i.input.dateKey ? [i.input.dateKey] : []))
    const dates = new Set(
      dateKeys.length > 0
        ? (await db.messages.where('dateKey').anyOf(dateKeys).keys()).map(String)
        : [],
    )
    const results: (StoredMessage | null)[] = []
    const fresh: { message: StoredMessage; displayName: string; unread: boolean }[] = []
    for (const { input, unread } of items) {
      // Duplicates of stored messages, and of each other within this batch, are dropped.
      if (keys.has(input.key) || (input.dateKey && dates.has(input.dateKey))) {
        results.push(null)
        continue
      }
      keys.add(input.key)
      if (input.dateKey) dates.add(input.dateKey)
      const message: StoredMessage = {
        key: input.key,
        ...(input.dateKey ? { dateKey: input.dateKey } : {}),
        peer: input.peer,
        accountId: input.accountId,
        direction: 'in',
        contentType: input.contentType,
        body: input.body,
        at: input.at,
        state: 'received',
        words: input.contentType === 'text/plain' ? wordsOf(input.body) : [],
      }
      results.push(message)
      fresh.push({ message, displayName: input.displayName, unread })
    }
    if (fresh.length > 0) {
      const ids = (await db.messages.bulkAdd(
        fresh.map((f) => f.message),
        { allKeys: true },
      )) as number[]
      fresh.forEach((f, i) => (f.message.id = ids[i]))
      await touchConversations(fresh)
      const requests = items.flatMap(({ input }, i) =>
        results[i] && input.imdn?.display
          ? [{ peer: input.peer, messageId: input.imdn.messageId, dateTime: input.imdn.dateTime }]
          : [],
      )
      if (requests.length > 0) await db.displayReceipts.bulkAdd(requests)
    }
    return results
  }

  const complete: BulkWriter<
    { id: number; state: DeliveryState; reason?: string },
    boolean
  > = async (items) => {
    const entries = await db.outbox
      .where('messageId')
      .anyOf(items.map((i) => i.id))
      .toArray()
    const open = new Set(entries.map((e) => e.messageId))
    await db.outbox.bulkDelete(entries.map((e) => e.seq!))
    // A notification can come before the answer to the MESSAGE; it is not undone by it.
    const current = new Map(
      (await db.messages.bulkGet([...open])).flatMap((m) => (m ? [[m.id!, m.state]] : [])),
    )
    const updates: { key: number; changes: Partial<StoredMessage> }[] = []
    const results = items.map(({ id, state, reason }) => {
      // The first final outcome wins, also within one batch.
      if (!open.delete(id)) return false
      const was = current.get(id)
      if (was && deliveryRank(was) > deliveryRank(state)) return true
      updates.push({ key: id, changes: reason ? { state, reason } : { state } })
      return true
    })
    if (updates.length > 0) await db.messages.bulkUpdate(updates)
    return results
  }

  const retry = each(async (messageId: number) => {
    const message = await db.messages.get(messageId)
    if (!message || message.direction !== 'out') return undefined
    if (!(await db.outbox.where('messageId').equals(messageId).count())) {
      await db.outbox.add({ messageId })
    }
    await db.messages.update(messageId, { state: 'sending', reason: undefined })
    return { ...message, state: 'sending' as const, reason: undefined }
  })

  const ensureConversation = each(
    async ({
      peer,
      displayName,
      accountId,
    }: {
      peer: string
      displayName: string
      accountId: string
    }) => {
      const existing = await db.conversations.get(peer)
      if (existing) return existing
      const created: StoredConversation = {
        peer,
        accountId,
        displayName,
        lastText: '',
        lastAt: Date.now(),
        unread: 0,
      }
      await db.conversations.put(created)
      return created
    },
  )

  const markRead = each(async (peer: string) => {
    await db.conversations.update(peer, { unread: 0 })
  })

  const applyReceipt = each(
    async ({
      peer,
      messageId,
      state,
    }: {
      peer: string
      messageId: string
      state: 'delivered' | 'read'
    }) => {
      const message = await db.messages.where('key').equals(`out:${messageId}`).first()
      // Only the peer it went to speaks for it.
      if (!message || message.peer !== peer || message.direction !== 'out') return null
      if (deliveryRank(message.state) >= deliveryRank(state)) return null
      await db.messages.update(message.id!, { state, reason: undefined })
      return { ...message, state, reason: undefined }
    },
  )

  const takeDisplayRequests = each(async (peer: string) => {
    const pending = await db.displayReceipts.where('peer').equals(peer).toArray()
    if (pending.length > 0) await db.displayReceipts.bulkDelete(pending.map((p) => p.id!))
    return pending
  })

  return {
    addOutgoing: (input) => writes.run(addOutgoing, input),
    addIncoming: (input, unread) => writes.run(addIncoming, { input, unread }),
    complete: (id, state, reason) =>
      writes.run(complete, reason !== undefined ? { id, state, reason } : { id, state }),
    retry: (messageId) => writes.run(retry, messageId),
    ensureConversation: (peer, displayName = '', accountId = '') =>
      writes.run(ensureConversation, { peer, displayName, accountId }),
    markRead: (peer) => writes.run(markRead, peer),
    applyReceipt: (peer, messageId, state) => writes.run(applyReceipt, { peer, messageId, state }),
    takeDisplayRequests: (peer) => writes.run(takeDisplayRequests, peer),

    async outbox(accountId) {
      const entries = await db.outbox.orderBy('seq').toArray()
      const messages = await db.messages.bulkGet(entries.map((e) => e.messageId))
      return messages.filter(
        (m): m is StoredMessage =>
          m !== undefined && (accountId === undefined || m.accountId === accountId),
      )
    },

    async conversations() {
      return db.conversations.orderBy('lastAt').reverse().toArray()
    },

    async page(peer, before, limit) {
      // `at` and `id` are numbers, so ±Infinity bound them (one key may not hold the same
      // array twice, which rules out Dexie.maxKey there).
      const upper = before ? [peer, before.at, before.id] : [peer, Infinity, Infinity]
      const newestFirst = await db.messages
        .where('[peer+at+id]')
        .between([peer, -Infinity, -Infinity], upper, true, false)
        .reverse()
        .limit(limit)
        .toArray()
      return newestFirst.reverse()
    },

    async since(peer, from) {
      return db.messages
        .where('[peer+at+id]')
        .between([peer, from.at, from.id], [peer, Infinity, Infinity], true, true)
        .toArray()
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
