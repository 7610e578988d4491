// Paced subscriptions to one event package (RFC 6665) for a list of addresses: what presence and
// busy lamps share. The watched list is capped; at most `maxInFlight` SUBSCRIBEs wait for their
// first NOTIFY at a time, the rest queue in the order given (favourites first), so hundreds of
// contacts do not flood the server (each SUBSCRIBE is two transactions with a challenge, plus a
// NOTIFY back).
//
// Server state is assumed lost whenever the registration is regained (the socket dropped, or
// Kamailio restarted: it keeps subscriptions in memory only), so each return to "registered"
// subscribes everything afresh. A subscription that ends or fails is re-sent with backoff. On
// sign-out (detach) every subscription is ended: UserAgent.stop() never resolves while a
// Subscriber is active.
//
// SIP.js's classes come in the SipKit: busy lamps load in a later chunk and must not import
// SIP.js values themselves (see sip-kit.ts), so neither does this module.
import type { Core, Notification, Subscriber, UserAgent } from 'sip.js'
import type { Clock, TimerHandle } from './clock'
import type { EngineView, ExtensionAttachment } from './extension'
import type { SipKit } from './sip-kit'
import type { RegistrationState } from './types'

/**
 * Why an address's state is no longer known: its SUBSCRIBE could not be addressed
 * ('unreachable'), the server ended or refused the subscription ('ended', a retry follows), or
 * we signed out ('stopped').
 */
export type LostReason = 'unreachable' | 'ended' | 'stopped'

export interface PacedSubscriptionHooks<T, P> {
  /** Awaited before each NOTIFY is read; its value is handed to `notify` (a parser that loads later). */
  prepare?(): Promise<P>
  /** A NOTIFY of a current subscription, not a terminating one (accepted already). */
  notify(aor: string, data: T, request: Core.IncomingRequestMessage, prepared: P | undefined): void
  /** A new SUBSCRIBE for `aor` is about to be sent: its documents are numbered from scratch. */
  started?(aor: string, data: T): void
  /** The address's state is unknown from now on. */
  lost(aor: string, data: T, reason: LostReason): void
}

/** The tunables of a watcher built on PacedSubscriptions (presence, busy lamps). */
export interface PacingOptions {
  clock?: Clock
  random?: () => number
  log?: (message: string) => void
  /** Lifetime asked for each subscription, in seconds (SIP.js refreshes before it ends). */
  expires?: number
  /** Upper bound for ending every subscription (and what else closes) at sign-out, in ms. */
  detachTimeoutMs?: number
  /** SUBSCRIBEs sent and not yet answered by a NOTIFY (or ended) at once. */
  maxInFlight?: number
}

export interface PacedSubscriptionsOptions<T, P = undefined> extends PacingOptions {
  /** SIP.js's classes (the session's, or `sipKit`). */
  sip: SipKit
  /** Event package, e.g. 'presence' or 'dialog'. */
  event: string
  /** Content type asked for; Asterisk answers 489 without an explicit Accept. */
  accept: string
  /** Addresses watched at most: the first ones given. */
  cap: number
  /** Per-address state kept beside the subscription (a tracker). */
  create(aor: string): T
  hooks: PacedSubscriptionHooks<T, P>
}

/** What an owner adds to attach/detach (presence: its publication). */
export interface AttachHooks {
  /** The registration was gained (true) or lost (false); called before subscriptions follow. */
  registration?(registered: boolean): void
  /** More to end at sign-out, within the same time bound. */
  closing?(): Promise<unknown> | undefined
  /** After everything ended (or the bound passed). */
  detached?(): void
}

interface Entry<T> {
  aor: string
  data: T
  subscriber: Subscriber | undefined
  failures: number
  retry: TimerHandle | undefined
  /** Waiting in the queue for a slot. */
  queued: boolean
  /** Frees the in-flight slot of the SUBSCRIBE sent, if any (once). */
  settle: (() => void) | undefined
}

export class PacedSubscriptions<T, P = undefined> {
  private readonly sip: SipKit
  private readonly event: string
  private readonly accept: string
  private readonly cap: number
  private readonly create: (aor: string) => T
  private readonly hooks: PacedSubscriptionHooks<T, P>
  private readonly clock: Clock
  private readonly random: () => number
  private readonly log: (message: string) => void
  private readonly expires: number
  private readonly detachTimeoutMs: number
  private readonly maxInFlight: number
  private readonly entries = new Map<string, Entry<T>>()
  private queue: Entry<T>[] = []
  private inFlight = 0
  private pumpQueued = false
  private userAgent: UserAgent | undefined
  private isRegistered = false

  constructor(options: PacedSubscriptionsOptions<T, P>) {
    this.sip = options.sip
    this.event = options.event
    this.accept = options.accept
    this.cap = options.cap
    this.create = options.create
    this.hooks = options.hooks
    this.clock = options.clock ?? options.sip.clock
    this.random = options.random ?? Math.random
    this.log = options.log ?? ((m) => console.warn(`[${options.event}] ${m}`))
    this.expires = options.expires ?? 600
    this.detachTimeoutMs = options.detachTimeoutMs ?? 1500
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 32)
  }

  /** The addresses to watch: new ones are subscribed, dropped ones let go; the first `cap` only. */
  setWatched(aors: readonly string[]): void {
    const wanted = new Set(aors.slice(0, this.cap))
    for (const [aor, entry] of this.entries) {
      if (wanted.has(aor)) continue
      this.entries.delete(aor)
      this.stopEntry(entry)
    }
    for (const aor of wanted) {
      if (this.entries.has(aor)) continue
      const entry: Entry<T> = {
        aor,
        data: this.create(aor),
        subscriber: undefined,
        failures: 0,
        retry: undefined,
        queued: false,
        settle: undefined,
      }
      this.entries.set(aor, entry)
      if (this.isRegistered) this.enqueue(entry)
    }
  }

  /** The addresses being watched now. */
  get watched(): string[] {
    return [...this.entries.keys()]
  }

  get registered(): boolean {
    return this.isRegistered
  }

  /** The state kept for a watched address. */
  dataOf(aor: string): T | undefined {
    return this.entries.get(aor)?.data
  }

  /** Subscribes `aor` afresh (e.g. for full state after a hole in partial documents). */
  resubscribe(aor: string): void {
    const entry = this.entries.get(aor)
    if (entry && this.isRegistered) this.enqueue(entry)
  }

  /** Follows the engine's registration for this UserAgent; detach ends every subscription. */
  attach(userAgent: UserAgent, engine: EngineView, also: AttachHooks = {}): ExtensionAttachment {
    this.userAgent = userAgent
    const stop = engine.on('registration', (state) => this.onRegistration(state, also))
    this.onRegistration(engine.registration, also)
    return {
      detach: async () => {
        stop()
        this.isRegistered = false
        await this.endAll(also)
        this.userAgent = undefined
        also.detached?.()
      },
    }
  }

  private onRegistration(state: RegistrationState, also: AttachHooks): void {
    const now = state.kind === 'registered'
    if (now === this.isRegistered) return
    this.isRegistered = now
    also.registration?.(now)
    if (!now) {
      // The server may forget everything before we are back: start afresh then. Old
      // subscriptions are let go once connected again (ending one sends a SUBSCRIBE).
      for (const entry of this.entries.values()) this.clearRetry(entry)
      this.clearQueue()
      return
    }
    for (const entry of this.entries.values()) {
      entry.failures = 0
      this.enqueue(entry)
    }
  }

  // ── the queue ─────────────────────────────────────────────────────────────────────────────

  /** Queues a (re-)SUBSCRIBE; it goes out when fewer than `maxInFlight` are unanswered. */
  private enqueue(entry: Entry<T>): void {
    this.clearRetry(entry)
    if (entry.queued) return
    entry.queued = true
    this.queue.push(entry)
    this.pump()
  }

  private pump(): void {
    let next = 0
    while (this.inFlight < this.maxInFlight && next < this.queue.length) {
      const entry = this.queue[next++]!
      entry.queued = false
      if (this.isRegistered && this.isWatched(entry)) this.subscribe(entry)
    }
    this.queue = next === 0 ? this.queue : this.queue.slice(next)
  }

  /** A slot came free; sending from inside SIP.js's own callbacks is left for a microtask. */
  private pumpSoon(): void {
    if (this.pumpQueued) return
    this.pumpQueued = true
    queueMicrotask(() => {
      this.pumpQueued = false
      this.pump()
    })
  }

  private clearQueue(): void {
    for (const entry of this.queue) entry.queued = false
    this.queue = []
  }

  private isWatched(entry: Entry<T>): boolean {
    return this.entries.get(entry.aor) === entry
  }

  // ── subscriptions ─────────────────────────────────────────────────────────────────────────

  private subscribe(entry: Entry<T>): void {
    const ua = this.userAgent
    this.clearRetry(entry)
    this.dropSubscriber(entry)
    this.hooks.started?.(entry.aor, entry.data)
    const target = this.sip.makeURI(entry.aor)
    if (!ua || !target) {
      this.hooks.lost(entry.aor, entry.data, 'unreachable')
      return
    }
    const { Subscriber, SubscriptionState } = this.sip
    const subscriber = new Subscriber(ua, target, this.event, {
      expires: this.expires,
      extraHeaders: [`Accept: ${this.accept}`],
    })
    entry.subscriber = subscriber
    let holding = true
    this.inFlight += 1
    const settle = (): void => {
      if (!holding) return
      holding = false
      this.inFlight -= 1
      if (entry.settle === settle) entry.settle = undefined
      this.pumpSoon()
    }
    entry.settle = settle
    subscriber.delegate = { onNotify: (n) => void this.onNotify(entry, subscriber, n) }
    subscriber.stateChange.addListener((state) => {
      // Answered (the first NOTIFY) or over: either way this SUBSCRIBE no longer holds a slot.
      if (state === SubscriptionState.Subscribed || state === SubscriptionState.Terminated) settle()
      if (state !== SubscriptionState.Terminated || entry.subscriber !== subscriber) return
      entry.subscriber = undefined
      this.hooks.lost(entry.aor, entry.data, 'ended')
      this.scheduleRetry(entry)
    })
    subscriber.subscribe().catch((error: unknown) => {
      settle()
      this.log(`SUBSCRIBE ${this.event} ${entry.aor} failed: ${String(error)}`)
      if (entry.subscriber === subscriber) {
        entry.subscriber = undefined
        this.scheduleRetry(entry)
      }
    })
  }

  private async onNotify(
    entry: Entry<T>,
    subscriber: Subscriber,
    notification: Notification,
  ): Promise<void> {
    const request = notification.request
    void notification.accept().catch(() => undefined)
    const prepared = this.hooks.prepare ? await this.hooks.prepare() : undefined
    if (entry.subscriber !== subscriber || !this.isWatched(entry)) return
    entry.failures = 0
    const state = request.parseHeader('Subscription-State') as { state?: string } | undefined
    if (state?.state === 'terminated') {
      this.hooks.lost(entry.aor, entry.data, 'ended')
      return
    }
    this.hooks.notify(entry.aor, entry.data, request, prepared)
  }

  private scheduleRetry(entry: Entry<T>): void {
    if (!this.isRegistered || !this.isWatched(entry) || entry.retry !== undefined) return
    entry.failures += 1
    const delay = this.sip.backoffDelay(entry.failures, this.random)
    entry.retry = this.clock.setTimeout(() => {
      entry.retry = undefined
      if (this.isRegistered && this.isWatched(entry)) this.enqueue(entry)
    }, delay)
  }

  private clearRetry(entry: Entry<T>): void {
    if (entry.retry !== undefined) {
      this.clock.clearTimeout(entry.retry)
      entry.retry = undefined
    }
  }

  /** Lets go of a subscription the server has probably forgotten, without waiting on it. */
  private dropSubscriber(entry: Entry<T>): void {
    entry.settle?.()
    const subscriber = entry.subscriber
    entry.subscriber = undefined
    if (subscriber) subscriber.dispose().catch(() => undefined)
  }

  private stopEntry(entry: Entry<T>): void {
    this.clearRetry(entry)
    if (entry.queued) {
      entry.queued = false
      this.queue = this.queue.filter((e) => e !== entry)
    }
    this.dropSubscriber(entry)
  }

  private async endAll(also: AttachHooks): Promise<void> {
    const ending: Promise<unknown>[] = []
    this.clearQueue()
    for (const entry of this.entries.values()) {
      this.clearRetry(entry)
      entry.settle?.()
      const subscriber = entry.subscriber
      entry.subscriber = undefined
      this.hooks.lost(entry.aor, entry.data, 'stopped')
      if (subscriber) ending.push(subscriber.dispose())
    }
    const more = also.closing?.()
    if (more) ending.push(more)
    let timer: TimerHandle | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = this.clock.setTimeout(resolve, this.detachTimeoutMs)
    })
    await Promise.race([Promise.allSettled(ending), timeout])
    if (timer !== undefined) this.clock.clearTimeout(timer)
  }
}
