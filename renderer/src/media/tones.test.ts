import { describe, expect, it, vi } from 'vitest'
import {
  RINGBACK,
  RINGTONE,
  TONE_SAMPLE_RATE,
  TonePlayer,
  cycleSeconds,
  renderCycle,
} from './tones'
import type { ToneEnvironment } from './tones'

const rate = TONE_SAMPLE_RATE
const peak = (s: Float32Array, from: number, to: number) =>
  s
    .slice(Math.round(from * rate), Math.round(to * rate))
    .reduce((m, v) => Math.max(m, Math.abs(v)), 0)

describe('renderCycle', () => {
  it('renders one whole cycle', () => {
    expect(cycleSeconds(RINGTONE)).toBeCloseTo(3)
    expect(renderCycle(RINGTONE)).toHaveLength(3 * rate)
    expect(renderCycle(RINGBACK)).toHaveLength(6 * rate)
  })

  it('sounds during the on times and is silent during the off times', () => {
    const s = renderCycle(RINGTONE)
    expect(peak(s, 0.05, 0.35)).toBeGreaterThan(RINGTONE.level * 0.5)
    expect(peak(s, 0.41, 0.59)).toBe(0)
    expect(peak(s, 0.65, 0.95)).toBeGreaterThan(RINGTONE.level * 0.5)
    expect(peak(s, 1.01, 3)).toBe(0)
  })

  it('never goes above its level and fades in and out (no clicks)', () => {
    const s = renderCycle(RINGBACK)
    expect(peak(s, 0, 6)).toBeLessThanOrEqual(RINGBACK.level)
    expect(Math.abs(s[0] ?? 1)).toBe(0)
    expect(Math.abs(s[2 * rate - 1] ?? 1)).toBe(0)
    expect(peak(s, 0, 0.001)).toBeLessThan(RINGBACK.level * 0.2)
  })

  it('is silence for a pattern with no frequencies', () => {
    expect(peak(renderCycle({ frequencies: [], cadence: [1, 1], level: 1 }), 0, 2)).toBe(0)
  })
})

/** Stand-ins for AudioContext and <audio>: enough to see what the player asks of them. */
function fakeEnvironment() {
  const contexts: {
    closed: boolean
    state: string
    started: number
    stopped: number
    buffers: number
  }[] = []
  const elements: {
    sinkId: string
    srcObject: unknown
    paused: boolean
    setSinkId: ReturnType<typeof vi.fn>
    play: ReturnType<typeof vi.fn>
    pause: () => void
  }[] = []
  const gone = new Set<string>()
  const env: ToneEnvironment = {
    createContext: () => {
      const record = { closed: false, state: 'running', started: 0, stopped: 0, buffers: 0 }
      contexts.push(record)
      const stream = { getTracks: () => [{ stop: () => undefined }] }
      return {
        get state() {
          return record.state
        },
        createBuffer: (_channels: number, length: number) => {
          record.buffers++
          return { length, copyToChannel: () => undefined }
        },
        suspend: async () => void (record.state = 'suspended'),
        resume: async () => void (record.state = 'running'),
        createBufferSource: () => ({
          buffer: null,
          loop: false,
          connect: () => undefined,
          disconnect: () => undefined,
          start: () => void record.started++,
          stop: () => void record.stopped++,
        }),
        createMediaStreamDestination: () => ({ stream }),
        close: async () => {
          record.closed = true
          record.state = 'closed'
        },
      } as unknown as AudioContext
    },
    createElement: () => {
      const element = {
        sinkId: '',
        srcObject: null as unknown,
        paused: true,
        setSinkId: vi.fn(async (id: string) => {
          if (gone.has(id)) throw new DOMException('gone', 'NotFoundError')
          element.sinkId = id
        }),
        play: vi.fn(async () => void (element.paused = false)),
        pause: () => void (element.paused = true),
      }
      elements.push(element)
      return element as unknown as HTMLAudioElement
    },
  }
  return { env, contexts, elements, gone }
}

describe('TonePlayer', () => {
  it('plays a looping tone on the chosen device', async () => {
    const { env, contexts, elements } = fakeEnvironment()
    const player = new TonePlayer(env, () => {})
    player.play(RINGTONE, 'ringer-1')
    await vi.waitFor(() => expect(elements[0]?.paused).toBe(false))
    expect(elements[0]?.sinkId).toBe('ringer-1')
    expect(elements[0]?.srcObject).not.toBeNull()
    expect(contexts[0]?.started).toBe(1)
    expect(player.pattern).toBe(RINGTONE)
  })

  it('keeps playing (no restart) when asked again, and follows a new device', async () => {
    const { env, contexts, elements } = fakeEnvironment()
    const player = new TonePlayer(env, () => {})
    player.play(RINGTONE, '')
    player.play(RINGTONE, '')
    player.play(RINGTONE, 'other')
    await vi.waitFor(() => expect(elements[0]?.sinkId).toBe('other'))
    expect(contexts).toHaveLength(1)
  })

  it('stops: paused, its audio context suspended; disposed: its stream gone, the context closed', async () => {
    const { env, contexts, elements } = fakeEnvironment()
    const player = new TonePlayer(env, () => {})
    player.play(RINGBACK, '')
    await vi.waitFor(() => expect(elements[0]?.paused).toBe(false))
    player.stop()
    expect(elements[0]?.paused).toBe(true)
    await vi.waitFor(() => expect(contexts[0]).toMatchObject({ stopped: 1, state: 'suspended' }))
    expect(player.pattern).toBeNull()
    player.stop() // twice is fine
    player.dispose()
    expect(elements[0]?.srcObject).toBeNull()
    await vi.waitFor(() => expect(contexts[0]?.closed).toBe(true))
  })

  it('switching tones stops the first, on the same context', async () => {
    const { env, contexts } = fakeEnvironment()
    const player = new TonePlayer(env, () => {})
    player.play(RINGTONE, '')
    player.play(RINGBACK, '')
    expect(contexts).toHaveLength(1)
    expect(contexts[0]).toMatchObject({ started: 2, stopped: 1, closed: false })
  })

  it('rings the next call on the kept context, buffer and element, woken up', async () => {
    const { env, contexts, elements } = fakeEnvironment()
    const player = new TonePlayer(env, () => {})
    player.play(RINGTONE, '')
    await vi.waitFor(() => expect(elements[0]?.paused).toBe(false))
    player.stop()
    await vi.waitFor(() => expect(contexts[0]?.state).toBe('suspended'))
    player.play(RINGTONE, '')
    await vi.waitFor(() => expect(elements[0]?.play).toHaveBeenCalledTimes(2))
    expect(elements).toHaveLength(1)
    expect(elements[0]?.paused).toBe(false)
    expect(contexts).toHaveLength(1)
    expect(contexts[0]).toMatchObject({ state: 'running', buffers: 1, started: 2 })
  })

  it('a tone stopped and started again while the device was being set plays once, as the new one', async () => {
    const { env, elements } = fakeEnvironment()
    const player = new TonePlayer(env, () => {})
    player.play(RINGTONE, 'slow')
    player.stop()
    player.play(RINGBACK, 'slow')
    await vi.waitFor(() => expect(elements[0]?.paused).toBe(false))
    await new Promise((r) => setTimeout(r, 0))
    expect(elements[0]?.play).toHaveBeenCalledTimes(1)
    expect(player.pattern).toBe(RINGBACK)
  })

  it('starts over on a new context when the browser closed the kept one', () => {
    const { env, contexts } = fakeEnvironment()
    const player = new TonePlayer(env, () => {})
    player.play(RINGTONE, '')
    player.stop()
    contexts[0]!.state = 'closed'
    player.play(RINGTONE, '')
    expect(contexts).toHaveLength(2)
    expect(contexts[1]).toMatchObject({ started: 1, buffers: 1 })
  })

  it('never starts when stopped while the device was being set', async () => {
    const { env, elements } = fakeEnvironment()
    const player = new TonePlayer(env, () => {})
    player.play(RINGTONE, 'slow')
    player.stop()
    await new Promise((r) => setTimeout(r, 0))
    expect(elements[0]?.play).not.toHaveBeenCalled()
  })

  it('plays on the default device when the chosen one is gone', async () => {
    const { env, elements, gone } = fakeEnvironment()
    gone.add('unplugged')
    const logged: string[] = []
    const player = new TonePlayer(env, (m) => logged.push(m))
    player.play(RINGTONE, 'unplugged')
    await vi.waitFor(() => expect(elements[0]?.paused).toBe(false))
    expect(elements[0]?.sinkId).toBe('')
    expect(logged[0]).toMatch(/not available/)
  })

  it('logs when autoplay is refused, without throwing', async () => {
    const { env, elements } = fakeEnvironment()
    const logged: string[] = []
    const player = new TonePlayer(env, (m) => logged.push(m))
    player.play(RINGTONE, '')
    elements[0]?.play.mockRejectedValueOnce(new DOMException('no gesture', 'NotAllowedError'))
    await vi.waitFor(() => expect(logged[0]).toMatch(/could not start: NotAllowedError/))
  })

  it('logs when there is no audio at all', () => {
    const logged: string[] = []
    const player = new TonePlayer(
      {
        createContext: () => {
          throw new Error('no AudioContext')
        },
        createElement: () => ({}) as HTMLAudioElement,
      },
      (m) => logged.push(m),
    )
    player.play(RINGTONE, '')
    expect(player.pattern).toBeNull()
    expect(logged[0]).toMatch(/no AudioContext/)
  })
})
