import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises } from '@vue/test-utils'
import { platformKey } from '@/composables/usePlatform'
import { sessionsKey } from '@/composables/useSessions'
import { Sessions } from '@/session/sessions'
import { fakeEngines, testAccount } from '@/session/testing/fake-engine'
import type { Platform } from '@/platform/types'
import type {
  DeliveryOutcome,
  IncomingChatMessage,
  MessagingHandlers,
  SendRequest,
} from '@/sip/messaging'
import { SwitchboardDatabase } from '@/db/database'
import type * as DatabaseModule from '@/db/database'
import type * as MessagingModule from '@/sip/messaging'
import { useNavigationStore } from './navigation'
import { applySettingsPatch, createDefaultSettings } from '@shared/settings'
import type { Settings, SettingsPatch } from '@shared/settings'
import { PAGE_SIZE, THREAD_KEEP, useChatStore } from './chat'
import { MAX_UNREAD_FROM_STRANGER, NOTIFY_GLOBAL_MAX } from './inbound-limits'

// The chat store against a real IndexedDB (fake-indexeddb) and a stand-in for the engine's
// messaging module: the test plays the network (incoming MESSAGEs, answers to ours).
const fakes = vi.hoisted(() => {
  interface Pending {
    request: SendRequest
    answer: (outcome: DeliveryOutcome) => void
  }
  class FakeMessaging {
    static last: FakeMessaging | null = null
    registered = true
    registration = 1
    readonly pending: Pending[] = []
    readonly sendComposing = (): void => {}
    /** Every notification the store had sent: [peer, status, messageId]. */
    readonly receipts: [string, string, string][] = []
    sendReceipt(peer: string, status: string, request: { messageId: string }): void {
      this.receipts.push([peer, status, request.messageId])
    }
    readonly extension = { name: 'messaging', attach: (): void => {} }
    constructor(readonly handlers: MessagingHandlers) {
      FakeMessaging.last = this
    }
    send(request: SendRequest): Promise<DeliveryOutcome> {
      return new Promise((answer) => this.pending.push({ request, answer }))
    }
    /**
     * As the real module does: the MESSAGE is answered 200 only once stored, a refusal with its
     * own status, else 500.
     */
    async deliver(message: IncomingChatMessage): Promise<number> {
      try {
        await this.handlers.store(message)
        return 200
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode
        return typeof status === 'number' ? status : 500
      }
    }
  }
  return { FakeMessaging, db: { current: null as unknown } }
})

vi.mock('@/sip/messaging', async (importOriginal) => ({
  ...(await importOriginal<typeof MessagingModule>()),
  Messaging: fakes.FakeMessaging,
}))
vi.mock('@/db/database', async (importOriginal) => ({
  ...(await importOriginal<typeof DatabaseModule>()),
  database: () => fakes.db.current,
}))
vi.mock('@/stores/account', () => ({
  useAccountStore: () => ({
    profile: { aor: 'sip:alice@example.com' },
    defaultAccountId: 'a1',
    accounts: [],
  }),
}))

const BOB = 'sip:bob@example.com'
const CAROL = 'sip:carol@example.com'

let n = 0
let db: SwitchboardDatabase
let notifyShell: ReturnType<typeof vi.fn>
let settings: Settings

/** A fresh app (as after a reload) over `db`; a new database unless `reuse`. */
function setup(reuse = false) {
  if (!reuse) db = new SwitchboardDatabase(`chat-store-${++n}`)
  fakes.db.current = db
  notifyShell = vi.fn(async () => {})
  if (!reuse) settings = createDefaultSettings()
  const app = createApp({})
  const platformSettings = {
    get: async () => settings,
    set: async (patch: SettingsPatch) => (settings = applySettingsPatch(settings, patch)),
  }
  app.provide(platformKey, {
    shell: { notify: notifyShell },
    settings: platformSettings,
  } as unknown as Platform)
  // One signed-in account; its messaging module is the fake above.
  const sessions = new Sessions({ createEngine: fakeEngines().create })
  app.provide(sessionsKey, sessions)
  void sessions.open('a1', testAccount('alice'))
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return app.runWithContext(() => ({ chat: useChatStore(), navigation: useNavigationStore() }))
}

function net(): InstanceType<typeof fakes.FakeMessaging> {
  const messaging = fakes.FakeMessaging.last
  if (!messaging) throw new Error('the store has not started messaging')
  return messaging
}

let seq = 0
function incoming(peer: string, body: string, extra: Partial<IncomingChatMessage> = {}) {
  seq += 1
  return {
    key: `in:call-${seq}:1`,
    peer,
    displayName: peer === BOB ? 'Bob' : '',
    contentType: 'text/plain',
    body,
    at: Date.now(),
    ...extra,
  } satisfies IncomingChatMessage
}

const bodies = (list: { body: string }[]) => list.map((m) => m.body)

function unreadOf(chat: ReturnType<typeof useChatStore>, peer: string): number | undefined {
  return chat.conversations.find((c) => c.peer === peer)?.unread
}

/** The network's answer to the `index`-th MESSAGE the store sent, once it has been sent. */
async function answer(index: number, outcome: DeliveryOutcome): Promise<SendRequest> {
  await vi.waitFor(() => expect(net().pending.length).toBeGreaterThan(index))
  const sent = net().pending[index]!
  sent.answer(outcome)
  return sent.request
}

async function stateOf(chat: ReturnType<typeof useChatStore>, body: string) {
  const shown = chat.thread.find((m) => m.body === body)
  const stored = await db.messages.filter((m) => m.body === body).first()
  return { shown: shown?.state, stored: stored?.state, reason: shown?.reason }
}

beforeEach(() => {
  fakes.FakeMessaging.last = null
})

afterEach(async () => {
  // The store batches its list reload (50 ms) and re-render (16 ms): let those run out before
  // the database goes, or they fail against a closed one.
  await new Promise((resolve) => setTimeout(resolve, 100))
  await flushPromises()
  await db.delete()
})

describe('chat store: a burst from a new peer', () => {
  it('opens the conversation once and shows every message of the burst, in order', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    // More than a page arrives before the conversation the first message opened has loaded.
    const burst = Array.from({ length: PAGE_SIZE * 3 }, (_, i) => incoming(BOB, `burst ${i}`))
    const answers = await Promise.all(burst.map((m) => net().deliver(m)))
    expect(answers.every((code) => code === 200)).toBe(true)
    await vi.waitFor(() => expect(chat.thread.length).toBe(burst.length))
    await flushPromises()
    expect(chat.activePeer).toBe(BOB)
    expect(bodies(chat.thread)).toEqual(bodies(burst))
    expect(chat.hasOlder).toBe(false)
  })
})

describe('chat store: conversations and unread counts', () => {
  it('opens the conversation of a new peer only when none is open', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    await chat.openConversation(BOB)
    expect(await net().deliver(incoming(CAROL, 'hi from carol'))).toBe(200)
    await vi.waitFor(() => expect(unreadOf(chat, CAROL)).toBe(1))
    expect(chat.activePeer).toBe(BOB)
    expect(chat.thread).toEqual([])

    // Nothing open (a fresh start): the new peer's conversation opens.
    const again = setup()
    await again.chat.start()
    await net().deliver(incoming(CAROL, 'hello?'))
    await vi.waitFor(() => expect(again.chat.activePeer).toBe(CAROL))
    await vi.waitFor(() => expect(bodies(again.chat.thread)).toEqual(['hello?']))
  })

  it('counts unread messages until the thread is seen, also across a reload', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    // The thread opens by itself, but the user is in Calls: not seen.
    await net().deliver(incoming(BOB, 'one'))
    await net().deliver(incoming(BOB, 'two'))
    await vi.waitFor(() => expect(unreadOf(chat, BOB)).toBe(2))
    expect(chat.unreadTotal).toBe(2)
    await net().deliver(incoming(CAROL, 'three'))
    await vi.waitFor(() => expect(chat.unreadTotal).toBe(3))

    navigation.open('chat')
    await vi.waitFor(() => expect(unreadOf(chat, BOB)).toBe(0))
    expect(unreadOf(chat, CAROL)).toBe(1)
    expect(chat.unreadTotal).toBe(1)

    // Seen while on screen: a new message in the open, visible thread is not unread.
    await net().deliver(incoming(BOB, 'four'))
    await vi.waitFor(() => expect(bodies(chat.thread)).toContain('four'))
    await flushPromises()
    expect(unreadOf(chat, BOB)).toBe(0)

    const reloaded = setup(true)
    await reloaded.chat.start()
    expect(unreadOf(reloaded.chat, CAROL)).toBe(1)
    expect(unreadOf(reloaded.chat, BOB)).toBe(0)
  })

  it('counts a message as unread while the window is hidden, and clears it on return', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    await chat.openConversation(BOB)
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    try {
      await net().deliver(incoming(BOB, 'while away'))
      await vi.waitFor(() => expect(unreadOf(chat, BOB)).toBe(1))
      visibility.mockReturnValue('visible')
      document.dispatchEvent(new Event('visibilitychange'))
      await vi.waitFor(() => expect(unreadOf(chat, BOB)).toBe(0))
    } finally {
      visibility.mockRestore()
    }
  })
})

describe('chat store: sending', () => {
  it('shows each outcome the network gives, stored as well as shown', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    await chat.openConversation(BOB)
    for (const text of ['to the app', 'to the store', 'to nowhere']) {
      expect(await chat.send(text)).toBe(true)
    }
    expect(await stateOf(chat, 'to the app')).toMatchObject({ shown: 'sending', stored: 'sending' })

    await answer(0, { kind: 'delivered' })
    await answer(1, { kind: 'sent' })
    const failed = await answer(2, { kind: 'failed', statusCode: 404, reason: 'Not Found (404)' })
    await vi.waitFor(async () =>
      expect(await stateOf(chat, 'to nowhere')).toEqual({
        shown: 'failed',
        stored: 'failed',
        reason: 'Not Found (404)',
      }),
    )
    expect(await stateOf(chat, 'to the app')).toMatchObject({
      shown: 'delivered',
      stored: 'delivered',
    })
    expect(await stateOf(chat, 'to the store')).toMatchObject({ shown: 'sent', stored: 'sent' })
    expect(net().pending.map((p) => p.request.body)).toEqual([
      'to the app',
      'to the store',
      'to nowhere',
    ])

    // Retry sends the same request again (same Call-ID, so a peer that got it drops the copy).
    const id = chat.thread.find((m) => m.body === 'to nowhere')!.id!
    await chat.retry(id)
    expect((await stateOf(chat, 'to nowhere')).shown).toBe('sending')
    const again = await answer(3, { kind: 'delivered' })
    expect(again.callId).toBe(failed.callId)
    await vi.waitFor(async () =>
      expect(await stateOf(chat, 'to nowhere')).toMatchObject({
        shown: 'delivered',
        stored: 'delivered',
      }),
    )
  })

  it('refuses an empty or oversized text before storing anything', async () => {
    const { chat } = setup()
    await chat.start()
    await chat.openConversation(BOB)
    expect(await chat.send('   ')).toBe(false)
    expect(await chat.send('x'.repeat(5000))).toBe(false)
    expect(chat.error).toEqual({ kind: 'tooLong', bytes: 5000 })
    expect(await db.messages.count()).toBe(0)
  })
})

describe('chat store: duplicates and order', () => {
  it('shows a message delivered twice once, and answers both copies 200', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    await chat.openConversation(CAROL)
    const message = incoming(BOB, 'only once')
    expect(await net().deliver(message)).toBe(200)
    expect(await net().deliver({ ...message })).toBe(200)
    // The same stored message from a server's store, now with a new Call-ID.
    const stored = incoming(BOB, 'from the store', { dateKey: 'bob|1000|x', at: 1000 })
    expect(await net().deliver(stored)).toBe(200)
    expect(await net().deliver({ ...stored, key: 'in:another-call:10' })).toBe(200)
    await vi.waitFor(() => expect(unreadOf(chat, BOB)).toBe(2))
    expect(await db.messages.filter((m) => m.peer === BOB).count()).toBe(2)
    await chat.openConversation(BOB)
    expect(bodies(chat.thread)).toEqual(['from the store', 'only once'])
  })

  it("shows a thread in the order the messages were written, however a server's store delivers them", async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    await chat.openConversation(BOB)
    const base = Date.now() - 60_000
    await chat.send('mine, just now')
    // A store's dump arrives shuffled; each carries the time the server stored it.
    for (const i of [2, 0, 3, 1]) {
      await net().deliver(incoming(BOB, `stored ${i}`, { at: base + i * 1000 }))
    }
    const expected = ['stored 0', 'stored 1', 'stored 2', 'stored 3', 'mine, just now']
    await vi.waitFor(() => expect(bodies(chat.thread)).toEqual(expected))
    const reloaded = setup(true)
    await reloaded.chat.openConversation(BOB)
    expect(bodies(reloaded.chat.thread)).toEqual(expected)
  })

  it('pages older messages back in time order', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    await chat.openConversation(BOB)
    const base = Date.now() - 3_600_000
    const count = PAGE_SIZE + 20
    // Stored newest first (as a store might): the thread still reads oldest to newest.
    for (let i = count - 1; i >= 0; i--) {
      await net().deliver(incoming(BOB, `m${i}`, { at: base + i * 1000 }))
    }
    const reloaded = setup(true)
    await reloaded.chat.openConversation(BOB)
    expect(reloaded.chat.thread.length).toBe(PAGE_SIZE)
    expect(reloaded.chat.hasOlder).toBe(true)
    expect(await reloaded.chat.loadOlder()).toBe(20)
    expect(bodies(reloaded.chat.thread)).toEqual(Array.from({ length: count }, (_, i) => `m${i}`))
    expect(reloaded.chat.hasOlder).toBe(false)
  })
})

describe('chat store: a thread left open all day', () => {
  it('keeps the newest THREAD_KEEP messages in memory while read at the bottom; older ones page back', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    await chat.openConversation(BOB)
    const count = THREAD_KEEP + PAGE_SIZE * 3
    const base = Date.now() - 3_600_000
    for (let i = 0; i < count; i++) {
      await net().deliver(incoming(BOB, `m${i}`, { at: base + i * 1000 }))
    }
    await flushPromises()
    expect(chat.thread.length).toBeLessThanOrEqual(THREAD_KEEP + PAGE_SIZE)
    expect(chat.thread.at(-1)?.body).toBe(`m${count - 1}`)
    expect(chat.hasOlder).toBe(true)
    // Nothing lost: what was trimmed pages back in, in order.
    while (chat.hasOlder) await chat.loadOlder()
    expect(bodies(chat.thread)).toEqual(Array.from({ length: count }, (_, i) => `m${i}`))
  })

  it('trims nothing while the reader is scrolled back into the history', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    await chat.openConversation(BOB)
    chat.setReadingNewest(false)
    const count = THREAD_KEEP + PAGE_SIZE * 2
    for (let i = 0; i < count; i++) await net().deliver(incoming(BOB, `r${i}`))
    await flushPromises()
    expect(chat.thread.length).toBe(count)
  })
})

describe('chat store: strangers on the network (issue 10 row 7)', () => {
  it('keeps a capped number of unread messages from a stranger, then answers 480', async () => {
    const { chat } = setup()
    await chat.start()
    const stranger = 'sip:mallory@evil.example'
    // Not on screen (the chat view is not shown): every one is stored unread.
    for (let i = 0; i < MAX_UNREAD_FROM_STRANGER; i++) {
      expect(await net().deliver(incoming(stranger, `spam ${i}`))).toBe(200)
    }
    expect(await net().deliver(incoming(stranger, 'one too many'))).toBe(480)
    // Someone else still gets through.
    expect(await net().deliver(incoming(CAROL, 'hello'))).toBe(200)
    expect(await db.messages.filter((m) => m.body === 'one too many').count()).toBe(0)
  })

  it('a rotating From raises a few notifications, not one per message', async () => {
    const { chat } = setup()
    await chat.start()
    for (let i = 0; i < 20; i++) {
      expect(await net().deliver(incoming(`sip:spam${i}@evil.example`, `hi ${i}`))).toBe(200)
    }
    expect(notifyShell).toHaveBeenCalledTimes(NOTIFY_GLOBAL_MAX)
  })
})

describe('chat store: receipts (IMDN)', () => {
  it('shows Delivered then Read from the peer’s notifications, never as thread items', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    await chat.openConversation(BOB)
    await chat.send('hello bob')
    const sent = await answer(0, { kind: 'sent' }) // a server's store took it (202)
    await vi.waitFor(async () => expect((await stateOf(chat, 'hello bob')).shown).toBe('sent'))
    const notify = (peer: string, status: string) =>
      net().handlers.receipt({
        peer,
        notification: {
          messageId: sent.callId,
          kind: status === 'delivered' ? 'delivery' : 'display',
          status,
        },
      })

    notify(CAROL, 'displayed') // not the peer it went to: ignored
    notify(BOB, 'delivered')
    await vi.waitFor(async () =>
      expect(await stateOf(chat, 'hello bob')).toMatchObject({
        shown: 'delivered',
        stored: 'delivered',
      }),
    )
    notify(BOB, 'displayed')
    await vi.waitFor(async () =>
      expect(await stateOf(chat, 'hello bob')).toMatchObject({ shown: 'read', stored: 'read' }),
    )
    notify(BOB, 'delivered') // late or repeated: Read stays
    await new Promise((r) => setTimeout(r, 50))
    expect(await stateOf(chat, 'hello bob')).toMatchObject({ shown: 'read', stored: 'read' })
    expect(bodies(chat.thread)).toEqual(['hello bob'])
  })

  it('keeps Read when the notification comes before the answer to the MESSAGE', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    navigation.open('chat')
    await chat.openConversation(BOB)
    await chat.send('fast reader')
    await vi.waitFor(() => expect(net().pending.length).toBe(1))
    const { callId } = net().pending[0]!.request
    net().handlers.receipt({
      peer: BOB,
      notification: { messageId: callId, kind: 'display', status: 'displayed' },
    })
    await vi.waitFor(async () => expect((await stateOf(chat, 'fast reader')).stored).toBe('read'))
    await answer(0, { kind: 'delivered' })
    await new Promise((r) => setTimeout(r, 50))
    expect(await stateOf(chat, 'fast reader')).toMatchObject({ shown: 'read', stored: 'read' })
  })

  const asking = (body: string, id: string) =>
    incoming(BOB, body, {
      imdn: { messageId: id, dateTime: '2026-12-05T13:00:00Z', delivery: true, display: true },
    })

  it('says "displayed" once, when the thread is seen', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    await chat.openConversation(CAROL)
    await net().deliver(asking('read me', 'm-1'))
    await vi.waitFor(() => expect(unreadOf(chat, BOB)).toBe(1))
    expect(net().receipts).toEqual([]) // not on screen: not displayed

    navigation.open('chat')
    await chat.openConversation(BOB)
    await vi.waitFor(() => expect(net().receipts).toEqual([[BOB, 'displayed', 'm-1']]))
    // Arriving in the open, visible thread: displayed at once.
    await net().deliver(asking('and me', 'm-2'))
    await vi.waitFor(() => expect(net().receipts).toContainEqual([BOB, 'displayed', 'm-2']))
    await chat.openConversation(CAROL)
    await chat.openConversation(BOB)
    await flushPromises()
    expect(net().receipts).toHaveLength(2)
  })

  it('never says "displayed" with read receipts off', async () => {
    const { chat, navigation } = setup()
    await chat.start()
    await chat.setSendReadReceipts(false)
    expect(settings.chat.sendReadReceipts).toBe(false)
    await net().deliver(asking('private', 'm-3'))
    navigation.open('chat')
    await chat.openConversation(BOB)
    await net().deliver(asking('still private', 'm-4'))
    await vi.waitFor(() => expect(bodies(chat.thread)).toContain('still private'))
    // Turning it on later does not send what was read while it was off.
    await chat.setSendReadReceipts(true)
    await chat.openConversation(CAROL)
    await chat.openConversation(BOB)
    await new Promise((r) => setTimeout(r, 50))
    expect(net().receipts).toEqual([])
  })
})
