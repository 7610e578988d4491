// The presence module: publishes our own status and watches contacts' (RFC 3856 over RFC 6665),
// as typed events with plain values. It plugs into the engine like calls and messaging.
//
// Watching is paced-subscriptions.ts (capped, paced, re-sent at each registration, retried with
// backoff, ended at sign-out). Server state is assumed lost whenever the registration is regained
// (Kamailio keeps presence in memory only), so each return to "registered" also republishes our
// status; at sign-out the publication is removed together with the subscriptions.
import type { UserAgent } from 'sip.js'
import { PIDF_CONTENT_TYPE } from '@shared/presence/content-type'
import type { Presence, PublishedStatus } from '@shared/presence/pidf'
import type * as PidfModule from '@shared/presence/pidf'
import type { Clock, TimerHandle } from './clock'
import { TypedEmitter } from '../lib/emitter'
import type { EngineExtension, EngineView } from './extension'
import { PacedSubscriptions } from './paced-subscriptions'
import type { PacingOptions } from './paced-subscriptions'
import { PresencePublisher } from './presence-publisher'
import { sipKit } from './sip-kit'

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

/** `expires` is also the publication's lifetime; the detach bound covers removing it too. */
export type PresenceManagerOptions = PacingOptions

const OFFLINE: Presence = { status: 'offline', note: '' }

/**
 * Contacts whose presence is watched at most (each is one SUBSCRIBE dialog, paced a few in
 * flight): a full office directory of 500 is watched, a 5000-card import is not.
 */
export const MAX_WATCHES = 500

export class PresenceManager {
  private readonly events: TypedEmitter<PresenceEvents>
  private readonly clock: Clock
  private readonly log: (message: string) => void
  private readonly expires: number
  private readonly watches: PacedSubscriptions<undefined, typeof PidfModule>
  /**
   * Null until the app says what it is: start-up registers before the app has read the user's
   * status, and publishing "available" meanwhile would show a Do not disturb user as free.
   */
  private own: { status: PublishedStatus; note: string } | null = null
  private userAgent: UserAgent | undefined
  private publisher: PresencePublisher | undefined
  /** The publication due (see publishSoon). */
  private publishTimer: TimerHandle | undefined
  private readonly tupleId = Math.random().toString(36).slice(2, 10)

  readonly extension: EngineExtension = {
    name: 'presence',
    attach: ({ userAgent, engine }) => this.attach(userAgent, engine),
  }

  constructor(options: PresenceManagerOptions = {}) {
    this.clock = options.clock ?? sipKit.clock
    this.log = options.log ?? ((m) => console.warn(`[presence] ${m}`))
    this.expires = options.expires ?? 600
    this.events = new TypedEmitter<PresenceEvents>((e) => this.log(`listener threw: ${String(e)}`))
    this.watches = new PacedSubscriptions({
      ...options,
      sip: sipKit,
      clock: this.clock,
      log: this.log,
      expires: this.expires,
      event: 'presence',
      accept: PIDF_CONTENT_TYPE,
      cap: MAX_WATCHES,
      create: () => undefined,
      hooks: {
        prepare: loadPidf,
        notify: (aor, _data, request, pidf) => {
          if (pidf) this.onNotify(pidf, aor, request.body)
        },
        lost: (aor, _data, reason) => {
          if (reason === 'unreachable') this.emit(aor, { status: 'unknown', note: '' })
          else if (reason === 'ended') this.emit(aor, OFFLINE)
        },
      },
    })
  }

  on<K extends keyof PresenceEvents>(
    event: K,
    listener: (value: PresenceEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener)
  }

  /** Our status as others should see it; published now when registered, else on registering. */
  setOwn(status: PublishedStatus, note: string): void {
    if (this.own?.status === status && this.own.note === note) return
    this.own = { status, note }
    if (this.watches.registered) this.publishSoon()
  }

  /**
   * The addresses to watch: new ones are subscribed, dropped ones unsubscribed. Only the first
   * MAX_WATCHES (the list's order: favourites first) are watched: an imported 5000-card file
   * must not fire 5000 SUBSCRIBEs at once; the rest show "Unknown".
   */
  setWatched(aors: readonly string[]): void {
    this.watches.setWatched(aors)
  }

  /** The addresses being watched now. */
  get watched(): string[] {
    return this.watches.watched
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
    return this.watches.attach(userAgent, engine, {
      // Republished at each registration: the server may have forgotten it.
      registration: (registered) => {
        if (registered) {
          this.publishSoon()
        } else {
          this.cancelPublish()
          this.publisher?.reset()
        }
      },
      // Removed at sign-out, together with the subscriptions.
      closing: () => this.publisher?.close(),
      detached: () => {
        this.userAgent = undefined
        this.publisher = undefined
      },
    })
  }

  /**
   * Publishes in a task of its own, the last status given: loading the PIDF module and building
   * the PUBLISH must not hold up what a registration (the 200's task) or start-up (the app's
   * build, which gives the status) shows.
   */
  private publishSoon(): void {
    this.cancelPublish()
    this.publishTimer = this.clock.setTimeout(() => {
      this.publishTimer = undefined
      void this.publishOwn()
    }, 0)
  }

  private cancelPublish(): void {
    if (this.publishTimer !== undefined) this.clock.clearTimeout(this.publishTimer)
    this.publishTimer = undefined
  }

  private async publishOwn(): Promise<void> {
    if (!this.own) return
    const { buildPidf } = await loadPidf()
    const ua = this.userAgent
    const own = this.own
    if (!ua || !this.publisher) return
    const body = buildPidf({
      entity: ua.configuration.uri.toString(),
      status: own.status,
      note: own.note,
      id: this.tupleId,
    })
    return this.publisher.publish(body)
  }

  private onNotify(pidf: typeof PidfModule, aor: string, body: string): void {
    const result = pidf.parsePidf(body)
    if (result.kind === 'ignored') {
      this.log(`NOTIFY from ${aor} ignored: ${result.reason}`)
      return
    }
    this.emit(aor, result.presence)
  }

  private emit(aor: string, presence: Presence): void {
    this.events.emit('presence', { aor, presence })
  }
}
