// A busy lamp's state from one dialog-event subscription's NOTIFYs (RFC 4235 §4.1): full
// documents replace what is known, partial ones change it dialog by dialog, and a document whose
// version is not newer than the last one applied is stale and dropped.
import type { Dialog, DialogInfo, DialogParty } from './dialog-info'

export type LampState =
  /** No dialog: the colleague is free. */
  | { kind: 'idle' }
  /** Someone is calling them; `dialog` carries what directed pickup needs. */
  | { kind: 'ringing'; caller: DialogParty | null; dialog: Dialog }
  /** Talking, or placing a call (a desk phone's lamp is busy while they dial too). */
  | { kind: 'in-call' }
  /** Every call they have is on hold. */
  | { kind: 'on-hold' }
  /** Nothing readable yet, or the subscription is gone. */
  | { kind: 'unknown' }

export type ApplyOutcome =
  | 'applied'
  | 'stale'
  /** Applied, but versions were skipped: partial state may be missing; ask for full state. */
  | 'gap'

const RINGING = new Set(['trying', 'proceeding', 'early'])

export class LampTracker {
  private version: number | null = null
  private readonly dialogs = new Map<string, Dialog>()
  private known = false

  /** Applies one NOTIFY's document, in arrival order. */
  apply(info: DialogInfo): ApplyOutcome {
    if (this.version !== null && info.version <= this.version) return 'stale'
    const gap = this.version !== null && info.state === 'partial' && info.version > this.version + 1
    this.version = info.version
    if (info.state === 'full') this.dialogs.clear()
    for (const dialog of info.dialogs) {
      if (dialog.state === 'terminated') this.dialogs.delete(dialog.id)
      else this.dialogs.set(dialog.id, dialog)
    }
    this.known = true
    return gap ? 'gap' : 'applied'
  }

  /** A new subscription numbers its documents afresh; until one arrives the lamp is unknown. */
  reset(): void {
    this.version = null
    this.dialogs.clear()
    this.known = false
  }

  get state(): LampState {
    if (!this.known) return { kind: 'unknown' }
    const dialogs = [...this.dialogs.values()]
    const ringing = dialogs.find((d) => RINGING.has(d.state) && d.direction !== 'initiator')
    if (ringing) return { kind: 'ringing', caller: ringing.remote, dialog: ringing }
    if (dialogs.some((d) => d.state !== 'confirmed' || !d.onHold)) return { kind: 'in-call' }
    if (dialogs.length > 0) return { kind: 'on-hold' }
    return { kind: 'idle' }
  }
}
