import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, reactive } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { platformKey } from '@/composables/usePlatform'
import type { Platform } from '@/platform/types'
import { useRecordingsStore } from './recordings'

// The recordings store without components or media: the recorder is faked (its mixing has its
// own test and the conference e2e decodes real files); the platform's recordings API is a log.
const fakes = vi.hoisted(() => ({
  recorder: null as null | {
    sources: Map<string, unknown>
    emit: (bytes: number[]) => void
    stopped: boolean
  },
  calls: null as unknown as {
    calls: {
      id: string
      peer: { uri: string }
      held?: boolean
      muted?: boolean
      phase?: string
    }[]
    live: { id: string }[]
  },
  /** What the announcement did: beeps here, into the conference's mixes, on plain legs. */
  announced: [] as string[],
  conference: { ids: [] as string[] },
}))
vi.mock('@/media/recording/announce', () => ({
  announceHere: (sinkId: string) => void fakes.announced.push(`here on '${sinkId}'`),
  announceOnLeg: async (_context: unknown, pc: string) => {
    fakes.announced.push(`leg ${pc}`)
    return true
  },
}))
vi.mock('./conference', () => ({
  useConferenceStore: () => ({
    has: (id: string) => fakes.conference.ids.includes(id),
    get partyIds() {
      return fakes.conference.ids
    },
    announce: () => (fakes.announced.push('conference mixes'), true),
  }),
}))
vi.mock('./devices', () => ({
  useDevicesStore: () => ({ sinkIds: { speaker: 'speaker-2', ringer: '' } }),
}))
vi.mock('@/media/recording/recorder', () => ({
  recordingMimeType: () => 'audio/webm;codecs=opus',
  recordingFileName: (peer: string) => `${peer.replace(/\W/g, '-')}.webm`,
  CallRecorder: class {
    sources = new Map<string, unknown>()
    stopped = false
    private onChunk: ((chunk: Blob) => void) | undefined
    constructor() {
      fakes.recorder = this as never
    }
    setSource(key: string, stream: unknown) {
      this.sources.set(key, stream)
    }
    start(onChunk: (chunk: Blob) => void) {
      this.onChunk = onChunk
    }
    emit(bytes: number[]) {
      this.onChunk?.(new Blob([new Uint8Array(bytes)]))
    }
    async stop() {
      this.stopped = true
    }
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
    localStream: (id: string) => `mic of ${id}`,
    remoteStream: (id: string) => `far end of ${id}`,
    media: (id: string) => ({ peerConnection: `pc of ${id}` }),
    setMuted: (id: string, muted: boolean) => void fakes.announced.push(`${id} muted=${muted}`),
  }),
}))

let log: string[]
let written: number[][]
let recordingTone: boolean

function platform(): Platform {
  const recordings = {
    open: async ({ fileName }: { fileName: string }) => (
      log.push(`open ${fileName}`),
      { id: 'r1', fileName }
    ),
    write: async ({ chunk }: { chunk: Uint8Array }) => void written.push([...chunk]),
    close: async () => (log.push(`close after ${written.length} chunks`), {}),
    list: async () => (log.push('list'), [{ fileName: 'bob.webm', size: 3, modifiedAt: 0 }]),
    read: async () => new Uint8Array([1, 2, 3]),
    remove: async ({ fileName }: { fileName: string }) => void log.push(`remove ${fileName}`),
    reveal: async () => {},
  }
  const settings = {
    get: async () => ({ calls: { recordingTone } }),
    set: async (patch: { calls: { recordingTone: boolean } }) => {
      log.push(`set tone ${patch.calls.recordingTone}`)
      recordingTone = patch.calls.recordingTone
    },
  }
  return { kind: 'browser', recordings, settings } as unknown as Platform
}

function setup() {
  const app = createApp({})
  app.provide(platformKey, platform())
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return app.runWithContext(() => useRecordingsStore())
}

beforeEach(() => {
  log = []
  written = []
  recordingTone = false
  fakes.announced = []
  fakes.conference = reactive({ ids: [] })
  fakes.calls = reactive({
    calls: [{ id: 'c1', peer: { uri: 'sip:bob@example.com' } }],
    live: [{ id: 'c1' }],
  })
  vi.stubGlobal('MediaRecorder', { isTypeSupported: () => true })
  vi.stubGlobal(
    'AudioContext',
    class {
      state = 'running'
    },
  )
  vi.stubGlobal('URL', { ...URL, createObjectURL: () => 'blob:x', revokeObjectURL: vi.fn() })
})
afterEach(() => vi.unstubAllGlobals())

describe('recordings store', () => {
  it('records the call with the microphone, writes the chunks in order, and lists the file at the end', async () => {
    const recordings = setup()
    await recordings.start(['c1'])
    expect(recordings.isRecording('c1')).toBe(true)
    expect(log).toEqual(['open sip-bob-example-com.webm'])
    expect([...fakes.recorder!.sources]).toEqual([
      ['local', 'mic of c1'],
      ['c1', 'far end of c1'],
    ])
    fakes.recorder!.emit([1, 2])
    fakes.recorder!.emit([3])
    await recordings.stop()
    expect(written).toEqual([[1, 2], [3]])
    expect(log).toEqual(['open sip-bob-example-com.webm', 'close after 2 chunks', 'list'])
    expect(recordings.active).toBe(false)
    expect(recordings.entries.map((e) => e.fileName)).toEqual(['bob.webm'])
    // The announcement setting is off: no beep anywhere.
    expect(fakes.announced).toEqual([])
  })

  it('with the tone on, beeps here and on the call’s leg, then gives the call its mute state back', async () => {
    const recordings = setup()
    await recordings.setTone(true)
    expect(log).toEqual(['set tone true'])
    fakes.calls.calls[0]!.phase = 'connected'
    fakes.calls.calls[0]!.muted = true
    await recordings.start(['c1'])
    expect(fakes.announced).toEqual(["here on 'speaker-2'", 'leg pc of c1', 'c1 muted=true'])
  })

  it('with the tone on, a conference beeps into its mixes once; a held plain call gets none', async () => {
    const recordings = setup()
    recordingTone = true
    fakes.calls.calls = [
      { id: 'c1', peer: { uri: 'sip:bob@example.com' }, phase: 'connected' },
      { id: 'c2', peer: { uri: 'sip:carol@example.com' }, phase: 'connected' },
      { id: 'c3', peer: { uri: 'sip:dave@example.com' }, phase: 'connected', held: true },
    ]
    fakes.conference.ids = ['c1', 'c2']
    await recordings.start(['c1', 'c2', 'c3'])
    expect(fakes.announced).toEqual(["here on 'speaker-2'", 'conference mixes'])
  })

  it('records a call merged into the recorded conference, and goes on while any recorded call does', async () => {
    const recordings = setup()
    fakes.calls.calls.push({ id: 'c2', peer: { uri: 'sip:carol@example.com' } })
    fakes.calls.live = [{ id: 'c1' }, { id: 'c2' }]
    await recordings.start(['c1'])
    expect([...fakes.recorder!.sources.keys()]).toEqual(['local', 'c1'])
    // Another conference's parties are not this recording's.
    fakes.conference.ids = ['c2', 'c3']
    await nextTick()
    expect(recordings.isRecording('c2')).toBe(false)
    // Carol's call is merged with the recorded one: her voice is recorded from then on.
    fakes.conference.ids = ['c1', 'c2']
    await nextTick()
    expect(fakes.recorder!.sources.get('c2')).toBe('far end of c2')
    expect(recordings.isRecording('c2')).toBe(true)
    // The first call ends; the recording goes on with Carol.
    fakes.calls.live = [{ id: 'c2' }]
    await nextTick()
    expect(fakes.recorder!.stopped).toBe(false)
    fakes.calls.live = []
    await vi.waitFor(() => expect(fakes.recorder!.stopped).toBe(true))
  })

  it('ends the recording when the recorded calls have all ended', async () => {
    const recordings = setup()
    await recordings.start(['c1'])
    fakes.calls.live = []
    await nextTick()
    await vi.waitFor(() => expect(fakes.recorder!.stopped).toBe(true))
    await vi.waitFor(() => expect(log).toContain('close after 0 chunks'))
  })

  it('deleting a recording frees its player and lists again', async () => {
    const recordings = setup()
    await recordings.load('bob.webm')
    expect(recordings.playable['bob.webm']).toBe('blob:x')
    await recordings.remove('bob.webm')
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:x')
    expect(recordings.playable).toEqual({})
    expect(log).toEqual(['remove bob.webm', 'list'])
  })
})
