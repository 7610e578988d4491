import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick, reactive } from 'vue'
import { useConferenceStore } from './conference'

// The conference store without Web Audio or peer connections: the mixer and the leg helper are
// faked (the mixer's graph has its own test; the conference e2e proves who hears whom); the test
// checks who is in, what each leg is sent, and what the calls are asked to do.
const fakes = vi.hoisted(() => ({
  mixer: null as null | {
    parties: string[]
    muted: Record<string, boolean>
    microphone: unknown
    disposed: boolean
  },
  sent: [] as [string, string][],
  calls: null as unknown as {
    calls: { id: string; phase: string; held: boolean; muted: boolean; video: boolean }[]
    live: { id: string; phase: string }[]
    focusedId: string | null
  },
  asked: [] as string[],
}))

function track(label: string) {
  return { label, enabled: true, stop: vi.fn(), clone: () => track(`${label} (clone)`) }
}

vi.mock('@/media/conference/mixer', () => ({
  ConferenceMixer: class {
    parties: string[] = []
    muted: Record<string, boolean> = {}
    microphone: unknown = null
    disposed = false
    constructor() {
      fakes.mixer = this as never
    }
    add(id: string) {
      this.parties.push(id)
      return track(`mix for ${id}`)
    }
    remove(id: string) {
      this.parties = this.parties.filter((p) => p !== id)
    }
    setMicrophone(t: unknown) {
      this.microphone = t
    }
    setLocalMuted() {}
    setMuted(id: string, on: boolean) {
      this.muted[id] = on
    }
    levels() {
      return {}
    }
    async dispose() {
      this.disposed = true
    }
  },
}))
vi.mock('@/media/conference/leg', () => ({
  audioSender: (pc: { id: string }) => ({ track: track(`microphone of ${pc.id}`) }),
  ownAudio: (sender: { track: unknown }) => sender.track,
  sendOnLeg: async (pc: { id: string }, t: { label: string }) => {
    fakes.sent.push([pc.id, t.label])
    return true
  },
}))
vi.mock('./calls', () => ({
  useCallsStore: () => ({
    get calls() {
      return fakes.calls.calls
    },
    get live() {
      return fakes.calls.live
    },
    set focusedId(id: string | null) {
      fakes.calls.focusedId = id
    },
    localStream: (id: string) => ({
      getAudioTracks: () => [track(`microphone of ${id}`)],
      addEventListener: () => {},
      removeEventListener: () => {},
    }),
    remoteStream: (id: string) => `far end of ${id}`,
    media: (id: string) => ({ peerConnection: { id } }),
    setHeld: async (id: string, on: boolean) =>
      void fakes.asked.push(`${on ? 'hold' : 'resume'} ${id}`),
    hangUp: (id: string) => void fakes.asked.push(`hang up ${id}`),
  }),
}))

function call(id: string, held = false) {
  return { id, phase: 'connected', held, muted: false, video: false }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.stubGlobal(
    'AudioContext',
    class {
      state = 'running'
    },
  )
  fakes.mixer = null
  fakes.sent = []
  fakes.asked = []
  const calls = [call('bob'), call('carol', true), call('dave')]
  fakes.calls = reactive({
    calls,
    live: calls.map(({ id, phase }) => ({ id, phase })),
    focusedId: null,
  })
})

describe('conference store', () => {
  it('merges every answered call: each leg is sent its mix, held legs resume', async () => {
    const conference = useConferenceStore()
    expect(conference.canMerge).toBe(true)
    await conference.merge()
    expect(conference.partyIds).toEqual(['bob', 'carol', 'dave'])
    expect(fakes.mixer!.parties).toEqual(['bob', 'carol', 'dave'])
    expect(fakes.sent).toEqual([
      ['bob', 'mix for bob'],
      ['carol', 'mix for carol'],
      ['dave', 'mix for dave'],
    ])
    expect(fakes.asked.sort()).toEqual(['resume bob', 'resume carol', 'resume dave'])
    expect(conference.canMerge).toBe(false)
  })

  it('removing a party gives it its own microphone back, on hold; the others stay joined', async () => {
    const conference = useConferenceStore()
    await conference.merge()
    fakes.sent = []
    fakes.asked = []
    await conference.remove('carol')
    expect(conference.partyIds).toEqual(['bob', 'dave'])
    expect(fakes.mixer!.parties).toEqual(['bob', 'dave'])
    expect(fakes.sent).toEqual([['carol', 'microphone of carol']])
    expect(fakes.asked).toEqual(['hold carol'])
  })

  it('when only one party is left the conference ends: that call gets its microphone and the focus', async () => {
    const conference = useConferenceStore()
    await conference.merge()
    const mixer = fakes.mixer!
    fakes.sent = []
    fakes.calls.live = fakes.calls.live.filter((c) => c.id !== 'bob')
    fakes.calls.calls = fakes.calls.calls.filter((c) => c.id !== 'bob')
    await nextTick()
    await vi.waitFor(() => expect(conference.partyIds).toEqual(['carol', 'dave']))
    fakes.calls.live = fakes.calls.live.filter((c) => c.id !== 'carol')
    fakes.calls.calls = fakes.calls.calls.filter((c) => c.id !== 'carol')
    await nextTick()
    await vi.waitFor(() => expect(conference.active).toBe(false))
    expect(fakes.sent).toEqual([['dave', 'microphone of dave']])
    expect(fakes.calls.focusedId).toBe('dave')
    expect(mixer.disposed).toBe(true)
  })

  it('hold, mute and hang up reach every leg or the one asked for', async () => {
    const conference = useConferenceStore()
    await conference.merge()
    fakes.asked = []
    await conference.setHeld(true)
    expect(fakes.asked.sort()).toEqual(['hold bob', 'hold carol', 'hold dave'])
    conference.setPartyMuted('dave', true)
    expect(fakes.mixer!.muted).toEqual({ dave: true })
    expect(conference.mutedIds).toEqual(['dave'])
    fakes.asked = []
    conference.hangUpAll()
    expect(fakes.asked).toEqual(['hang up bob', 'hang up carol', 'hang up dave'])
  })
})
