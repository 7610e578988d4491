import { describe, it, expect, vi } from 'vitest'
import type { Clock } from './clock'
import { watchWake } from './wake'

/** A clock whose interval ticks are fired by hand at chosen wall-clock times. */
function manualClock() {
  let now = 1_000_000
  let tick: (() => void) | undefined
  const clock: Clock = {
    now: () => now,
    setTimeout: () => 0,
    clearTimeout: () => {},
    setInterval: (callback) => {
      tick = callback
      return 1
    },
    clearInterval: () => {
      tick = undefined
    },
  }
  return {
    clock,
    tickAfter(ms: number) {
      now += ms
      tick?.()
    },
    get watching() {
      return tick !== undefined
    },
  }
}

describe('watchWake', () => {
  it('stays quiet while ticks arrive on time or a little late', () => {
    const m = manualClock()
    const onWake = vi.fn()
    watchWake(m.clock, { periodMs: 10_000, jumpMs: 70_000 }, onWake)
    m.tickAfter(10_000)
    m.tickAfter(12_000)
    m.tickAfter(60_000) // a throttled background tab
    expect(onWake).not.toHaveBeenCalled()
  })

  it('reports a jump well beyond the period as a wake-up', () => {
    const m = manualClock()
    const onWake = vi.fn()
    watchWake(m.clock, { periodMs: 10_000, jumpMs: 70_000 }, onWake)
    m.tickAfter(10_000)
    m.tickAfter(3_600_000)
    expect(onWake).toHaveBeenCalledExactlyOnceWith(3_590_000)
    m.tickAfter(10_000)
    expect(onWake).toHaveBeenCalledOnce()
  })

  it('stops watching', () => {
    const m = manualClock()
    const stop = watchWake(m.clock, { periodMs: 10_000, jumpMs: 70_000 }, () => {})
    stop()
    expect(m.watching).toBe(false)
  })
})
