// Who hears whom in a local conference: each remote party is sent the host's microphone and
// every other party's voice, never its own (it would hear itself as an echo, delayed by two
// network legs). Pure, so the rule is tested without Web Audio.

/** The host's own microphone, as a source of a mix. */
export const LOCAL = 'local'

export interface MixParty {
  id: string
  /** Muted by the host: nobody else hears this party (the host still does, on its own leg). */
  muted: boolean
}

/** For each party (its outgoing leg), the sources mixed into what it is sent. */
export type MixPlan = ReadonlyMap<string, readonly string[]>

export function mixPlan(parties: readonly MixParty[], localMuted: boolean): MixPlan {
  const plan = new Map<string, string[]>()
  for (const leg of parties) {
    const sources = localMuted ? [] : [LOCAL]
    for (const other of parties) {
      if (other.id !== leg.id && !other.muted) sources.push(other.id)
    }
    plan.set(leg.id, sources)
  }
  return plan
}

/** A party counts as speaking above this RMS level (0 … 1) of its received audio. */
export const SPEAKING_LEVEL = 0.02

/** RMS of time-domain samples (−1 … 1). */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0
  let sum = 0
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!
  return Math.sqrt(sum / samples.length)
}
