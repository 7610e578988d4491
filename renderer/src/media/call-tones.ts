// When each call tone sounds, and where: the ringtone while a call rings here (on the ringer
// device), the ringback while an outgoing call rings at the far end with no early media (on the
// speaker). Calls refused by Do not disturb never ring: they are never seen as incoming.
import { RINGBACK, RINGTONE } from './tones'
import type { TonePattern } from './tones'

/** What the tones need to know of a call (the calls module's snapshots fit it). */
export interface ToneCall {
  readonly direction: 'incoming' | 'outgoing'
  readonly phase: string
  readonly earlyMedia: boolean
}

export interface WantedTones {
  ringtone: boolean
  ringback: boolean
}

export function wantedTones(calls: readonly ToneCall[], ringtoneOn: boolean): WantedTones {
  return {
    ringtone: ringtoneOn && calls.some((c) => c.phase === 'incoming'),
    // 'ringing' only between 18x and the answer; early media brings the far end's own tone.
    ringback: calls.some(
      (c) => c.direction === 'outgoing' && c.phase === 'ringing' && !c.earlyMedia,
    ),
  }
}

/** The part of TonePlayer used here. */
export interface ToneOutput {
  play(pattern: TonePattern, sinkId: string): void
  stop(): void
}

export interface ToneSinks {
  /** setSinkId values; '' is the system default. */
  ringer: string
  speaker: string
}

export class CallTones {
  constructor(
    private readonly ringtone: ToneOutput,
    private readonly ringback: ToneOutput,
  ) {}

  update(wanted: WantedTones, sinks: ToneSinks): void {
    if (wanted.ringtone) this.ringtone.play(RINGTONE, sinks.ringer)
    else this.ringtone.stop()
    if (wanted.ringback) this.ringback.play(RINGBACK, sinks.speaker)
    else this.ringback.stop()
  }

  stop(): void {
    this.ringtone.stop()
    this.ringback.stop()
  }
}
