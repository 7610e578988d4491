// The presence module: publishes our own status and watches contacts' (RFC 3856 over RFC 6665),
// as typed events with plain values. It plugs into the engine like calls and messaging.
//
// Server state is assumed lost whenever the registration is regained (the socket dropped, or the
// server restarted: Kamailio keeps presence in memory only), so each return to "registered"
// republishes and re-subscribes from scratch. A subscription that ends or fails is re-sent with
// backoff. On sign-out (detach) every subscription is ended and the publication removed first:
// UserAgent.stop() never resolves while a Subscriber is active.
//
// SUBSCRIBEs are paced: at most `maxInFlight` wait for their first NOTIFY at a time, the rest
// queue in the order given (favourites first), so 5000 contacts do not flood the server (each
// SUBSCRIBE is two transactions with a challenge, plus a NOTIFY back).
import { Subscriber, SubscriptionState, UserAgent } from 'sip.js'
import type { Notification } from 'sip.js'
import { PIDF_CONTENT_TYPE } from '@shared/presence/content-type'
import type { Presence, PublishedStatus } from '@shared/presence/pidf'
import type * as PidfModule from '@shared/presence/pidf'
import { backoffDelay } from './backoff'
import { systemClock } from './clock'
import type { Clock, TimerHandle } from './clock'
import { TypedEmitter } from '../lib/emitter'
import type { EngineExtension, EngineView } from './extension'
import { PresencePublisher } from './presence-publisher'
import type { RegistrationState } from './types'

// The PIDF reader and writer (and their XML parser) load with the first publication or NOTIFY,
// after the REGISTER, not in the first bundle.
let pidfModule: Promise<typeof PidfModule> | undefined
const loadPidf = (): Promise<typeof PidfModule> => (pidfModule ??= import('@shared/presence/pidf'))

export interface PresenceEvents {
  /** A watched contact's presence changed (or became known). */
  presence: { aor: string; presence: Presence }
  /** Our own PUBLISH was accepted (body null for the removal). */
  published: { body: string | null }
}

export interface PresenceManagerOptions {
  clock?: Clock
  random?: () => number
  log?: (message: string) => void
  /** Lifetime asked for subscriptions and the publication, in seconds. */
  expires?: number
  /** Upper bound for ending everything at sign-out, in ms. */
  detachTimeoutMs?: number
  /** SUBSCRIBEs sent and not yet answered by a NOTIFY (or ended) at once. */
  maxInFlight?: number
}

interface Watch {
  aor: string
  subscriber: Subscriber | undefined
  failures: number
  retry: TimerHandle | undefined
  /** Waiting in the queue for a slot. */
  queued: boolean
  /** Frees the slot of the SUBSCRIBE in flight, if any (once). */
  settle: (() => void) | undefined
}

const OFFLINE: Presence = { status: 'offline', note: '' }

/**
 * Contacts whose presence is watched at most (each is one SUBSCRIBE dialog, paced a few in
 * flight): a full office directory of 500 is watched, a 5000-card import is not.
 */
export const MAX_WATCHES = 500

export class PresenceManager {
  private readonly events: TypedEmitter<PresenceEvents>
  private readonly clock: Clock
  private readonly random: () => number
  private readonly log: (message: string) => void
  private readonly expires: number
  private readonly detachTimeoutMs: number
  private readonly maxInFlight: number
  private readonly watches = new Map<string, Watch>()
  private queue: Watch[] = []
  private inFlight = 0
  private pumpQueued = false
  private own: { status: PublishedStatus; note: string } = { status: 'available', note: '' }
  private userAgent: UserAgent | undefined
  private publisher: PresencePublisher | undefined
  private registered = false
  private readonly tupleId = Math.random().toString(36).slice(2, 10)

  readonly extension: EngineExtension = {
    name: 'presence',
    attach: ({ userAgent, engine }) => this.attach(userAgent, engine),
  }

  constructor(options: PresenceManagerOptions = {}) {
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? Math.random
    this.log = options.log ?? ((m) => console.warn(`[presence] ${m}`))
    this.expires = options.expires ?? 600
    this.detachTimeoutMs = options.detachTimeoutMs ?? 1500
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 32)
    this.events = new TypedEmitter<PresenceEvents>((e) => this.log(`listener threw: ${String(e)}`))
  }

  on<K extends keyof PresenceEvents>(
    event: K,
    listener: (value: PresenceEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener)
  }

  /** Our status as others should see it; published now when registered, else on registering. */
  setOwn(status: PublishedStatus, note: string): void {
    if (this.own.status === status && this.own.note === note) return
    this.own = { status, note }
    if (this.registered) void this.publishOwn()
  }

  /**
   * The addresses to watch: new ones are subscribed, dropped ones unsubscribed. Only the first
   * MAX_WATCHES (the list's order: favourites first) are watched: an imported 5000-card file
   * must not fire 5000 SUBSCRIBEs at once; the rest show "Unknown".
   */
  setWatched(aors: readonly string[]): void {
    const wanted = new Set(aors.slice(0, MAX_WATCHES))
    for (const [aor, watch] of this.watches) {
      if (wanted.has(aor)) continue
      this.watches.delete(aor)
      this.stopWatch(watch)
    }
    for (const aor of wanted) {
      if (this.watches.has(aor)) continue
      const watch: Watch = {
        aor,
        subscriber: undefined,
        failures: 0,
        retry: undefined,
        queued: false,
        settle: undefined,
      }
      this.watches.set(aor, watch)
      if (this.registered) this.enqueue(watch)
    }
  }

  /** The addresses being watched now. */
  get watched(): string[] {
    return [...this.watches.keys()]
  }

  // ── engine hooks ──────────────────────────────────────────────────────────────────────────

  private attach(userAgent: UserAgent, engine: EngineView): ReturnType<EngineExtension['attach']> {
    this.userAgent = userAgent
    this.publisher = new PresencePublisher(userAgent, {
      expires: this.expires,
      clock: this.clock,
      log: this.log,
      onPublished: (body) => this.events.emit('published', { body }),
    })
    const stop = engine.on('registration', (state) => this.onRegistration(state))
    this.onRegistration(engine.registration)
    return {
      detach: async () => {
        stop()
        this.registered = false
        await this.endAll()
        this.userAgent = undefined
        this.publisher = undefined
      },
    }
  }

  private onRegistration(state: RegistrationState): void {
    const now = state.kind === 'registered'
    if (now === this.registered) return
    this.registered = now
    if (!now) {
      // The server may forget everything before we are back: start afresh then. Old
      // subscriptions are let go once connected again (ending one sends a SUBSCRIBE).
      for (const watch of this.watches.values()) this.clearRetry(watch)
      this.clearQueue()
      this.publisher?.reset()
      return
    }
    void this.publishOwn()
    for (const watch of this.watches.values()) {
      watch.failures = 0
      this.enqueue(watch)
    }
  }

  private async publishOwn(): Promise<void> {
    const { buildPidf } = await loadPidf()
    const ua = this.userAgent
    if (!ua || !this.publisher) return
    const body = buildPidf({
      entity: ua.configuration.uri.toString(),
      status: this.own.status,
      note: this.own.note,
      id: this.tupleId,
    })
    return this.publisher.publish(body)
  }

  // ── subscriptions ─────────────────────────────────────────────────────────────────────────

  /** Queues a (re-)SUBSCRIBE; it goes out when fewer than `maxInFlight` are unanswered. */
  private enqueue(watch: Watch): void {
    this.clearRetry(watch)
    if (watch.queued) return
    watch.queued = true
    this.queue.push(watch)
    this.pump()
  }

  private pump(): void {
    let next = 0
    while (this.inFlight < this.maxInFlight && next < this.queue.length) {
      const watch = this.queue[next++]!
      watch.queued = false
      if (this.registered && this.watches.get(watch.aor) === watch) this.subscribe(watch)
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
    for (const watch of this.queue) watch.queued = false
    this.queue = []
  }

  private subscribe(watch: Watch): void {
    const ua = this.userAgent
    this.clearRetry(watch)
    this.dropSubscriber(watch)
    const target = UserAgent.makeURI(watch.aor)
    if (!ua || !target) {
      this.emit(watch.aor, { status: 'unknown', note: '' })
      return
    }
    const subscriber = new Subscriber(ua, target, 'presence', {
      expires: this.expires,
      // Asterisk answers 489 without an explicit Accept.
      extraHeaders: [`Accept: ${PIDF_CONTENT_TYPE}`],
    })
    watch.subscriber = subscriber
    let holding = true
    this.inFlight += 1
    const settle = (): void => {
      if (!holding) return
      holding = false
      this.inFlight -= 1
      if (watch.settle === settle) watch.settle = undefined
      this.pumpSoon()
    }
    watch.settle = settle
    subscriber.delegate = { onNotify: (n) => void this.onNotify(watch, subscriber, n) }
    subscriber.stateChange.addListener((state) => {
      // Answered (the first NOTIFY) or over: either way this SUBSCRIBE no longer holds a slot.
      if (state === SubscriptionState.Subscribed || state === SubscriptionState.Terminated) settle()
      if (state !== SubscriptionState.Terminated || watch.subscriber !== subscriber) return
      watch.subscriber = undefined
      this.emit(watch.aor, OFFLINE)
      this.scheduleRetry(watch)
    })
    subscriber.subscribe().catch((error: unknown) => {
      settle()
      this.log(`SUBSCRIBE ${watch.aor} failed: ${String(error)}`)
      if (watch.subscriber === subscriber) {
        watch.subscriber = undefined
        this.scheduleRetry(watch)
      }
    })
  }

  private async onNotify(
    watch: Watch,
    subscriber: Subscriber,
    notification: Notification,
  ): Promise<void> {
    const request = notification.request
    void notification.accept().catch(() => undefined)
    const { parsePidf } = await loadPidf()
    if (watch.subscriber !== subscriber || this.watches.get(watch.aor) !== watch) return
    watch.failures = 0
    const state = request.parseHeader('Subscription-State') as { state?: string } | undefined
    if (state?.state === 'terminated') {
      this.emit(watch.aor, OFFLINE)
      return
    }
    const result = parsePidf(request.body)
    if (result.kind === 'ignored') {
      this.log(`NOTIFY from ${watch.aor} ignored: ${result.reason}`)
      return
    }
    this.emit(watch.aor, result.presence)
  }

  private scheduleRetry(watch: Watch): void {
    if (!this.registered || this.watches.get(watch.aor) !== watch || watch.retry !== undefined)
      return
    watch.failures += 1
    const delay = backoffDelay(watch.failures, this.random)
    watch.retry = this.clock.setTimeout(() => {
      watch.retry = undefined
      if (this.registered && this.watches.get(watch.aor) === watch) this.enqueue(watch)
    }, delay)
  }

  private clearRetry(watch: Watch): void {
    if (watch.retry !== undefined) {
      this.clock.clearTimeout(watch.retry)
      watch.retry = undefined
    }
  }

  /** Lets go of a subscription the server has probably forgotten, without waiting on it. */
  private dropSubscriber(watch: Watch): void {
    watch.settle?.()
    const subscriber = watch.subscriber
    watch.subscriber = undefined
    if (subscriber) subscriber.dispose().catch(() => undefined)
  }

  private stopWatch(watch: Watch): void {
    this.clearRetry(watch)
    if (watch.queued) {
      watch.queued = false
      this.queue = this.queue.filter((w) => w !== watch)
    }
    this.dropSubscriber(watch)
  }

  private async endAll(): Promise<void> {
    const ending: Promise<unknown>[] = []
    this.clearQueue()
    for (const watch of this.watches.values()) {
      this.clearRetry(watch)
      watch.settle?.()
      const subscriber = watch.subscriber
      watch.subscriber = undefined
      if (subscriber) ending.push(subscriber.dispose())
    }
    if (this.publisher) ending.push(this.publisher.close())
    let timer: TimerHandle | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = this.clock.setTimeout(resolve, this.detachTimeoutMs)
    })
    await Promise.race([Promise.allSettled(ending), timeout])
    if (timer !== undefined) this.clock.clearTimeout(timer)
  }

  private emit(aor: string, presence: Presence): void {
    this.events.emit('presence', { aor, presence })
  }
}
