import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { MIGRATED_ACCOUNT_ID } from '@shared/account/defaults'
import { callSchemaV2 } from './call-schema'
import { chatSchemaV1, chatSchemaV4 } from './chat-schema'
import { contactSchemaV3 } from './contact-schema'
import { SwitchboardDatabase } from './database'

// A database as the single-account releases left it (schema version 4), written with the old
// schema itself, then opened by today's code: every row must survive, tagged with the account
// a version 1 settings file's account became.

async function oldDatabase(name: string): Promise<void> {
  const old = new Dexie(name)
  old.version(1).stores(chatSchemaV1)
  old.version(2).stores(callSchemaV2)
  old.version(3).stores(contactSchemaV3)
  old.version(4).stores(chatSchemaV4)
  await old.open()
  await old.table('conversations').bulkAdd([
    { peer: 'sip:bob@example.com', displayName: 'Bob', lastText: 'hi', lastAt: 2000, unread: 1 },
    { peer: 'sip:carol@example.com', displayName: '', lastText: 'yo', lastAt: 3000, unread: 0 },
  ])
  const ids = (await old.table('messages').bulkAdd(
    [
      { key: 'in:c1:1', peer: 'sip:bob@example.com', direction: 'in', contentType: 'text/plain', body: 'hi', at: 2000, state: 'received', words: ['hi'] },
      { key: 'out:c2', peer: 'sip:carol@example.com', direction: 'out', contentType: 'text/plain', body: 'yo', at: 3000, state: 'sending', callId: 'c2', words: ['yo'] },
    ],
    { allKeys: true },
  )) as number[]
  await old.table('outbox').add({ messageId: ids[1] })
  await old.table('calls').bulkAdd([
    { callId: 'call-1', direction: 'incoming', peer: 'sip:bob@example.com', peerName: 'Bob', video: false, startedAt: 1000, durationMs: 0, outcome: 'missed', reason: 'missed', seen: false },
    { callId: 'call-2', direction: 'outgoing', peer: 'sip:1001@example.com', peerName: '', video: true, startedAt: 1500, durationMs: 4000, outcome: 'answered', reason: 'hangup', seen: true },
  ])
  await old.table('contacts').bulkAdd([
    { name: 'Bob', aor: 'sip:bob@example.com', numbers: ['1001'], favourite: true, createdAt: 1 },
    { name: 'Carol', aor: 'sip:carol@example.com', numbers: [], favourite: false, createdAt: 2 },
  ])
  old.close()
}

describe('database version 6: several accounts', () => {
  it('keeps every row of a version 4 database and tags it with the migrated account', async () => {
    await oldDatabase('v4-to-v6')
    const db = new SwitchboardDatabase('v4-to-v6')
    await db.open()
    expect(db.verno).toBe(6)

    const conversations = await db.conversations.orderBy('lastAt').toArray()
    expect(conversations).toEqual([
      { peer: 'sip:bob@example.com', accountId: MIGRATED_ACCOUNT_ID, displayName: 'Bob', lastText: 'hi', lastAt: 2000, unread: 1 },
      { peer: 'sip:carol@example.com', accountId: MIGRATED_ACCOUNT_ID, displayName: '', lastText: 'yo', lastAt: 3000, unread: 0 },
    ])
    const messages = await db.messages.toArray()
    expect(messages.map((m) => [m.key, m.body, m.state, m.accountId])).toEqual([
      ['in:c1:1', 'hi', 'received', MIGRATED_ACCOUNT_ID],
      ['out:c2', 'yo', 'sending', MIGRATED_ACCOUNT_ID],
    ])
    // Indexes of older versions still answer.
    expect(await db.messages.where('words').equals('yo').count()).toBe(1)
    expect(await db.messages.where('[peer+at+id]').between(['sip:bob@example.com', 0, 0], ['sip:bob@example.com', Infinity, Infinity]).count()).toBe(1)
    expect(await db.outbox.count()).toBe(1)

    const calls = await db.calls.orderBy('startedAt').toArray()
    expect(calls.map((c) => [c.callId, c.outcome, c.seen, c.durationMs, c.accountId])).toEqual([
      ['call-1', 'missed', false, 0, MIGRATED_ACCOUNT_ID],
      ['call-2', 'answered', true, 4000, MIGRATED_ACCOUNT_ID],
    ])
    const contacts = await db.contacts.orderBy('name').toArray()
    expect(contacts.map((c) => [c.name, c.aor, c.numbers, c.favourite, c.accountId])).toEqual([
      ['Bob', 'sip:bob@example.com', ['1001'], true, MIGRATED_ACCOUNT_ID],
      ['Carol', 'sip:carol@example.com', [], false, MIGRATED_ACCOUNT_ID],
    ])
    // The new index finds them by account.
    for (const table of [db.messages, db.conversations, db.calls, db.contacts] as const) {
      expect(await (table as Dexie.Table).where('accountId').equals(MIGRATED_ACCOUNT_ID).count()).toBe(2)
    }
    db.close()
  })

  it('a new database starts at version 6 with nothing to migrate', async () => {
    const db = new SwitchboardDatabase('fresh-v6')
    await db.open()
    expect(db.verno).toBe(6)
    expect(await db.calls.count()).toBe(0)
    db.close()
  })
})
