// Busy lamps: one dialog-event subscription (RFC 4235 over RFC 6665) per colleague whose lamp the
// user turned on, read with the shared strict reader and tracker, as typed events with plain
// values. It plugs into the engine like presence, but is loaded only once a lamp exists.
//
// As with presence, server state is assumed lost whenever the registration is regained (the
// socket dropped or Kamailio restarted), so each return to "registered" subscribes afresh. A
// subscription that ends or fails is re-sent with backoff; a partial document that skipped
// versions is re-subscribed for full state (the tracker cannot fill the hole).
import type { Notification, Subscriber, UserAgent } from 'sip.js'
import { DIALOG_INFO_CONTENT_TYPE, parseDialogInfo } from '@shared/dialog/dialog-info'
import { LampTracker } from '@shared/dialog/lamp'
import type { LampState } from '@shared/dialog/lamp'
import type { Clock, TimerHandle } from './clock'
import type { EngineExtension, EngineView } from './extension'
import type { SipKit } from './sip-kit'
import type { RegistrationState } from './types'

export interface LampEvents {
  /** A lamp's state changed (or became known, or unknown again). */
  lamp: { aor: string; state: LampState }
}

export interface LampWatcherOptions {
  /** SIP.js's classes, from the session (see sip-kit.ts for why they are not imported here). */
  sip: SipKit
  clock?: Clock
  random?: () => number
  log?: (message: string) => void
  /** Lifetime asked for each subscription, in seconds (SIP.js refreshes before it ends). */
  expires?: number
  /** Upper bound for ending every subscription at sign-out, in ms. */
  detachTimeoutMs?: number
  /** SUBSCRIBEs sent and not yet answered by a NOTIFY at once. */
  maxInFlight?: number
}

/** Lamps watched at most: a desk phone's expansion modules hold a few dozen to a hundred or two. */
export const MAX_LAMPS = 200

interface Lamp {
  aor: string
  tracker: LampTracker
  subscriber: Subscriber | undefined
  failures: number
  retry: TimerHandle | undefined
  queued: boolean
  /** Frees the in-flight slot of the SUBSCRIBE sent, if any (once). */
  settle: (() => void) | undefined
}

const UNKNOWN: LampState = { kind: 'unknown' }

export class LampWatcher {
  private readonly listeners = new Set<(value: LampEvents['lamp']) => void>()
  private readonly sip: SipKit
  private readonly clock: Clock
  private readonly random: () => number
  private readonly log: (message: string) => void
  private readonly expires: number
  private readonly detachTimeoutMs: number
  private readonly maxInFlight: number
  private readonly lamps = new Map<string, Lamp>()
  private queue: Lamp[] = []
  private inFlight = 0
  private pumpQueued = false
  private userAgent: UserAgent | undefined
  private registered = false

  readonly extension: EngineExtension = {
    name: 'lamps',
    attach: ({ userAgent, engine }) => this.attach(userAgent, engine),
  }

  constructor(options: LampWatcherOptions) {
    this.sip = options.sip
    this.clock = options.clock ?? options.sip.clock
    this.random = options.random ?? Math.random
    this.log = options.log ?? ((m) => console.warn(`[lamps] ${m}`))
    this.expires = options.expires ?? 600
    this.detachTimeoutMs = options.detachTimeoutMs ?? 1500
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 32)
  }

  on(_event: 'lamp', listener: (value: LampEvents['lamp']) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The addresses whose lamps to show: new ones are subscribed, dropped ones let go. */
  setWatched(aors: readonly string[]): void {
    const wanted = new Set(aors.slice(0, MAX_LAMPS))
    for (const [aor, lamp] of this.lamps) {
      if (wanted.has(aor)) continue
      this.lamps.delete(aor)
      this.stopLamp(lamp)
    }
    for (const aor of wanted) {
      if (this.lamps.has(aor)) continue
      const lamp: Lamp = {
        aor,
        tracker: new LampTracker(),
        subscriber: undefined,
        failures: 0,
        retry: undefined,
        queued: false,
        settle: undefined,
      }
      this.lamps.set(aor, lamp)
      if (this.registered) this.enqueue(lamp)
    }
  }

  get watched(): string[] {
    return [...this.lamps.keys()]
  }

  stateOf(aor: string): LampState {
    return this.lamps.get(aor)?.tracker.state ?? UNKNOWN
  }

  // ── engine hooks ──────────────────────────────────────────────────────────────────────────

  private attach(userAgent: UserAgent, engine: EngineView): ReturnType<EngineExtension['attach']> {
    this.userAgent = userAgent
    const stop = engine.on('registration', (state) => this.onRegistration(state))
    this.onRegistration(engine.registration)
    return {
      detach: async () => {
        stop()
        this.registered = false
        await this.endAll()
        this.userAgent = undefined
      },
    }
  }

  private onRegistration(state: RegistrationState): void {
    const now = state.kind === 'registered'
    if (now === this.registered) return
    this.registered = now
    if (!now) {
      for (const lamp of this.lamps.values()) this.clearRetry(lamp)
      this.clearQueue()
      return
    }
    for (const lamp of this.lamps.values()) {
      lamp.failures = 0
      this.enqueue(lamp)
    }
  }

  // ── subscriptions ─────────────────────────────────────────────────────────────────────────

  private enqueue(lamp: Lamp): void {
    this.clearRetry(lamp)
    if (lamp.queued) return
    lamp.queued = true
    this.queue.push(lamp)
    this.pump()
  }

  private pump(): void {
    let next = 0
    while (this.inFlight < this.maxInFlight && next < this.queue.length) {
      const lamp = this.queue[next++]!
      lamp.queued = false
      if (this.registered && this.lamps.get(lamp.aor) === lamp) this.subscribe(lamp)
    }
    this.queue = next === 0 ? this.queue : this.queue.slice(next)
  }

  /** Sending from inside SIP.js's own callbacks is left for a microtask. */
  private pumpSoon(): void {
    if (this.pumpQueued) return
    this.pumpQueued = true
    queueMicrotask(() => {
      this.pumpQueued = false
      this.pump()
    })
  }

  private clearQueue(): void {
    for (const lamp of this.queue) lamp.queued = false
    this.queue = []
  }

  private subscribe(lamp: Lamp): void {
    const ua = this.userAgent
    this.clearRetry(lamp)
    this.dropSubscriber(lamp)
    // A new subscription numbers its documents from scratch.
    lamp.tracker.reset()
    const target = this.sip.makeURI(lamp.aor)
    if (!ua || !target) {
      this.emit(lamp)
      return
    }
    const { Subscriber, SubscriptionState } = this.sip
    const subscriber = new Subscriber(ua, target, 'dialog', {
      expires: this.expires,
      // Asterisk answers 489 without an explicit Accept.
      extraHeaders: [`Accept: ${DIALOG_INFO_CONTENT_TYPE}`],
    })
    lamp.subscriber = subscriber
    let holding = true
    this.inFlight += 1
    const settle = (): void => {
      if (!holding) return
      holding = false
      this.inFlight -= 1
      if (lamp.settle === settle) lamp.settle = undefined
      this.pumpSoon()
    }
    lamp.settle = settle
    subscriber.delegate = { onNotify: (n) => this.onNotify(lamp, subscriber, n) }
    subscriber.stateChange.addListener((state) => {
      if (state === SubscriptionState.Subscribed || state === SubscriptionState.Terminated) settle()
      if (state !== SubscriptionState.Terminated || lamp.subscriber !== subscriber) return
      lamp.subscriber = undefined
      lamp.tracker.reset()
      this.emit(lamp)
      this.scheduleRetry(lamp)
    })
    subscriber.subscribe().catch((error: unknown) => {
      settle()
      this.log(`SUBSCRIBE dialog ${lamp.aor} failed: ${String(error)}`)
      if (lamp.subscriber === subscriber) {
        lamp.subscriber = undefined
        this.scheduleRetry(lamp)
      }
    })
  }

  private onNotify(lamp: Lamp, subscriber: Subscriber, notification: Notification): void {
    const request = notification.request
    void notification.accept().catch(() => undefined)
    if (lamp.subscriber !== subscriber || this.lamps.get(lamp.aor) !== lamp) return
    lamp.failures = 0
    const state = request.parseHeader('Subscription-State') as { state?: string } | undefined
    if (state?.state === 'terminated') {
      lamp.tracker.reset()
      this.emit(lamp)
      return
    }
    const result = parseDialogInfo(request.body)
    if (result.kind === 'unreadable') {
      // Kamailio's first NOTIFY before any PUBLISH may be empty: the lamp stays as it was.
      if (request.body) this.log(`NOTIFY dialog from ${lamp.aor} ignored: ${result.reason}`)
      return
    }
    const before = lamp.tracker.state
    const outcome = lamp.tracker.apply(result.info)
    if (outcome === 'stale') return
    if (outcome === 'gap') {
      // Partial state with a hole: only a fresh subscription's full document is trustworthy.
      this.log(`NOTIFY dialog from ${lamp.aor} skipped versions: subscribing afresh`)
      this.enqueue(lamp)
      return
    }
    if (!sameState(before, lamp.tracker.state)) this.emit(lamp)
  }

  private scheduleRetry(lamp: Lamp): void {
    if (!this.registered || this.lamps.get(lamp.aor) !== lamp || lamp.retry !== undefined) return
    lamp.failures += 1
    const delay = this.sip.backoffDelay(lamp.failures, this.random)
    lamp.retry = this.clock.setTimeout(() => {
      lamp.retry = undefined
      if (this.registered && this.lamps.get(lamp.aor) === lamp) this.enqueue(lamp)
    }, delay)
  }

  private clearRetry(lamp: Lamp): void {
    if (lamp.retry !== undefined) {
      this.clock.clearTimeout(lamp.retry)
      lamp.retry = undefined
    }
  }

  /** Lets go of a subscription the server has probably forgotten, without waiting on it. */
  private dropSubscriber(lamp: Lamp): void {
    lamp.settle?.()
    const subscriber = lamp.subscriber
    lamp.subscriber = undefined
    if (subscriber) subscriber.dispose().catch(() => undefined)
  }

  private stopLamp(lamp: Lamp): void {
    this.clearRetry(lamp)
    if (lamp.queued) {
      lamp.queued = false
      this.queue = this.queue.filter((l) => l !== lamp)
    }
    this.dropSubscriber(lamp)
  }

  private async endAll(): Promise<void> {
    const ending: Promise<unknown>[] = []
    this.clearQueue()
    for (const lamp of this.lamps.values()) {
      this.clearRetry(lamp)
      lamp.settle?.()
      const subscriber = lamp.subscriber
      lamp.subscriber = undefined
      lamp.tracker.reset()
      this.emit(lamp)
      if (subscriber) ending.push(subscriber.dispose())
    }
    let timer: TimerHandle | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = this.clock.setTimeout(resolve, this.detachTimeoutMs)
    })
    await Promise.race([Promise.allSettled(ending), timeout])
    if (timer !== undefined) this.clock.clearTimeout(timer)
  }

  private emit(lamp: Lamp): void {
    const value = { aor: lamp.aor, state: lamp.tracker.state }
    for (const listener of [...this.listeners]) {
      try {
        listener(value)
      } catch (error) {
        this.log(`listener threw: ${String(error)}`)
      }
    }
  }
}

/** Two states a user would see as the same (a ringing lamp's caller and dialog included). */
function sameState(a: LampState, b: LampState): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind !== 'ringing' || b.kind !== 'ringing') return true
  return a.dialog.id === b.dialog.id && a.caller?.uri === b.caller?.uri && a.caller?.name === b.caller?.name
}
