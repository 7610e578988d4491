import { describe, expect, it, vi } from 'vitest'
import { announceOnLeg } from './announce'
import { audioSender, ownAudio } from '@/media/conference/leg'
import { beep } from './beep'

// The beep on a plain call's leg, against fake Web Audio and a fake sender: the real sound is
// checked by the conference e2e (the far end's received audio carries 1400 Hz).

class FakeParam {
  events: string[] = []
  value = 0
  setValueAtTime(v: number, t: number) {
    this.events.push(`set ${v} at ${t}`)
  }
  linearRampToValueAtTime(v: number, t: number) {
    this.events.push(`ramp ${v} at ${t}`)
  }
}

function fakeContext() {
  const connections: string[] = []
  const node = (label: string) => ({
    label,
    connect: (to: { label: string }) => void connections.push(`${label} → ${to.label}`),
    disconnect: () => void connections.push(`${label} disconnected`),
  })
  const mixed = { id: 'mixed', kind: 'audio', stop: vi.fn() }
  const oscillators: { frequency: FakeParam; started: number; stopped: number }[] = []
  const context = {
    currentTime: 10,
    createMediaStreamDestination: () => ({
      ...node('leg mix'),
      stream: { getAudioTracks: () => [mixed] },
    }),
    createMediaStreamSource: () => node('own audio'),
    createGain: () => ({ ...node('beep level'), gain: new FakeParam() }),
    createOscillator: () => {
      const osc = {
        ...node('oscillator'),
        frequency: new FakeParam(),
        started: -1,
        stopped: -1,
        addEventListener: () => {},
        start(t: number) {
          this.started = t
        },
        stop(t: number) {
          this.stopped = t
        },
      }
      oscillators.push(osc)
      return osc
    },
  }
  return { context, connections, mixed, oscillators }
}

function fakeSender(track: { id: string; kind: string; readyState?: string }) {
  const sent: string[] = []
  const sender = {
    track: track as { id: string; kind: string; readyState?: string } | null,
    replaceTrack: async (next: { id: string; kind: string }) => {
      sent.push(next.id)
      sender.track = next
    },
  }
  const pc = { getSenders: () => [sender] } as unknown as RTCPeerConnection
  return { pc, sender, sent }
}

vi.stubGlobal(
  'MediaStream',
  class {
    constructor(readonly tracks: unknown[]) {}
  },
)

describe('announceOnLeg', () => {
  it('sends the call’s audio mixed with a 1400 Hz beep for the beep’s length, then its own track again', async () => {
    const { context, connections, mixed, oscillators } = fakeContext()
    const own = { id: 'mic', kind: 'audio', readyState: 'live' }
    const { pc, sent } = fakeSender(own)
    let waited = 0
    const done = await announceOnLeg(context as never, pc, {
      wait: async (ms) => {
        waited = ms
        expect(sent).toEqual(['mixed']) // the beep goes out while we wait
      },
    })
    expect(done).toBe(true)
    expect(sent).toEqual(['mixed', 'mic'])
    expect(waited).toBeGreaterThanOrEqual(500)
    expect(oscillators[0]!.frequency.value).toBe(1400)
    expect(oscillators[0]!.stopped - oscillators[0]!.started).toBeCloseTo(0.5)
    expect(connections).toContain('own audio → leg mix')
    expect(connections).toContain('beep level → leg mix')
    expect(mixed.stop).toHaveBeenCalled()
  })

  it('leaves the sender to a merge meanwhile, which keeps the microphone as the leg’s own', async () => {
    const { context } = fakeContext()
    const { pc, sender, sent } = fakeSender({ id: 'mic', kind: 'audio', readyState: 'live' })
    let keptByMerge: { id: string } | null = null
    await announceOnLeg(context as never, pc, {
      wait: async () => {
        // What the conference store does on merge: remember the leg's own audio, send the mix.
        keptByMerge = ownAudio(audioSender(pc))
        sender.track = { id: 'conference mix', kind: 'audio' }
      },
    })
    expect(keptByMerge).toMatchObject({ id: 'mic' })
    expect(sent).toEqual(['mixed'])
    expect(sender.track?.id).toBe('conference mix')
    // The beep is over: the sender's own audio is what it sends again.
    expect(ownAudio(audioSender(pc))?.id).toBe('conference mix')
  })

  it('sends the microphone chosen during the beep, not the one before', async () => {
    const { context } = fakeContext()
    const { pc, sent } = fakeSender({ id: 'old mic', kind: 'audio', readyState: 'live' })
    const newMic = { id: 'new mic', kind: 'audio', readyState: 'live' } as MediaStreamTrack
    await announceOnLeg(context as never, pc, { wait: async () => {}, microphone: () => newMic })
    expect(sent).toEqual(['mixed', 'new mic'])
  })

  it('does nothing on a call that sends no live audio', async () => {
    const { context } = fakeContext()
    const { pc, sent } = fakeSender({ id: 'mic', kind: 'audio', readyState: 'ended' })
    expect(await announceOnLeg(context as never, pc)).toBe(false)
    expect(await announceOnLeg(context as never, undefined)).toBe(false)
    expect(sent).toEqual([])
  })
})

describe('beep', () => {
  it('ramps in and out instead of clicking', () => {
    const { context } = fakeContext()
    const gains: FakeParam[] = []
    const wrapped = {
      ...context,
      createGain: () => {
        const g = context.createGain()
        gains.push(g.gain)
        return g
      },
    }
    beep(wrapped as never, { label: 'out' } as never, { hz: 1000, seconds: 1, level: 0.5 })
    expect(gains[0]!.events).toEqual([
      'set 0 at 10',
      'ramp 0.5 at 10.01',
      'set 0.5 at 10.99',
      'ramp 0 at 11',
    ])
  })
})
