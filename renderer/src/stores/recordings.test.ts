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
    calls: { id: string; peer: { uri: string } }[]
    live: { id: string }[]
  },
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
  }),
}))

let log: string[]
let written: number[][]

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
  return { kind: 'browser', recordings } as unknown as Platform
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
