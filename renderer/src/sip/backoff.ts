// Delay before the next reconnect: exponential growth with full jitter, so many clients that lost
// the same server do not come back in lockstep.

export interface BackoffOptions {
  /** Ceiling of the first attempt's delay. */
  baseMs: number
  /** Largest delay ever returned. */
  capMs: number
  /** Smallest delay: two drops in a row must not reconnect in the same tick. */
  floorMs: number
}

export const defaultBackoff: BackoffOptions = { baseMs: 1000, capMs: 30_000, floorMs: 250 }

/**
 * Delay in ms before reconnect attempt `attempt` (1 for the first retry): uniformly random between
 * `floorMs` and `min(capMs, baseMs · 2^(attempt-1))`.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = defaultBackoff,
): number {
  const exponent = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt) - 1) : 0
  const ceiling = Math.max(options.floorMs, Math.min(options.capMs, options.baseMs * 2 ** exponent))
  // Clamp: an injected source might return exactly 1 or slightly out of range.
  const value = random()
  const r = Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0
  return Math.round(options.floorMs + r * (ceiling - options.floorMs))
}
