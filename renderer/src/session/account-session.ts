// One signed-in account: its SIP engine and the engine's modules (calls, messaging, presence,
// and the outbox pump once the database is open), created together and ended together. Stores
// never build these; they mirror the session's events and forward the user's actions to it.
//
// Lifetime: new → start() (connects and registers; the engine reconnects by itself) → stop()
// (un-REGISTERs; start() again is allowed) → dispose() (stops for good, lets listeners go).

import { SipEngine, CallManager, Messaging, PresenceManager, sipKit } from '@/sip'
import type { SipKit } from '@/sip'
import type {
  SipEngineOptions,
  ComposingEvent,
  IncomingChatMessage,
  ReceiptEvent,
  EngineExtension,
  ConnectionState,
  EngineEvents,
  EngineListener,
  RegistrationState,
  SipAccount,
} from '@/sip'
import type { MediaInput } from '@/media/device-service'
import { OutboxPump } from './outbox-pump'
import type { PumpListener, PumpStore } from './outbox-pump'

/** What a session needs of its engine (the real SipEngine, or a fake in tests). */
export interface SessionEngine {
  readonly account: SipAccount
  readonly connection: ConnectionState
  readonly registration: RegistrationState
  /** The scheduled automatic reconnect, or null. */
  readonly nextReconnect: EngineEvents['reconnect']
  on<K extends keyof EngineEvents>(event: K, listener: EngineListener<K>): () => void
  start(): Promise<void>
  stop(): Promise<void>
  nudge(): void
  /** Plugs in a module loaded later (busy lamps, voicemail); returns how to take it out. */
  use?(extension: EngineExtension): () => void
}

export type EngineFactory = (account: SipAccount, options: SipEngineOptions) => SessionEngine

/** Incoming chat traffic of every session, with the account it came to (the chat store). */
export interface InboundMessages {
  store(accountId: string, message: IncomingChatMessage): Promise<void>
  composing(accountId: string, event: ComposingEvent): void
  receipt(accountId: string, event: ReceiptEvent): void
}

export interface AccountSessionOptions {
  id: string
  account: SipAccount
  inbound: InboundMessages
  /** The chosen microphone and camera, shared by every account's calls. */
  media?: MediaInput
  engine?: Omit<SipEngineOptions, 'extensions'>
  createEngine?: EngineFactory
}

export const realEngine: EngineFactory = (account, options) => new SipEngine(account, options)

export class AccountSession {
  readonly id: string
  readonly calls: CallManager
  readonly messaging: Messaging
  readonly presence: PresenceManager
  readonly engine: SessionEngine
  /** SIP.js's classes for modules that load later (sip-kit.ts says why they are handed over). */
  readonly sip: SipKit = sipKit
  private pump: OutboxPump | null = null
  private disposed = false

  constructor(options: AccountSessionOptions) {
    const { id, inbound } = options
    this.id = id
    this.calls = new CallManager(options.media ? { media: options.media } : {})
    this.messaging = new Messaging({
      store: (message) => inbound.store(id, message),
      composing: (event) => inbound.composing(id, event),
      receipt: (event) => inbound.receipt(id, event),
      registered: () => this.pump?.kick(),
    })
    this.presence = new PresenceManager()
    // The modules plug in before the engine starts: an INVITE or a stored MESSAGE can follow
    // the 200 to REGISTER at once. Their order is the order each hears a new registration, and
    // so the order things come back after a reconnect or a wake: subscriptions first (who is
    // there), then the calls (their re-INVITEs), then the outbox (queued messages, in order).
    const extensions: EngineExtension[] = [
      this.presence.extension,
      this.calls.extension,
      this.messaging.extension,
    ]
    this.engine = (options.createEngine ?? realEngine)(options.account, {
      ...options.engine,
      extensions,
    })
  }

  /** The account as the engine uses it (normalised once started). */
  get account(): SipAccount {
    return this.engine.account
  }

  get running(): boolean {
    return !this.disposed
  }

  on<K extends keyof EngineEvents>(event: K, listener: EngineListener<K>): () => void {
    return this.engine.on(event, listener)
  }

  start(): Promise<void> {
    if (this.disposed) return Promise.resolve()
    return this.engine.start()
  }

  /** Un-REGISTERs and closes the socket; calls end, subscriptions and the publication go. */
  stop(): Promise<void> {
    return this.engine.stop()
  }

  /** The network may have changed (wake, back online): reconnect or re-REGISTER now. */
  nudge(): void {
    if (!this.disposed) this.engine.nudge()
  }

  /**
   * Plugs in a module that loads after start-up (busy lamps, the voicemail box): attached now
   * when running, and to every later UserAgent. Returns how to take it out again.
   */
  extend(extension: EngineExtension): () => void {
    if (this.disposed || !this.engine.use) return () => {}
    return this.engine.use(extension)
  }

  /**
   * Sends this account's outbox once the database is open (and at every new registration).
   * `store` must only hold this account's messages.
   */
  useOutbox(store: PumpStore, onOutcome: PumpListener): OutboxPump {
    this.pump = new OutboxPump(this.messaging, store, onOutcome)
    this.pump.kick()
    return this.pump
  }

  /** A message was written: send it if we can. */
  kickOutbox(): void {
    this.pump?.kick()
  }

  /** Stops for good: un-REGISTERs, and nothing of this session runs afterwards. */
  async dispose(): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    this.pump = null
    this.calls.hangUpAll()
    await this.engine.stop()
  }
}
