import { computed, ref, shallowRef, triggerRef, watch } from 'vue'
import { defineStore } from 'pinia'
import { usePlatform } from '@/composables/usePlatform'
import { useAccountStore } from '@/stores/account'
import { useSessions } from '@/composables/useSessions'
import { useNavigationStore } from '@/stores/navigation'
import type { ChatRepository } from '@/db/chat-repository'
import type { DeliveryState, StoredConversation, StoredMessage } from '@/db/chat-schema'
import { deliveryRank } from '@/db/chat-schema'
import { loadDatabase } from '@/db/load'
import { afterStartup } from '@/startup/deferred'
import type { Address } from '@shared/address'
import { MAX_MESSAGE_BYTES, MessageRefused, utf8Length } from '@/sip'
import type { ComposingEvent, IncomingChatMessage, Messaging, ReceiptEvent } from '@/sip'
import { useAttentionStore } from './attention'
import { StrangerCap } from './inbound-limits'
import { compareMessages, insertInOrder, mergeThreads, positionOf } from './thread-order'

export const PAGE_SIZE = 50
/**
 * The most messages an open thread keeps in memory while its reader is at the newest: a thread
 * left open all day would otherwise hold every message it ever showed (a soak's 6000). Older
 * ones page back in from IndexedDB when scrolled to.
 */
export const THREAD_KEEP = 4 * PAGE_SIZE
/** RFC 3994 §4.2: idle after 15 s without typing; active refreshed well before the peer's 60 s. */
const IDLE_AFTER_MS = 15_000
const ACTIVE_RESEND_MS = 45_000

export type ChatError = 'empty' | 'invalid' | 'tooLong'

function newCallId(): string {
  const random = Math.random().toString(36).slice(2, 12)
  return `sb-${Date.now().toString(36)}-${random}`
}

/**
 * Conversations and the open thread, for every account. Everything is stored (Dexie) before it
 * is shown or sent; each account's messaging module and outbox pump live in its session, outside
 * reactive state. A conversation remembers the account it was last used with; replies go out
 * from it.
 */
export const useChatStore = defineStore('chat', () => {
  const platform = usePlatform()
  const account = useAccountStore()
  const sessions = useSessions()
  const navigation = useNavigationStore()

  const conversations = ref<StoredConversation[]>([])
  const activePeer = ref<string | null>(null)
  /** The loaded part of the open thread, oldest first. Shallow: replaced or triggered. */
  const thread = shallowRef<StoredMessage[]>([])
  const hasOlder = ref(false)
  /** The thread's view is scrolled to its newest message (set by the view; trimming waits). */
  let readingNewest = true
  const typingPeers = ref<Record<string, boolean>>({})
  const error = ref<{ kind: ChatError; bytes?: number } | null>(null)
  const searchResults = shallowRef<StoredMessage[] | null>(null)
  /** Privacy setting: tell senders when their messages were displayed (read receipts). */
  const sendReadReceipts = ref(true)

  const unreadTotal = computed(() => conversations.value.reduce((sum, c) => sum + c.unread, 0))
  const activeConversation = computed(
    () => conversations.value.find((c) => c.peer === activePeer.value) ?? null,
  )

  let repo: ChatRepository | null = null
  let started: Promise<void> | null = null
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>()
  let composingTo: {
    peer: string
    sentAt: number
    idleTimer: ReturnType<typeof setTimeout>
  } | null = null
  let reloadQueued = false

  function nameOf(peer: string): string {
    return conversations.value.find((c) => c.peer === peer)?.displayName || peer
  }

  /** The user is looking at this thread now. */
  function seeing(peer: string): boolean {
    return (
      navigation.section === 'chat' &&
      activePeer.value === peer &&
      document.visibilityState === 'visible'
    )
  }

  /** The account a conversation's messages go out from: its own, else the default one. */
  function accountOf(peer: string): string {
    return conversations.value.find((c) => c.peer === peer)?.accountId || account.defaultAccountId
  }

  /** The messaging module of the account `peer`'s conversation uses, when signed in. */
  function messagingFor(peer: string): Messaging | undefined {
    return (sessions.get(accountOf(peer)) ?? sessions.get(account.defaultAccountId))?.messaging
  }

  /**
   * Takes every account's incoming messages (now, before the first REGISTER) and loads the
   * conversations. The database loads after start-up: an incoming message waits for it (it is
   * answered only once stored).
   */
  function start(): Promise<void> {
    if (started) return started
    // The repository's code loads with the database, after start-up, not in the first bundle.
    const opening = Promise.all([
      loadDatabase(),
      afterStartup().then(() => import('@/db/chat-repository')),
    ]).then(
      ([db, { createChatRepository }]) => createChatRepository(db),
    )
    sessions.setInbound({
      store: async (accountId, message) => receive(await opening, accountId, message),
      composing: (_accountId, event) => onComposing(event),
      receipt: (_accountId, event) => void opening.then((store) => onReceipt(store, event)),
    })
    started = opening.then((store) => {
      repo = store
      // Each account sends its own outbox, in order, on its own connection.
      sessions.each((session) => {
        session.useOutbox(
          {
            outbox: () => store.outbox(session.id),
            complete: (id, state, reason) => store.complete(id, state, reason),
          },
          (id, state, reason) => onOutcome(id, state, reason),
        )
      })
      return Promise.all([reloadConversations(), loadSettings()]).then(() => {})
    })
    return started
  }

  function kickOutboxes(): void {
    for (const session of sessions.list()) session.kickOutbox()
  }

  async function loadSettings(): Promise<void> {
    sendReadReceipts.value = (await platform.settings.get()).chat.sendReadReceipts
  }

  async function setSendReadReceipts(on: boolean): Promise<void> {
    sendReadReceipts.value = (
      await platform.settings.set({ chat: { sendReadReceipts: on } })
    ).chat.sendReadReceipts
  }

  async function reloadConversations(): Promise<void> {
    if (!repo) return
    conversations.value = await repo.conversations()
  }

  /** Many messages at once (a burst, an offline dump) reload the list once, not per message. */
  function queueReload(): void {
    if (reloadQueued) return
    reloadQueued = true
    setTimeout(() => {
      reloadQueued = false
      void reloadConversations()
    }, 50)
  }

  async function receive(
    store: ChatRepository,
    accountId: string,
    message: IncomingChatMessage,
  ): Promise<void> {
    // Loaded with the first message, not with the app: contacts come after start-up anyway.
    const { useContactsStore } = await import('./contacts')
    const seen = seeing(message.peer)
    const known = conversations.value.find((c) => c.peer === message.peer)?.unread ?? 0
    const isContact = useContactsStore().find(message.peer) !== undefined
    if (!seen && !strangers.admit(message.peer, isContact, known)) {
      throw new MessageRefused(480, 'Too many unread messages')
    }
    const saved = await store.addIncoming({ ...message, accountId }, !seen)
    if (saved && !seen && !isContact) strangers.stored(message.peer, known)
    // A content message ends the typing indication (RFC 3994 §4.3).
    setTyping(message.peer, false)
    if (!saved) return // a duplicate: stored once already; it is still answered 200
    // Opening makes it the open thread at once; this message then joins it like any other.
    if (activePeer.value === null) void openConversation(message.peer)
    if (activePeer.value === message.peer) append(saved)
    if (seen) void sendDisplayed(message.peer)
    queueReload()
    // The shell's shared policy decides whether it shows (never in Do not disturb, never for
    // the thread on screen); its click comes back as an 'open-thread' tray action.
    if (!(seen && document.hasFocus())) {
      attention.notify({
        kind: 'message',
        threadId: message.peer,
        from: { name: message.displayName, address: message.peer },
        text:
          message.contentType === 'text/plain' ? message.body.slice(0, 200) : message.contentType,
      })
    }
  }

  // Rations bursts: one alert per conversation every few seconds, a few for all of them together.
  const attention = useAttentionStore()
  // Unread messages kept from one stranger (not a contact) are capped until the user reads them.
  const strangers = new StrangerCap()

  /** Adds a new message to the open thread, in time order. */
  function append(message: StoredMessage): void {
    const list = thread.value
    const first = list[0]
    // Older than the loaded part of the thread: paging back will bring it.
    if (hasOlder.value && first && compareMessages(message, first) < 0) return
    insertInOrder(list, message)
    // Trimmed a page at a time, and never under a reader scrolled back into the history.
    if (readingNewest && list.length > THREAD_KEEP + PAGE_SIZE) {
      list.splice(0, list.length - THREAD_KEEP)
      hasOlder.value = true
    }
    threadChanged()
  }

  // A burst of messages or delivery answers re-renders the thread once per frame, not per message.
  let renderQueued = false
  function threadChanged(): void {
    if (renderQueued) return
    renderQueued = true
    setTimeout(() => {
      renderQueued = false
      triggerRef(thread)
    }, 16)
  }

  function onOutcome(id: number, state: DeliveryState, reason?: string): void {
    const list = thread.value
    for (let i = list.length - 1; i >= 0; i--) {
      const item = list[i]!
      if (item.id !== id) continue
      // A receipt may come before the MESSAGE's own answer; "Read" stays "Read". A retry
      // ('sending') only ever follows a failure.
      if (state !== 'sending' && deliveryRank(item.state) > deliveryRank(state)) return
      list[i] = { ...item, state, ...(reason ? { reason } : {}) }
      threadChanged()
      return
    }
  }

  /** A peer's delivery or display notification about one of ours: never a thread item. */
  async function onReceipt(store: ChatRepository, event: ReceiptEvent): Promise<void> {
    const { status, messageId } = event.notification
    const state = status === 'delivered' ? 'delivered' : status === 'displayed' ? 'read' : null
    if (!state) return // failed/forbidden/error about a message the server already accepted
    const updated = await store.applyReceipt(event.peer, messageId, state)
    if (updated?.id !== undefined) onOutcome(updated.id, updated.state)
  }

  /** The thread with `peer` is on screen: tell it which of its messages we displayed. */
  async function sendDisplayed(peer: string): Promise<void> {
    // Unregistered, the requests wait for the next time the thread is seen.
    const messaging = messagingFor(peer)
    if (!repo || !messaging?.registered) return
    // The setting as it was when the thread was seen, whatever it is by the time the store answers.
    const allowed = sendReadReceipts.value
    // Best effort: a receipt that cannot be read from the store is one the sender does not get.
    const pending = await repo.takeDisplayRequests(peer).catch(() => [])
    if (!allowed) return // off: the requests are dropped, never sent later
    for (const request of pending) messaging.sendReceipt(peer, 'displayed', request)
  }

  function onComposing(event: ComposingEvent): void {
    setTyping(event.peer, event.active, event.refreshSeconds * 1000)
  }

  function setTyping(peer: string, active: boolean, lapseMs = 0): void {
    clearTimeout(typingTimers.get(peer))
    typingTimers.delete(peer)
    if (active) {
      typingTimers.set(
        peer,
        setTimeout(() => setTyping(peer, false), lapseMs),
      )
    }
    if (Boolean(typingPeers.value[peer]) !== active) {
      typingPeers.value = { ...typingPeers.value, [peer]: active }
    }
  }

  /**
   * Shows `peer`'s thread. The thread becomes the open one at once, so messages arriving while it
   * loads are added to it, not lost to a second open (a burst from a new peer used to open it
   * once per message and drop what came in between).
   */
  async function openConversation(
    peer: string,
    displayName = '',
    accountId = account.defaultAccountId,
  ): Promise<void> {
    const ready = start()
    if (activePeer.value !== peer) {
      activePeer.value = peer
      thread.value = []
      hasOlder.value = false
      readingNewest = true
    }
    searchResults.value = null
    await ready
    if (!repo) return
    await repo.ensureConversation(peer, displayName, accountId)
    await loadNewest(repo, peer)
    await markSeen()
  }

  /** The newest page, together with whatever was added to the thread while it was read. */
  async function loadNewest(store: ChatRepository, peer: string): Promise<void> {
    const page = await store.page(peer, undefined, PAGE_SIZE)
    if (activePeer.value !== peer) return
    let merged = mergeThreads(page, thread.value)
    const full = page.length === PAGE_SIZE
    const first = merged[0]
    if (full && first && compareMessages(first, page[0]!) < 0) {
      // What arrived meanwhile reaches back past the page: load the stretch in between too, so
      // the thread stays one unbroken run of messages.
      const run = await store.since(peer, positionOf(first))
      if (activePeer.value !== peer) return
      merged = mergeThreads(run, thread.value)
    }
    thread.value = merged
    hasOlder.value = full
  }

  /** The thread's view says whether its newest message is in view (see THREAD_KEEP). */
  function setReadingNewest(value: boolean): void {
    readingNewest = value
  }

  async function loadOlder(): Promise<number> {
    const peer = activePeer.value
    const oldest = thread.value[0]
    if (!repo || !peer || !oldest || !hasOlder.value) return 0
    const page = await repo.page(peer, positionOf(oldest), PAGE_SIZE)
    if (activePeer.value !== peer) return 0
    thread.value = [...page, ...thread.value]
    hasOlder.value = page.length === PAGE_SIZE
    return page.length
  }

  /** Clears the open thread's unread count when the user can see it. */
  async function markSeen(): Promise<void> {
    const peer = activePeer.value
    if (!repo || !peer || !seeing(peer)) return
    strangers.read(peer)
    await sendDisplayed(peer)
    const conversation = conversations.value.find((c) => c.peer === peer)
    if (conversation && conversation.unread === 0) return
    await repo.markRead(peer)
    await reloadConversations()
  }

  /**
   * "Message" beside "Number or SIP address": opens or creates that conversation, new ones from
   * `accountId` (the address bar's "Call from"), else the default account.
   */
  async function startConversation(target: Address, accountId?: string): Promise<boolean> {
    error.value = null
    navigation.open('chat')
    await openConversation(target.key, '', accountId ?? account.defaultAccountId)
    await reloadConversations()
    return true
  }

  /** Stores the text, shows it as "Sending" and queues it; false (with `error`) if refused. */
  async function send(text: string): Promise<boolean> {
    const peer = activePeer.value
    if (!repo || !peer) return false
    if (!text.trim()) return false
    const bytes = utf8Length(text)
    if (bytes > MAX_MESSAGE_BYTES) {
      error.value = { kind: 'tooLong', bytes }
      return false
    }
    error.value = null
    stopComposing(false)
    const saved = await repo.addOutgoing({
      peer,
      accountId: accountOf(peer),
      body: text,
      contentType: 'text/plain',
      at: Date.now(),
      callId: newCallId(),
    })
    if (activePeer.value === peer) append(saved)
    queueReload()
    kickOutboxes()
    return true
  }

  async function retry(id: number): Promise<void> {
    const again = await repo?.retry(id)
    if (!again) return
    onOutcome(id, 'sending')
    kickOutboxes()
  }

  /** The user typed in the open thread: tell the peer (RFC 3994), at most every 45 s. */
  function typing(): void {
    const peer = activePeer.value
    const messaging = peer ? messagingFor(peer) : undefined
    if (!peer || !messaging) return
    const now = Date.now()
    if (!composingTo || composingTo.peer !== peer || now - composingTo.sentAt > ACTIVE_RESEND_MS) {
      stopComposing(false)
      messaging.sendComposing(peer, true)
      composingTo = {
        peer,
        sentAt: now,
        idleTimer: setTimeout(() => stopComposing(true), IDLE_AFTER_MS),
      }
      return
    }
    clearTimeout(composingTo.idleTimer)
    composingTo.idleTimer = setTimeout(() => stopComposing(true), IDLE_AFTER_MS)
  }

  /** `tellPeer`: send "idle"; not needed when a message follows (it implies idle). */
  function stopComposing(tellPeer: boolean): void {
    if (!composingTo) return
    clearTimeout(composingTo.idleTimer)
    if (tellPeer) messagingFor(composingTo.peer)?.sendComposing(composingTo.peer, false)
    composingTo = null
  }

  async function search(query: string): Promise<void> {
    if (!repo || !query.trim()) {
      searchResults.value = null
      return
    }
    searchResults.value = await repo.search(query)
  }

  function clearError(): void {
    error.value = null
  }

  // The badge is the shell's: unread messages plus missed calls, from the shell state.
  // Opening the Chat section (or coming back to the window) shows the thread: it is seen.
  watch(
    () => [navigation.section, activePeer.value] as const,
    () => void markSeen(),
  )
  document.addEventListener('visibilitychange', () => void markSeen())

  return {
    conversations,
    activePeer,
    activeConversation,
    thread,
    hasOlder,
    typingPeers,
    error,
    searchResults,
    sendReadReceipts,
    unreadTotal,
    nameOf,
    accountOf,
    start,
    openConversation,
    loadOlder,
    setReadingNewest,
    startConversation,
    send,
    retry,
    typing,
    search,
    clearError,
    setSendReadReceipts,
  }
})
