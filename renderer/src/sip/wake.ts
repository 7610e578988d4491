// Notices that the machine slept: an interval timer whose ticks arrive far later than scheduled.
// Browsers also delay timers in background tabs (up to about a minute), so the jump threshold sits
// above that.

import type { Clock } from './clock'

export interface WakeOptions {
  periodMs: number
  /** Extra delay beyond the period that counts as "the machine was asleep". */
  jumpMs: number
}

export const defaultWake: WakeOptions = { periodMs: 10_000, jumpMs: 70_000 }

/** Calls `onWake` after each detected sleep; returns a function that stops watching. */
export function watchWake(
  clock: Clock,
  options: WakeOptions,
  onWake: (sleptMs: number) => void,
): () => void {
  let last = clock.now()
  const handle = clock.setInterval(() => {
    const now = clock.now()
    const elapsed = now - last
    last = now
    if (elapsed > options.periodMs + options.jumpMs) onWake(elapsed - options.periodMs)
  }, options.periodMs)
  return () => clock.clearInterval(handle)
}
