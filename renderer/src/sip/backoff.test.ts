import { describe, it, expect } from 'vitest'
import { backoffDelay, defaultBackoff } from './backoff'

const options = { baseMs: 1000, capMs: 30_000, floorMs: 250 }

describe('backoffDelay', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16_000],
    [6, 30_000],
    [50, 30_000],
    [5000, 30_000],
  ])('attempt %i is at most %i ms', (attempt, ceiling) => {
    expect(backoffDelay(attempt, () => 0.999999, options)).toBeCloseTo(ceiling, -1)
    expect(backoffDelay(attempt, () => 0, options)).toBe(250)
  })

  it('spreads delays over the whole window (full jitter)', () => {
    expect(backoffDelay(3, () => 0.5, options)).toBe(250 + 0.5 * (4000 - 250))
  })

  it.each([0, -3, Number.NaN])('treats attempt %s as the first', (attempt) => {
    expect(backoffDelay(attempt, () => 1, options)).toBe(1000)
  })

  it('clamps a random source that strays out of [0, 1]', () => {
    expect(backoffDelay(2, () => 7, options)).toBe(2000)
    expect(backoffDelay(2, () => -1, options)).toBe(250)
  })

  it('has sane defaults', () => {
    expect(defaultBackoff.baseMs).toBeGreaterThanOrEqual(500)
    expect(defaultBackoff.baseMs).toBeLessThanOrEqual(1000)
    expect(defaultBackoff.capMs).toBe(30_000)
    for (let attempt = 1; attempt < 40; attempt++) {
      const delay = backoffDelay(attempt)
      expect(delay).toBeGreaterThanOrEqual(defaultBackoff.floorMs)
      expect(delay).toBeLessThanOrEqual(defaultBackoff.capMs)
    }
  })
})
