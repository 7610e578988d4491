import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createChatRepository } from './chat-repository'
import { SwitchboardDatabase } from './database'

let n = 0
let db: SwitchboardDatabase

function fresh() {
  db = new SwitchboardDatabase(`test-${++n}`)
  return createChatRepository(db)
}

afterEach(async () => {
  await db.delete()
})

const bob = 'sip:bob@example.com'

describe('chat repository', () => {
  it('stores outgoing messages in the outbox in order and completes each once', async () => {
    const repo = fresh()
    const sent = await Promise.all(
      ['one', 'two', 'three'].map((body, i) =>
        repo.addOutgoing({ peer: bob, accountId: 'a1', body, contentType: 'text/plain', at: i, callId: `c${i}` }),
      ),
    )
    expect((await repo.outbox()).map((m) => m.body)).toEqual(['one', 'two', 'three'])
    expect(await repo.complete(sent[0]!.id!, 'delivered')).toBe(true)
    expect(await repo.complete(sent[0]!.id!, 'failed', 'late')).toBe(false)
    expect((await repo.outbox()).map((m) => m.body)).toEqual(['two', 'three'])
    expect((await db.messages.get(sent[0]!.id!))?.state).toBe('delivered')
  })

  it('drops duplicates by Call-ID/CSeq and by sender + Date + content', async () => {
    const repo = fresh()
    const base = { peer: bob, accountId: 'a1', displayName: 'Bob', contentType: 'text/plain', body: 'hi', at: 5 }
    expect(await repo.addIncoming({ ...base, key: 'in:a:1' }, true)).not.toBeNull()
    expect(await repo.addIncoming({ ...base, key: 'in:a:1' }, true)).toBeNull()
    expect(await repo.addIncoming({ ...base, key: 'in:b:1', dateKey: 'd' }, true)).not.toBeNull()
    expect(await repo.addIncoming({ ...base, key: 'in:c:1', dateKey: 'd' }, true)).toBeNull()
    const [conversation] = await repo.conversations()
    expect(conversation).toMatchObject({ peer: bob, displayName: 'Bob', unread: 2, lastText: 'hi' })
    await repo.markRead(bob)
    expect((await repo.conversations())[0]?.unread).toBe(0)
  })

  it('pages a thread back from the newest', async () => {
    const repo = fresh()
    for (let i = 0; i < 25; i++) {
      await repo.addIncoming(
        {
          key: `in:${i}:1`,
          peer: bob,
          accountId: 'a1',
          displayName: '',
          contentType: 'text/plain',
          body: `m${i}`,
          at: i,
        },
        false,
      )
    }
    await repo.addIncoming(
      {
        key: 'x',
        peer: 'sip:carol@example.com',
        accountId: 'a1',
        displayName: '',
        contentType: 'text/plain',
        body: 'other',
        at: 1,
      },
      false,
    )
    const newest = await repo.page(bob, undefined, 10)
    expect(newest.map((m) => m.body)).toEqual([
      'm15',
      'm16',
      'm17',
      'm18',
      'm19',
      'm20',
      'm21',
      'm22',
      'm23',
      'm24',
    ])
    const older = await repo.page(bob, { at: newest[0]!.at, id: newest[0]!.id! }, 10)
    expect(older[0]?.body).toBe('m5')
    expect((await repo.page(bob, { at: older[0]!.at, id: older[0]!.id! }, 10)).length).toBe(5)
    const rest = await repo.since(bob, { at: newest[5]!.at, id: newest[5]!.id! })
    expect(rest.map((m) => m.body)).toEqual(['m20', 'm21', 'm22', 'm23', 'm24'])
  })

  it('searches words by prefix, in any script', async () => {
    const repo = fresh()
    const add = (body: string, i: number) =>
      repo.addIncoming(
        { key: `k${i}`, peer: bob, accountId: 'a1', displayName: '', contentType: 'text/plain', body, at: i },
        false,
      )
    await add('Lunch at noon?', 1)
    await add('שלום עולם', 2)
    await add('launch the rocket', 3)
    expect((await repo.search('lun')).map((m) => m.body)).toEqual(['Lunch at noon?'])
    expect((await repo.search('עולם')).map((m) => m.body)).toEqual(['שלום עולם'])
    expect((await repo.search('the LAUNCH')).map((m) => m.body)).toEqual(['launch the rocket'])
    expect(await repo.search('  ')).toEqual([])
  })

  it('keeps the account of each message; a conversation follows its latest, the outbox filters by it', async () => {
    const repo = fresh()
    await repo.addIncoming(
      { key: 'in:1:1', peer: bob, accountId: 'desk', displayName: 'Bob', contentType: 'text/plain', body: 'to desk', at: 1 },
      true,
    )
    expect((await repo.conversations())[0]?.accountId).toBe('desk')
    await repo.addOutgoing({ peer: bob, accountId: 'home', body: 'from home', contentType: 'text/plain', at: 2, callId: 'h1' })
    await repo.addOutgoing({ peer: 'sip:carol@example.com', accountId: 'desk', body: 'from desk', contentType: 'text/plain', at: 3, callId: 'd1' })
    expect((await repo.conversations()).map((c) => [c.peer, c.accountId])).toEqual([
      ['sip:carol@example.com', 'desk'],
      [bob, 'home'],
    ])
    expect((await repo.outbox('home')).map((m) => m.body)).toEqual(['from home'])
    expect((await repo.outbox('desk')).map((m) => m.body)).toEqual(['from desk'])
    expect(await repo.outbox()).toHaveLength(2)
    const created = await repo.ensureConversation('sip:dave@example.com', '', 'home')
    expect(created.accountId).toBe('home')
  })
})
