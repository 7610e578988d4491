// Digits dialled after a call connects: a `tel:` link's `;ext=1234` (RFC 3966) names an
// extension behind the number, which a PBX's attendant takes as tones once it has answered.
// Pure bookkeeping (no Vue, no SIP.js): the calls store feeds it call snapshots and gives it the
// way to send tones and to wait.

/** How long after "Connected" the digits go: the far end's media path and attendant need a moment. */
export const POST_DIAL_DELAY_MS = 1000

export interface PostDialOptions {
  /** Sends tones on a call; false when the call cannot take them (then they are dropped). */
  send: (callId: string, digits: string) => boolean
  schedule: (run: () => void, ms: number) => unknown
  delayMs?: number
}

export interface CallPhaseView {
  id: string
  phase: string
}

export class PostDial {
  /** Call id → digits still to send. */
  private readonly pending = new Map<string, string>()

  constructor(private readonly options: PostDialOptions) {}

  /** Remembers digits for a call just placed. */
  expect(callId: string, digits: string): void {
    if (digits !== '') this.pending.set(callId, digits)
  }

  /** Every snapshot of every call: the first "connected" sends (once); an end forgets. */
  update(call: CallPhaseView): void {
    const digits = this.pending.get(call.id)
    if (digits === undefined) return
    if (call.phase === 'ended') {
      this.pending.delete(call.id)
      return
    }
    if (call.phase !== 'connected') return
    // Taken now, so a later snapshot (hold, mute) does not send them again.
    this.pending.delete(call.id)
    this.options.schedule(() => {
      this.options.send(call.id, digits)
    }, this.options.delayMs ?? POST_DIAL_DELAY_MS)
  }

  get waiting(): number {
    return this.pending.size
  }
}
