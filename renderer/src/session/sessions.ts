// The session root: every signed-in account's AccountSession, by account id. It creates and ends
// them (each account registers on its own connection, with its own reconnect) and tells the
// stores, which only mirror what the sessions report and forward the user's actions.

import type {
  SipEngineOptions,
  ConnectionState,
  EngineEvents,
  RegistrationState,
  SipAccount,
} from '@/sip'
import { TypedEmitter } from '@/lib/emitter'
import type { MediaInput } from '@/media/device-service'
import { AccountSession } from './account-session'
import type { EngineFactory, InboundMessages } from './account-session'

/** One account's registration, as its engine reports it. */
export interface AccountState {
  accountId: string
  connection: ConnectionState
  registration: RegistrationState
  reconnect: EngineEvents['reconnect']
}

export interface SessionsEvents {
  opened: AccountSession
  closed: string
  state: AccountState
}

export interface SessionsOptions {
  media?: MediaInput
  engine?: Omit<SipEngineOptions, 'extensions'>
  createEngine?: EngineFactory
  log?: (message: string) => void
  /**
   * Incoming calls wait until releaseIncomingCalls(): start-up opens the sessions before the
   * app that shows and answers calls (and applies Do not disturb) has loaded.
   */
  holdIncomingCalls?: boolean
}

/** Per session: what to undo when it closes (a store's listeners on its modules). */
export type SessionHook = (session: AccountSession) => (() => void) | void

export class Sessions {
  private readonly sessions = new Map<string, AccountSession>()
  private readonly cleanups = new Map<string, (() => void)[]>()
  private readonly current = new Map<string, AccountState>()
  private heldCalls: (() => void)[] | null
  private readonly hooks = new Set<SessionHook>()
  private readonly events: TypedEmitter<SessionsEvents>
  private media: MediaInput | undefined
  private inbound: InboundMessages | null = null
  private inboundReady: Promise<InboundMessages>
  private resolveInbound: (handlers: InboundMessages) => void = () => {}

  constructor(private readonly options: SessionsOptions = {}) {
    this.media = options.media
    this.heldCalls = options.holdIncomingCalls ? [] : null
    this.events = new TypedEmitter<SessionsEvents>((error) =>
      (options.log ?? console.error)(`A sessions listener threw: ${String(error)}`),
    )
    this.inboundReady = new Promise((resolve) => (this.resolveInbound = resolve))
  }

  on<K extends keyof SessionsEvents>(
    event: K,
    listener: (value: SessionsEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener)
  }

  /** Every open session's state now (a store created after they opened starts from this). */
  states(): AccountState[] {
    return [...this.current.values()].map((state) => ({ ...state }))
  }

  /** The app is listening: incoming calls held so far ring now, later ones at once. */
  releaseIncomingCalls(): void {
    const held = this.heldCalls
    this.heldCalls = null
    held?.forEach((release) => release())
  }

  /** The devices calls use; set once by the devices store before any session opens. */
  useMedia(media: MediaInput): void {
    this.media ??= media
  }

  /**
   * Where incoming chat traffic goes (the chat store). A message that arrives before this is
   * set waits for it: it is answered only once stored.
   */
  setInbound(handlers: InboundMessages): void {
    this.inbound = handlers
    this.resolveInbound(handlers)
  }

  /**
   * Runs `hook` for every open session and every later one; what it returns runs when that
   * session closes. Returns a function that stops hooking new sessions.
   */
  each(hook: SessionHook): () => void {
    this.hooks.add(hook)
    for (const session of this.sessions.values()) this.runHook(session, hook)
    return () => {
      this.hooks.delete(hook)
    }
  }

  get(accountId: string): AccountSession | undefined {
    return this.sessions.get(accountId)
  }

  list(): AccountSession[] {
    return [...this.sessions.values()]
  }

  get size(): number {
    return this.sessions.size
  }

  /**
   * Creates the account's session and starts registering it. An open session of the same id
   * is ended first (un-REGISTER), so editing an account re-registers it in place.
   */
  async open(
    accountId: string,
    account: SipAccount,
    engine: Omit<SipEngineOptions, 'extensions'> = {},
  ): Promise<AccountSession> {
    if (this.sessions.has(accountId)) await this.close(accountId)
    const session = new AccountSession({
      id: accountId,
      account,
      inbound: this.inboundFor(),
      ...(this.media ? { media: this.media } : {}),
      engine: { ...this.options.engine, ...engine },
      ...(this.options.createEngine ? { createEngine: this.options.createEngine } : {}),
    })
    this.sessions.set(accountId, session)
    this.heldCalls?.push(session.calls.holdIncoming())
    // Kept from the events themselves: each one reports the account's whole state.
    const state: AccountState = {
      accountId,
      connection: session.engine.connection ?? 'disconnected',
      registration: session.engine.registration ?? { kind: 'unregistered' },
      reconnect: session.engine.nextReconnect ?? null,
    }
    this.current.set(accountId, state)
    const report = (): void => this.events.emit('state', { ...state })
    const cleanups = [
      session.on('connection', (value) => {
        state.connection = value
        report()
      }),
      session.on('registration', (value) => {
        state.registration = value
        report()
      }),
      session.on('reconnect', (value) => {
        state.reconnect = value
        report()
      }),
    ]
    this.cleanups.set(accountId, cleanups)
    for (const hook of this.hooks) this.runHook(session, hook)
    this.events.emit('opened', session)
    report()
    // Resolves once the attempt has begun; the state events tell how it goes.
    await session.start()
    return session
  }

  /** Un-REGISTERs the account and ends its session. */
  async close(accountId: string): Promise<void> {
    const session = this.sessions.get(accountId)
    if (!session) return
    this.sessions.delete(accountId)
    this.current.delete(accountId)
    // The un-REGISTER's progress is still reported before the listeners go.
    await session.dispose()
    for (const cleanup of this.cleanups.get(accountId) ?? []) cleanup()
    this.cleanups.delete(accountId)
    this.events.emit('state', {
      accountId,
      connection: 'disconnected',
      registration: { kind: 'unregistered' },
      reconnect: null,
    })
    this.events.emit('closed', accountId)
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)))
  }

  /** Wake from sleep, network back: every account reconnects or re-REGISTERs now. */
  nudgeAll(): void {
    for (const session of this.sessions.values()) session.nudge()
  }

  private runHook(session: AccountSession, hook: SessionHook): void {
    const undo = hook(session)
    if (undo) this.cleanups.get(session.id)?.push(undo)
  }

  private inboundFor(): InboundMessages {
    const ready = (): Promise<InboundMessages> =>
      this.inbound ? Promise.resolve(this.inbound) : this.inboundReady
    return {
      store: async (accountId, message) => (await ready()).store(accountId, message),
      composing: (accountId, event) =>
        void ready().then((handlers) => handlers.composing(accountId, event)),
      receipt: (accountId, event) =>
        void ready().then((handlers) => handlers.receipt(accountId, event)),
    }
  }
}
