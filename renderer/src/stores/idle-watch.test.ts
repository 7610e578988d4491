import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watchIdle } from './idle-watch'

describe('watchIdle', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('in a browser: idle after the threshold with no input in the window, active on input', async () => {
    const target = new EventTarget()
    const changes: boolean[] = []
    const stop = watchIdle({
      target,
      thresholdMs: () => 60_000,
      onChange: (v) => changes.push(v),
      now: Date.now,
    })
    await vi.advanceTimersByTimeAsync(55_000)
    expect(changes).toEqual([])
    await vi.advanceTimersByTimeAsync(10_000)
    expect(changes).toEqual([true])
    target.dispatchEvent(new Event('keydown'))
    expect(changes).toEqual([true, false])
    stop()
  })

  it('on the desktop the OS idle time decides: typing in another app is not idle', async () => {
    const target = new EventTarget()
    const changes: boolean[] = []
    let systemIdleMs = 0
    const stop = watchIdle({
      target,
      thresholdMs: () => 60_000,
      onChange: (v) => changes.push(v),
      now: Date.now,
      systemIdleMs: () => Promise.resolve(systemIdleMs),
    })
    // No input in our window for 10 minutes, but the user works elsewhere.
    await vi.advanceTimersByTimeAsync(600_000)
    expect(changes).toEqual([])
    // Away from the machine: the OS says so.
    systemIdleMs = 61_000
    await vi.advanceTimersByTimeAsync(5_000)
    expect(changes).toEqual([true])
    // Back at the keyboard in another app: active again without touching our window.
    systemIdleMs = 1_000
    await vi.advanceTimersByTimeAsync(5_000)
    expect(changes).toEqual([true, false])
    stop()
  })
})
