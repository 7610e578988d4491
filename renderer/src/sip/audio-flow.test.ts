import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AudioFlowWatch } from './audio-flow'
import { systemClock } from './clock'

// A connection whose inbound audio counter the test moves (or not).
function connection() {
  const pc = {
    packets: 0,
    connectionState: 'connected',
    getStats: async () =>
      new Map([['in', { type: 'inbound-rtp', kind: 'audio', packetsReceived: pc.packets }]]),
  }
  return pc
}

let reports: boolean[]
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms)

beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
  reports = []
})
afterEach(() => vi.useRealTimers())

function watch(pc: ReturnType<typeof connection> | undefined, paused = () => false) {
  return new AudioFlowWatch({
    peerConnection: () => pc as unknown as RTCPeerConnection | undefined,
    paused,
    report: (flowing) => reports.push(flowing),
    clock: systemClock,
    graceMs: 2000,
  })
}

describe('AudioFlowWatch', () => {
  it('reports audio while packets arrive, and silence once none came for the grace period', async () => {
    const pc = connection()
    const flow = watch(pc)
    pc.packets = 10
    await advance(1000)
    expect(reports).toEqual([true])
    await advance(1000) // same count: silent for 1 s, under the grace
    expect(reports).toEqual([true])
    await advance(2000)
    expect(reports.at(-1)).toBe(false)
    pc.packets = 20
    await advance(1000)
    expect(reports.at(-1)).toBe(true)
    flow.stop()
  })

  it('a hold is not silence; nothing is read once the call ended or after stop()', async () => {
    const pc = connection()
    let held = true
    const flow = watch(pc, () => held)
    await advance(5000)
    expect(reports.every(Boolean)).toBe(true)
    held = false
    flow.stop()
    const count = reports.length
    await advance(10_000)
    expect(reports).toHaveLength(count)

    const gone = watch(undefined)
    await advance(5000)
    expect(reports).toHaveLength(count)
    gone.stop()
  })
})
