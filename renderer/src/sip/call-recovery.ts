// Keeps an answered call alive through network trouble. Two things can break under a call: the
// media path (ICE `disconnected` for longer than a short grace, or `failed`: a network change,
// NAT rebinding, a TURN server restart) and the signalling connection (the WebSocket dropped; the
// far end's idea of where to reach us is stale). Either way the cure is a re-INVITE with an ICE
// restart, sent once signalling works again: it brings new ICE credentials and candidates, and
// its Contact (which the proxy tags with our new connection) refreshes the far end's target.
//
// Glare: both ends notice trouble at about the same time. The original caller (the leader) asks
// at once; the other end waits a little longer, and stands down when the leader's re-INVITE
// arrives. Attempts are bounded, and so is the time from the first sign of trouble: past either
// bound the call ends as "Connection lost" rather than hang on in silence.
//
// Pure logic: no SIP.js, no WebRTC. The call feeds it ICE states and signalling changes and gives
// it a way to send the re-INVITE; time comes from an injected clock.

import type { CallEnd } from './call-end'
import type { Clock, TimerHandle } from './clock'

export type RestartOutcome =
  | { kind: 'accepted' }
  /** A final non-2xx answer (491 on glare, 5xx/477 from a proxy that cannot reach the peer …). */
  | { kind: 'rejected'; statusCode: number }
  /** Another re-INVITE (ours or the far end's) is in progress: try again later. */
  | { kind: 'busy' }
  /** It could not be sent at all. */
  | { kind: 'error'; detail: string }

export interface RecoveryActions {
  /** Sends a re-INVITE with an ICE restart (and our current Contact). */
  restartIce(): Promise<RestartOutcome>
  /** Recovery failed for good: end the call with this reason. */
  giveUp(end: CallEnd): void
  /** The call starts or stops reading "Reconnecting". */
  changed(reconnecting: boolean): void
  log(message: string): void
}

export interface RecoveryOptions {
  /** The original caller restarts first; the callee waits `followerDelayMs` for it. */
  leader: boolean
  /** ICE `disconnected` this long counts as a broken path (it often heals by itself sooner). */
  graceMs: number
  /** How long the callee waits before its own attempt, and between its attempts. */
  followerDelayMs: number
  /** Between the leader's attempts. */
  retryMs: number
  /** After an accepted restart, how long media gets to come back before another attempt. */
  settleMs: number
  /** An attempt with no outcome after this long no longer blocks the next one. */
  attemptTimeoutMs: number
  maxAttempts: number
  /** From the first sign of trouble to "Connection lost". */
  giveUpMs: number
}

export const defaultRecovery: Omit<RecoveryOptions, 'leader'> = {
  graceMs: 2000,
  followerDelayMs: 3000,
  retryMs: 2000,
  settleMs: 5000,
  attemptTimeoutMs: 8000,
  maxAttempts: 6,
  giveUpMs: 20_000,
}

type Media = 'ok' | 'disconnected' | 'failed'
type Phase = 'idle' | 'restarting' | 'settling' | 'over'

export class CallRecovery {
  private readonly options: RecoveryOptions
  private media: Media = 'ok'
  /** No audio has arrived for a while although ICE may still read connected (see flow()). */
  private stalled = false
  /** ICE has connected at least once: before that, a failure is the call's setup failing. */
  private mediaSeen = false
  private signalling = true
  /** Our connection changed since the far end last heard our Contact. */
  private staleContact = false
  private troubleSince: number | null = null
  private phase: Phase = 'idle'
  private attempts = 0
  private graceTimer: TimerHandle | undefined
  private nextTimer: TimerHandle | undefined
  private deadlineTimer: TimerHandle | undefined
  /** Tells stale attempt outcomes (one that timed out, then answered) from the current one. */
  private attemptId = 0

  constructor(
    private readonly actions: RecoveryActions,
    private readonly clock: Clock,
    options: Partial<RecoveryOptions> & { leader: boolean },
  ) {
    this.options = { ...defaultRecovery, ...options }
  }

  /** Shown as "Reconnecting": trouble was confirmed and the call is not back yet. */
  get reconnecting(): boolean {
    return this.troubleSince !== null && this.phase !== 'over'
  }

  get finished(): boolean {
    return this.phase === 'over'
  }

  /** The peer connection's iceConnectionState changed. */
  ice(state: RTCIceConnectionState): void {
    if (this.phase === 'over') return
    switch (state) {
      case 'connected':
      case 'completed':
        this.media = 'ok'
        this.mediaSeen = true
        if (!this.stalled) this.clearGrace()
        this.evaluate()
        return
      case 'disconnected':
        if (!this.mediaSeen) return
        this.media = 'disconnected'
        this.startGrace()
        return
      case 'failed':
        if (!this.mediaSeen) return
        this.media = 'failed'
        this.clearGrace()
        // The restart's own checks failed (a relay not back yet, say): no use waiting out the
        // rest of the settle time; the next attempt follows after the usual retry wait.
        if (this.phase === 'settling') {
          this.phase = 'idle'
          this.clearNext()
        }
        this.trouble('media path failed')
        return
      default:
        // 'new', 'checking' (during a restart), 'closed' (the call is ending): nothing to decide.
        return
    }
  }

  /**
   * Whether audio arrives (the call's receive counters grow; not asked while either side holds).
   * Browsers take seconds to call a dead path `disconnected`; silence says so sooner. The caller
   * reports a stall only once no audio came for the grace period, so it is trouble at once; and
   * a recovery is only done once audio flows again.
   */
  flow(flowing: boolean): void {
    if (this.phase === 'over' || !this.mediaSeen || flowing === !this.stalled) return
    this.stalled = !flowing
    if (this.stalled) {
      this.clearGrace()
      this.trouble('no audio arriving')
      return
    }
    if (this.media === 'ok') this.clearGrace()
    this.evaluate()
  }

  /** Signalling is usable (connected and registered on the current socket) or not. */
  signal(up: boolean): void {
    if (this.phase === 'over' || up === this.signalling) return
    this.signalling = up
    if (!up) {
      this.staleContact = true
      // A restart that went through on the old connection no longer counts.
      if (this.phase === 'settling') {
        this.phase = 'idle'
        this.clearNext()
      }
      this.trouble('signalling connection lost')
      return
    }
    this.evaluate()
  }

  /**
   * The network may have changed (online/offline, resume, interface change): a path that is
   * merely `disconnected` is not given the rest of its grace.
   */
  check(): void {
    if (this.phase === 'over') return
    if (this.broken && this.troubleSince === null) {
      this.clearGrace()
      this.trouble('network changed')
      return
    }
    // Waiting between attempts: try now instead.
    if (this.troubleSince !== null && this.phase === 'idle' && this.nextTimer !== undefined) {
      this.clearNext()
      this.evaluate(true)
    }
  }

  /**
   * The far end sent a re-INVITE and we answered it 200: our answer carried our current Contact,
   * and with `restartsIce` (new ICE credentials) it is restarting ICE (it may be the leader).
   */
  remoteRefreshed(restartsIce: boolean): void {
    if (this.phase === 'over' || !this.signalling) return
    this.staleContact = false
    if (this.troubleSince === null) return
    if (restartsIce && this.phase === 'idle') {
      this.clearNext()
      this.settle()
    }
    this.evaluate()
  }

  dispose(): void {
    this.phase = 'over'
    this.clearGrace()
    this.clearNext()
    this.clearDeadline()
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────

  private trouble(why: string): void {
    if (this.troubleSince === null) {
      this.troubleSince = this.clock.now()
      this.attempts = 0
      this.actions.log(`Call trouble (${why}): recovering`)
      this.deadlineTimer = this.clock.setTimeout(() => {
        this.deadlineTimer = undefined
        this.fail(`not recovered within ${this.options.giveUpMs} ms`)
      }, this.options.giveUpMs)
      this.actions.changed(true)
    }
    this.evaluate()
  }

  /** The media path is down as far as we can tell. */
  private get broken(): boolean {
    return this.media !== 'ok' || this.stalled
  }

  private get healthy(): boolean {
    return !this.broken && !this.staleContact && this.signalling
  }

  private startGrace(): void {
    if (this.troubleSince !== null || this.graceTimer !== undefined) return
    this.graceTimer = this.clock.setTimeout(() => {
      this.graceTimer = undefined
      if (this.broken) this.trouble('media path broken')
    }, this.options.graceMs)
  }

  /** Decides what happens next; `now` skips the wait before an attempt. */
  private evaluate(now = false): void {
    if (this.phase === 'over' || this.troubleSince === null) return
    if (this.healthy && this.phase !== 'restarting') {
      this.recovered()
      return
    }
    if (!this.signalling || this.phase !== 'idle' || this.nextTimer !== undefined) return
    const { leader, followerDelayMs, retryMs } = this.options
    const delay = now ? 0 : leader ? (this.attempts === 0 ? 0 : retryMs) : followerDelayMs
    if (delay === 0) {
      void this.attempt()
      return
    }
    this.nextTimer = this.clock.setTimeout(() => {
      this.nextTimer = undefined
      void this.attempt()
    }, delay)
  }

  private async attempt(): Promise<void> {
    if (this.phase !== 'idle' || !this.signalling || this.troubleSince === null) return
    if (this.attempts >= this.options.maxAttempts) {
      this.fail(`${this.attempts} ICE restarts did not bring the call back`)
      return
    }
    this.attempts += 1
    this.phase = 'restarting'
    const id = ++this.attemptId
    const timeout = this.clock.setTimeout(() => {
      if (id !== this.attemptId || this.phase !== 'restarting') return
      this.attemptId += 1
      this.actions.log('ICE restart got no answer in time')
      this.phase = 'idle'
      this.evaluate()
    }, this.options.attemptTimeoutMs)
    let outcome: RestartOutcome
    try {
      outcome = await this.actions.restartIce()
    } catch (error) {
      outcome = { kind: 'error', detail: String(error) }
    }
    this.clock.clearTimeout(timeout)
    if (id !== this.attemptId || this.phase !== 'restarting') return
    switch (outcome.kind) {
      case 'accepted':
        this.staleContact = false
        this.settle()
        this.evaluate()
        return
      case 'rejected':
        // The far end no longer knows the call: it hung up while its BYE could not reach us.
        // That is what the user is told, not a lost connection.
        if (outcome.statusCode === 481) {
          this.fail('the far end no longer knows this call (481)', {
            reason: 'remote-hangup',
            statusCode: 481,
          })
          return
        }
        this.actions.log(`ICE restart refused: ${outcome.statusCode}`)
        break
      case 'busy':
        break
      case 'error':
        this.actions.log(`ICE restart could not be sent: ${outcome.detail}`)
        break
    }
    this.phase = 'idle'
    this.evaluate()
  }

  /** A restart went through: media gets a while to come back before the next try. */
  private settle(): void {
    this.phase = 'settling'
    this.clearNext()
    this.nextTimer = this.clock.setTimeout(() => {
      this.nextTimer = undefined
      if (this.phase !== 'settling') return
      this.phase = 'idle'
      this.evaluate()
    }, this.options.settleMs)
  }

  private recovered(): void {
    const took = this.troubleSince === null ? 0 : this.clock.now() - this.troubleSince
    this.actions.log(`Call recovered after ${took} ms (${this.attempts} ICE restarts)`)
    this.troubleSince = null
    this.attempts = 0
    this.phase = 'idle'
    this.clearNext()
    this.clearDeadline()
    this.actions.changed(false)
  }

  private fail(why: string, end: Omit<CallEnd, 'detail'> = { reason: 'connection-lost' }): void {
    if (this.phase === 'over') return
    this.actions.log(`Call lost: ${why}`)
    this.dispose()
    this.actions.giveUp({ ...end, detail: why })
  }

  private clearGrace(): void {
    if (this.graceTimer !== undefined) this.clock.clearTimeout(this.graceTimer)
    this.graceTimer = undefined
  }

  private clearNext(): void {
    if (this.nextTimer !== undefined) this.clock.clearTimeout(this.nextTimer)
    this.nextTimer = undefined
  }

  private clearDeadline(): void {
    if (this.deadlineTimer !== undefined) this.clock.clearTimeout(this.deadlineTimer)
    this.deadlineTimer = undefined
  }
}
