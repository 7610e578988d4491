// Busy lamps: one dialog-event subscription (RFC 4235 over RFC 6665) per colleague whose lamp the
// user turned on, read with the shared strict reader and tracker, as typed events with plain
// values. It plugs into the engine like presence, but is loaded only once a lamp exists.
//
// The subscriptions are paced, re-sent at each new registration and retried with backoff as for
// presence (paced-subscriptions.ts); a partial document that skipped versions is re-subscribed
// for full state (the tracker cannot fill the hole).
import { DIALOG_INFO_CONTENT_TYPE, parseDialogInfo } from '@shared/dialog/dialog-info'
import { LampTracker } from '@shared/dialog/lamp'
import type { LampState } from '@shared/dialog/lamp'
import type { EngineExtension } from './extension'
import { PacedSubscriptions } from './paced-subscriptions'
import type { PacingOptions } from './paced-subscriptions'
import type { SipKit } from './sip-kit'

export interface LampEvents {
  /** A lamp's state changed (or became known, or unknown again). */
  lamp: { aor: string; state: LampState }
}

export interface LampWatcherOptions extends PacingOptions {
  /** SIP.js's classes, from the session (see sip-kit.ts for why they are not imported here). */
  sip: SipKit
}

/** Lamps watched at most: a desk phone's expansion modules hold a few dozen to a hundred or two. */
export const MAX_LAMPS = 200

const UNKNOWN: LampState = { kind: 'unknown' }

export class LampWatcher {
  private readonly listeners = new Set<(value: LampEvents['lamp']) => void>()
  private readonly log: (message: string) => void
  private readonly lamps: PacedSubscriptions<LampTracker>

  readonly extension: EngineExtension = {
    name: 'lamps',
    attach: ({ userAgent, engine }) => this.lamps.attach(userAgent, engine),
  }

  constructor(options: LampWatcherOptions) {
    const log = options.log ?? ((m) => console.warn(`[lamps] ${m}`))
    this.log = log
    this.lamps = new PacedSubscriptions({
      ...options,
      log,
      event: 'dialog',
      accept: DIALOG_INFO_CONTENT_TYPE,
      cap: MAX_LAMPS,
      create: () => new LampTracker(),
      hooks: {
        // A new subscription numbers its documents from scratch.
        started: (_aor, tracker) => tracker.reset(),
        notify: (aor, tracker, request) => this.onNotify(aor, tracker, request.body),
        lost: (aor, tracker) => {
          tracker.reset()
          this.emit(aor, tracker)
        },
      },
    })
  }

  on(_event: 'lamp', listener: (value: LampEvents['lamp']) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The addresses whose lamps to show: new ones are subscribed, dropped ones let go. */
  setWatched(aors: readonly string[]): void {
    this.lamps.setWatched(aors)
  }

  get watched(): string[] {
    return this.lamps.watched
  }

  stateOf(aor: string): LampState {
    return this.lamps.dataOf(aor)?.state ?? UNKNOWN
  }

  private onNotify(aor: string, tracker: LampTracker, body: string): void {
    const result = parseDialogInfo(body)
    if (result.kind === 'unreadable') {
      // Kamailio's first NOTIFY before any PUBLISH may be empty: the lamp stays as it was.
      if (body) this.log(`NOTIFY dialog from ${aor} ignored: ${result.reason}`)
      return
    }
    const before = tracker.state
    const outcome = tracker.apply(result.info)
    if (outcome === 'stale') return
    if (outcome === 'gap') {
      // Partial state with a hole: only a fresh subscription's full document is trustworthy.
      this.log(`NOTIFY dialog from ${aor} skipped versions: subscribing afresh`)
      this.lamps.resubscribe(aor)
      return
    }
    if (!sameState(before, tracker.state)) this.emit(aor, tracker)
  }

  private emit(aor: string, tracker: LampTracker): void {
    const value = { aor, state: tracker.state }
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
  return (
    a.dialog.id === b.dialog.id &&
    a.caller?.uri === b.caller?.uri &&
    a.caller?.name === b.caller?.name
  )
}
