// The SIP engine: one account's connection and registration over SIP.js, as typed events.
//
// Lifecycle: start() creates one UserAgent that lives until stop(). The engine owns the
// WebSocket and reconnects it itself (backoff with jitter, immediately on `online`, after a
// wake-up, or on nudge()); each open socket gets a NEW Registerer, because a REGISTER left pending
// on a dead socket blocks the next one in SIP.js 0.21. `registered` is only ever claimed after a
// 200 to REGISTER from the current Registerer, i.e. on the socket that is open now.
//
// Feature modules (calls, messages, presence) attach through use(); see extension.ts.

import {
  RegistererState,
  RequestPendingError,
  TransportState,
  UserAgent,
  UserAgentState,
} from 'sip.js'
import type { Core } from 'sip.js'
import { firstAccountError, validateAccount } from './account'
import { backoffDelay, defaultBackoff } from './backoff'
import type { BackoffOptions } from './backoff'
import { systemClock } from './clock'
import type { Clock, TimerHandle } from './clock'
import { TypedEmitter } from '../lib/emitter'
import type { EngineExtension, EngineView } from './extension'
import { classifyRegisterRejection } from './failure'
import type { FailedRegistration, FailureDecision } from './failure'
import { consoleLogger, createLogConnector } from './log'
import type { EngineLogger } from './log'
import { grantedExpires, ObservedRegisterer } from './registerer'
import type {
  ConnectionState,
  EngineEvents,
  EngineListener,
  NetworkCheckCause,
  RegistrationState,
  SipAccount,
} from './types'
import { buildUserAgentOptions, randomToken } from './user-agent'
import { describeError, ModuleHost } from './module-host'
import { guardIncoming, watchNetwork } from './network-watch'
import { defaultWake } from './wake'
import type { WakeOptions } from './wake'

export interface SipEngineOptions {
  clock?: Clock
  /** Source of randomness for jitter and the Contact user; Math.random by default. */
  random?: () => number
  logger?: EngineLogger
  /** Also pass SIP.js's debug-level lines to `logger.debug` (still redacted). */
  verboseLogging?: boolean
  backoff?: Partial<BackoffOptions>
  /** Wall-clock jump detection; `false` turns it off. */
  wake?: Partial<WakeOptions> | false
  /** Where `online`/`offline` events come from; `window` when there is one. `null`: none. */
  onlineEvents?: EventTarget | null
  /**
   * Where network-change events come from (a `change` when the interface or its type changes);
   * `navigator.connection` where the browser has it. `null` turns it off.
   */
  networkChangeEvents?: EventTarget | null
  /** Longest wait between reconnect attempts while a call is up (see EngineExtension.urgent). */
  urgentReconnectCapMs?: number
  /** Give up opening the WebSocket after this long. */
  connectTimeoutMs?: number
  /** A REGISTER with no final answer after this long counts as 'timeout'. */
  registerTimeoutMs?: number
  /** Upper bound for stop(): un-REGISTER, module detach and UserAgent shutdown together. */
  stopTimeoutMs?: number
  /** Registration lifetime asked of the registrar, in seconds. */
  registerExpires?: number
  iceGatheringTimeoutMs?: number
  extensions?: readonly EngineExtension[]
}

const defaults = {
  connectTimeoutMs: 4000,
  registerTimeoutMs: 10_000,
  stopTimeoutMs: 3000,
  registerExpires: 600,
  iceGatheringTimeoutMs: 500,
}

// Refresh at 90 % of the lifetime: SIP.js's default (99 %) leaves 6 s of 600, less than our timeout.
const REFRESH_PERCENT = 90

const noop = (): void => {}

function sameRegistration(a: RegistrationState, b: RegistrationState): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind === 'registered' && b.kind === 'registered') return a.expiresAt === b.expiresAt
  if (a.kind === 'failed' && b.kind === 'failed') {
    return a.reason === b.reason && a.statusCode === b.statusCode && a.detail === b.detail
  }
  return true
}

export function createSipEngine(account: SipAccount, options: SipEngineOptions = {}): SipEngine {
  return new SipEngine(account, options)
}

export class SipEngine implements EngineView {
  private readonly clock: Clock
  private readonly random: () => number
  private readonly log: EngineLogger
  private readonly verboseLogging: boolean
  private readonly backoff: BackoffOptions
  private readonly wake: WakeOptions | false
  private readonly onlineEvents: EventTarget | null
  private readonly networkChangeEvents: EventTarget | null
  private readonly urgentReconnectCapMs: number
  private readonly connectTimeoutMs: number
  private readonly registerTimeoutMs: number
  private readonly stopTimeoutMs: number
  private readonly registerExpires: number
  private readonly iceGatheringTimeoutMs: number
  private readonly events: TypedEmitter<EngineEvents>
  private readonly modules: ModuleHost

  private _account: SipAccount
  private _connection: ConnectionState = 'disconnected'
  private _registration: RegistrationState = { kind: 'unregistered' }
  private _reconnect: EngineEvents['reconnect'] = null

  private ua: UserAgent | undefined
  private transportState: TransportState = TransportState.Disconnected
  private registerer: ObservedRegisterer | undefined
  private unwatchRegisterer: (() => void) | undefined
  private unwatchEnvironment: (() => void) | undefined
  private active = false
  /** A failure retrying cannot fix: no automatic reconnects until start() is called again. */
  private halted = false
  /** This engine has had a 200 to REGISTER for its account. */
  private everRegistered = false
  /** A second challenge was answered by trying once more (reset by a successful REGISTER). */
  private challengeRetried = false
  /** Consecutive failed attempts; drives the backoff, reset by a 200 to REGISTER. */
  private failures = 0
  private retryAfterMs = 0
  private reconnectTimer: TimerHandle | undefined
  private registerTimer: TimerHandle | undefined
  private stopping: Promise<void> | undefined

  constructor(account: SipAccount, options: SipEngineOptions = {}) {
    this._account = account
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? Math.random
    this.log = options.logger ?? consoleLogger
    this.verboseLogging = options.verboseLogging ?? false
    this.backoff = { ...defaultBackoff, ...options.backoff }
    this.wake = options.wake === false ? false : { ...defaultWake, ...options.wake }
    this.onlineEvents =
      options.onlineEvents !== undefined
        ? options.onlineEvents
        : ((globalThis as { window?: EventTarget }).window ?? null)
    this.networkChangeEvents =
      options.networkChangeEvents !== undefined
        ? options.networkChangeEvents
        : ((globalThis as { navigator?: { connection?: EventTarget } }).navigator?.connection ??
          null)
    this.urgentReconnectCapMs = options.urgentReconnectCapMs ?? 2000
    this.connectTimeoutMs = options.connectTimeoutMs ?? defaults.connectTimeoutMs
    this.registerTimeoutMs = options.registerTimeoutMs ?? defaults.registerTimeoutMs
    this.stopTimeoutMs = options.stopTimeoutMs ?? defaults.stopTimeoutMs
    this.registerExpires = options.registerExpires ?? defaults.registerExpires
    this.iceGatheringTimeoutMs = options.iceGatheringTimeoutMs ?? defaults.iceGatheringTimeoutMs
    this.modules = new ModuleHost(this.log, options.extensions)
    this.events = new TypedEmitter<EngineEvents>((error) =>
      this.log.error(`An engine event listener threw: ${describeError(error)}`),
    )
  }

  /** The account, normalised once start() has validated it. */
  get account(): SipAccount {
    return this._account
  }

  get connection(): ConnectionState {
    return this._connection
  }

  get registration(): RegistrationState {
    return this._registration
  }

  /** The scheduled automatic reconnect, or null. */
  get nextReconnect(): EngineEvents['reconnect'] {
    return this._reconnect
  }

  /** Between start() and stop() (also while halted after a final failure). */
  get running(): boolean {
    return this.active
  }

  on<K extends keyof EngineEvents>(event: K, listener: EngineListener<K>): () => void {
    return this.events.on(event, listener)
  }

  /**
   * Connects and registers; resolves once the attempt has begun (watch the events for its
   * outcome). While running this does nothing, except after a final failure (wrong credentials,
   * unknown user, other 4xx), where it tries again.
   */
  async start(): Promise<void> {
    if (this.stopping) await this.stopping
    if (this.active) {
      if (this.halted) this.resume()
      return
    }
    this.active = true
    this.halted = false
    this.failures = 0

    const checked = validateAccount(this._account)
    if (!checked.ok) {
      this.halt({
        kind: 'failed',
        reason: 'invalid-account',
        detail: firstAccountError(checked.errors),
      })
      return
    }
    this._account = checked.account

    let ua: UserAgent
    try {
      ua = new UserAgent(
        buildUserAgentOptions(checked.account, {
          contactName: randomToken(this.random),
          connectTimeoutMs: this.connectTimeoutMs,
          iceGatheringTimeoutMs: this.iceGatheringTimeoutMs,
          mediaStreamFactory: (constraints, sdh, options) =>
            this.modules.openMedia(constraints, sdh, options),
          logConnector: createLogConnector(
            this.log,
            () => [this._account.password],
            this.verboseLogging,
          ),
        }),
      )
    } catch (error) {
      this.halt({ kind: 'failed', reason: 'invalid-account', detail: describeError(error) })
      return
    }
    this.ua = ua
    this.transportState = ua.transport.state
    guardIncoming(ua, this.log)
    // Deferred: SIP.js emits mid-transition and throws if we reconnect or disconnect from inside.
    ua.transport.stateChange.addListener((state) =>
      queueMicrotask(() => this.onTransportState(ua, state)),
    )
    this.unwatchEnvironment = watchNetwork(
      {
        onlineEvents: this.onlineEvents,
        networkChangeEvents: this.networkChangeEvents,
        wake: this.wake,
        clock: this.clock,
        log: this.log,
      },
      {
        nudge: (cause) => this.nudge(cause),
        offline: () => {
          if (this.active && !this.halted) this.events.emit('networkCheck', 'offline')
        },
      },
    )
    // The socket starts opening first (start-up waits for nothing else); the modules attach in
    // this same task, so they are in place before anything can arrive on it.
    this.connect()
    for (const extension of this.modules.all)
      this.modules.attach(ua, extension, this._account, this)
  }

  /**
   * Un-REGISTERs (Expires 0) and waits for the answer, lets modules detach, closes the socket.
   * Bounded by `stopTimeoutMs`; nothing reconnects afterwards.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown().finally(() => {
      this.stopping = undefined
    })
    return this.stopping
  }

  /**
   * Something outside says the network may have changed (resumed from sleep, back online):
   * reconnect now if waiting to, or re-REGISTER to prove a registered socket still works. Calls
   * hear of it too (`networkCheck`) and look at their media path at once.
   */
  nudge(cause: NetworkCheckCause = 'resume'): void {
    const ua = this.ua
    if (!ua || !this.active || this.halted) return
    this.events.emit('networkCheck', cause)
    if (this.reconnectTimer !== undefined || ua.transport.state === TransportState.Disconnected) {
      this.connect()
      return
    }
    const registerer = this.registerer
    if (
      ua.transport.state === TransportState.Connected &&
      registerer &&
      !registerer.pending &&
      this._registration.kind === 'registered'
    ) {
      // A dead socket shows up as no answer: the register timeout then reconnects.
      this.sendRegister(registerer)
    }
  }

  /**
   * Plugs a feature module in: it is attached to the current UserAgent now (when running) and to
   * every later one. Returns a function that detaches and removes it. Throws when the module
   * claims an incoming-request handler another module already has.
   */
  use(extension: EngineExtension): () => void {
    const ua = this.ua
    const added = this.modules.add(
      extension,
      ua ? { ua, account: this._account, engine: this } : undefined,
    )
    if ('error' in added) throw added.error
    return () => added.remove(this.ua)
  }

  // ── connection ────────────────────────────────────────────────────────────────────────────

  private connect(): void {
    const ua = this.ua
    if (!ua || !this.active || this.halted) return
    this.clearReconnect()
    const state = ua.transport.state
    if (state === TransportState.Connecting || state === TransportState.Connected) return
    this.setConnection('connecting')
    try {
      const opening = ua.state === UserAgentState.Started ? ua.reconnect() : ua.start()
      opening.catch(noop) // the transport's state change reports the failure
    } catch (error) {
      this.log.warn(`Could not start connecting: ${describeError(error)}`)
      this.setConnection('disconnected')
      this.setRegistration({ kind: 'failed', reason: 'unreachable', detail: describeError(error) })
      this.scheduleReconnect()
    }
  }

  private onTransportState(ua: UserAgent, state: TransportState): void {
    if (ua !== this.ua) return
    const previous = this.transportState
    this.transportState = state
    switch (state) {
      case TransportState.Connecting:
        this.setConnection('connecting')
        return
      case TransportState.Connected:
        // A later transition may already be queued behind this one.
        if (ua.transport.state !== TransportState.Connected) return
        this.setConnection('connected')
        if (this.active && !this.halted) this.register(ua)
        return
      case TransportState.Disconnecting:
        return
      case TransportState.Disconnected: {
        this.setConnection('disconnected')
        this.dropRegisterer()
        if (!this.active || this.halted) return
        const kind = this._registration.kind
        if (previous === TransportState.Connecting) {
          this.setRegistration({
            kind: 'failed',
            reason: 'unreachable',
            detail: `Could not connect to ${this._account.server}`,
          })
        } else if (kind === 'registered') {
          this.setRegistration({ kind: 'unregistered' })
        } else if (kind !== 'failed') {
          // Opened, then closed before any REGISTER was answered: say so, not just "Offline".
          this.setRegistration({
            kind: 'failed',
            reason: 'unreachable',
            detail: 'The server closed the connection',
          })
        }
        this.scheduleReconnect()
        return
      }
    }
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer !== undefined || !this.active || this.halted) return
    this.failures += 1
    // A call is up: its recovery has a bound, so the socket must not wait out a long backoff.
    const urgent = this.modules.urgent()
    const backoff = urgent
      ? { ...this.backoff, capMs: Math.min(this.backoff.capMs, this.urgentReconnectCapMs) }
      : this.backoff
    const delay = Math.max(backoffDelay(this.failures, this.random, backoff), this.retryAfterMs)
    this.retryAfterMs = 0
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = undefined
      this.connect()
    }, delay)
    this.setReconnect({ attempt: this.failures, at: this.clock.now() + delay })
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== undefined) {
      this.clock.clearTimeout(this.reconnectTimer)
      this.reconnectTimer = undefined
    }
    this.setReconnect(null)
  }

  /** Drops the socket so the normal reconnect path (with backoff) takes over. */
  private restartConnection(): void {
    this.dropRegisterer()
    const transport = this.ua?.transport
    if (transport && transport.state !== TransportState.Disconnected) {
      transport.disconnect().catch(noop)
    } else {
      this.scheduleReconnect()
    }
  }

  private resume(): void {
    if (!this.ua) return // the account itself was invalid: nothing to retry
    this.halted = false
    this.failures = 0
    this.setRegistration({ kind: 'unregistered' })
    this.connect()
  }

  // ── registration ──────────────────────────────────────────────────────────────────────────

  private register(ua: UserAgent): void {
    this.dropRegisterer()
    let registerer: ObservedRegisterer
    try {
      registerer = new ObservedRegisterer(
        ua,
        {
          expires: this.registerExpires,
          refreshFrequency: REFRESH_PERCENT,
          logConfiguration: false,
        },
        {
          onSend: () => this.armRegisterTimeout(registerer),
          onAccept: (response) => this.onRegisterAccepted(registerer, response),
          onReject: (response) => this.onRegisterRejected(registerer, response),
          onRedirect: (response) => this.onRegisterRejected(registerer, response),
        },
      )
    } catch (error) {
      this.fail({
        state: { kind: 'failed', reason: 'server-error', detail: describeError(error) },
        retry: true,
      })
      return
    }
    // Deferred so a rejection's own callback (which runs right after) is seen first.
    const onState = (state: RegistererState): void =>
      queueMicrotask(() => this.onRegistererState(registerer, state))
    registerer.stateChange.addListener(onState)
    this.unwatchRegisterer = () => registerer.stateChange.removeListener(onState)
    this.registerer = registerer
    this.setRegistration({ kind: 'registering' })
    this.sendRegister(registerer)
  }

  private sendRegister(registerer: ObservedRegisterer): void {
    const report = (error: unknown): void => {
      // A pending REGISTER reports on its own; anything else is covered by the register timeout.
      if (!(error instanceof RequestPendingError)) {
        this.log.warn(`REGISTER could not be sent: ${describeError(error)}`)
      }
    }
    try {
      registerer.register().catch(report)
    } catch (error) {
      report(error)
    }
  }

  private armRegisterTimeout(registerer: ObservedRegisterer): void {
    this.clearRegisterTimer()
    this.registerTimer = this.clock.setTimeout(() => {
      this.registerTimer = undefined
      if (registerer !== this.registerer || !this.active || this.halted) return
      this.log.warn(`No answer to REGISTER within ${this.registerTimeoutMs} ms`)
      this.fail({ state: { kind: 'failed', reason: 'timeout' }, retry: true })
    }, this.registerTimeoutMs)
  }

  private clearRegisterTimer(): void {
    if (this.registerTimer !== undefined) {
      this.clock.clearTimeout(this.registerTimer)
      this.registerTimer = undefined
    }
  }

  private onRegisterAccepted(
    registerer: ObservedRegisterer,
    response: Core.IncomingResponse,
  ): void {
    if (registerer !== this.registerer || !this.active || this.halted) return
    this.clearRegisterTimer()
    const seconds = grantedExpires(response, this.ua?.contact.uri.user, this.registerExpires)
    this.failures = 0
    this.everRegistered = true
    this.challengeRetried = false
    this.setRegistration({ kind: 'registered', expiresAt: this.clock.now() + seconds * 1000 })
  }

  private onRegisterRejected(
    registerer: ObservedRegisterer,
    response: Core.IncomingResponse,
  ): void {
    if (registerer !== this.registerer || !this.active || this.halted) return
    this.clearRegisterTimer()
    const message = response.message
    const decision = classifyRegisterRejection({
      statusCode: message.statusCode ?? 0,
      reasonPhrase: message.reasonPhrase ?? '',
      // Responses SIP.js makes up (timer F, transport error) carry no headers at all.
      local: !message.hasHeader('via'),
      ...(registerer.retryAfter !== undefined ? { retryAfterSeconds: registerer.retryAfter } : {}),
    })
    this.log.warn(
      `REGISTER failed: ${message.statusCode ?? '?'} ${message.reasonPhrase ?? ''} (${decision.state.reason})`,
    )
    // The registrar knew this user minutes ago: a 404 now is far likelier a server fault (seen
    // with Kamailio's user lookup right after a restart) than a deleted account. Keep retrying,
    // with the usual backoff, rather than leave a phone offline for good.
    if (decision.state.reason === 'unknown-user' && this.everRegistered) {
      this.fail({ ...decision, retry: true })
      return
    }
    // A challenge to our answered challenge is not always a wrong password: a registrar that
    // found the nonce stale or already used (seen with Kamailio when two REGISTERs cross) asks
    // again. One fresh REGISTER settles it; a second such answer means the password is wrong.
    const challengedAgain = message.statusCode === 401 || message.statusCode === 407
    if (challengedAgain && !this.challengeRetried && this.ua) {
      // A new REGISTER on the same connection, not reported as failed (a first sign-in would
      // give up on that): registering goes on.
      this.challengeRetried = true
      this.register(this.ua)
      return
    }
    // Challenged again twice, or refused 403, for a user the registrar accepted with this same
    // password: far likelier its user table was busy (Kamailio's sqlite while many clients
    // authenticate after a restart: a soak's phone went offline for good) than a password
    // changed meanwhile. Keep retrying with the usual backoff (at most every 30 s), the reason
    // on show; a first sign-in still stops at once.
    if ((challengedAgain || message.statusCode === 403) && this.everRegistered) {
      this.fail({ ...decision, retry: true })
      return
    }
    this.fail(decision)
  }

  /** The Registerer fell to Unregistered without a rejection: a 200 without our contact, expiry. */
  private onRegistererState(registerer: ObservedRegisterer, state: RegistererState): void {
    if (registerer !== this.registerer || !this.active || this.halted) return
    if (state !== RegistererState.Unregistered) return
    const kind = this._registration.kind
    if (kind !== 'registered' && kind !== 'registering') return // a rejection already said why
    this.clearRegisterTimer()
    this.fail({
      state: {
        kind: 'failed',
        reason: 'server-error',
        detail:
          kind === 'registering'
            ? 'The registrar did not confirm this device'
            : 'The registration expired without a refresh',
      },
      retry: true,
    })
  }

  private fail(decision: FailureDecision): void {
    if (!decision.retry) {
      this.halt(decision.state)
      return
    }
    this.setRegistration(decision.state)
    this.retryAfterMs = decision.retryAfterMs ?? 0
    this.restartConnection()
  }

  private halt(state: FailedRegistration): void {
    this.halted = true
    this.clearReconnect()
    this.dropRegisterer()
    this.setRegistration(state)
    const transport = this.ua?.transport
    if (transport && transport.state !== TransportState.Disconnected)
      transport.disconnect().catch(noop)
  }

  private dropRegisterer(): void {
    const registerer = this.registerer
    if (!registerer) return
    this.registerer = undefined
    this.clearRegisterTimer()
    this.unwatchRegisterer?.()
    this.unwatchRegisterer = undefined
    try {
      registerer.abandon().catch(noop)
    } catch (error) {
      this.log.debug(`Registerer dispose: ${describeError(error)}`)
    }
  }

  // ── shutdown ──────────────────────────────────────────────────────────────────────────────

  private async shutdown(): Promise<void> {
    if (!this.active) return
    this.active = false
    this.halted = false
    this.clearReconnect()
    this.clearRegisterTimer()
    this.unwatchEnvironment?.()
    this.unwatchEnvironment = undefined
    const ua = this.ua
    if (ua) {
      const deadline = this.clock.now() + this.stopTimeoutMs
      await this.within(this.modules.detachAll(ua), deadline)
      await this.unregister(ua, deadline)
      this.dropRegisterer()
      await this.within(ua.stop(), deadline)
      // UserAgent.stop() can hang (an active Subscriber): make sure the socket closes anyway.
      if (ua.transport.state !== TransportState.Disconnected) {
        await this.within(ua.transport.disconnect(), this.clock.now() + 1000)
      }
      this.ua = undefined
    }
    this.failures = 0
    this.retryAfterMs = 0
    this.setConnection('disconnected')
    this.setRegistration({ kind: 'unregistered' })
  }

  private async unregister(ua: UserAgent, deadline: number): Promise<void> {
    const registerer = this.registerer
    if (
      !registerer ||
      this._registration.kind !== 'registered' ||
      ua.transport.state !== TransportState.Connected
    ) {
      return
    }
    const answered = new Promise<void>((resolve) => {
      const done = (): void => resolve()
      const send = (): void => {
        try {
          registerer
            .unregister({ requestDelegate: { onAccept: done, onReject: done, onRedirect: done } })
            .catch(done)
        } catch {
          done()
        }
      }
      // SIP.js refuses a second REGISTER while one is pending: wait for the refresh to finish.
      if (registerer.pending) registerer.onceSettled(send)
      else send()
    })
    await this.within(answered, deadline)
  }

  private within(work: Promise<unknown>, deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(resolve, Math.max(0, deadline - this.clock.now()))
      work
        .catch((error: unknown) => this.log.debug(`During stop: ${describeError(error)}`))
        .finally(() => {
          this.clock.clearTimeout(timer)
          resolve()
        })
    })
  }

  // ── state and events ──────────────────────────────────────────────────────────────────────

  private setConnection(state: ConnectionState): void {
    if (this._connection === state) return
    this._connection = state
    this.events.emit('connection', state)
  }

  private setRegistration(state: RegistrationState): void {
    if (sameRegistration(this._registration, state)) return
    this._registration = state
    this.events.emit('registration', state)
  }

  private setReconnect(plan: EngineEvents['reconnect']): void {
    if (this._reconnect === plan) return
    if (
      this._reconnect &&
      plan &&
      this._reconnect.attempt === plan.attempt &&
      this._reconnect.at === plan.at
    ) {
      return
    }
    this._reconnect = plan
    this.events.emit('reconnect', plan)
  }
}
