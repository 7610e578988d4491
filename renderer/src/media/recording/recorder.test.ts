import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CallRecorder, recordingExtension, recordingFileName, recordingMimeType } from './recorder'

describe('recordingMimeType', () => {
  it.each([
    [['audio/webm;codecs=opus', 'audio/ogg;codecs=opus'], 'audio/webm;codecs=opus'],
    [['audio/ogg;codecs=opus'], 'audio/ogg;codecs=opus'],
    [['audio/mp4'], null],
  ])('with %j supported picks %s', (supported, expected) => {
    expect(recordingMimeType((t) => supported.includes(t))).toBe(expected)
  })
})

describe('recordingFileName', () => {
  const at = new Date('2026-12-06T20:15:30.123Z')

  it('names the peer and the time, with the container’s extension', () => {
    expect(recordingFileName('sip:bob@example.com', at, 'audio/webm;codecs=opus')).toBe(
      'switchboard-bob_example.com-2026-12-06T20-15-30Z.webm',
    )
    expect(recordingExtension('audio/ogg;codecs=opus')).toBe('ogg')
  })

  it('keeps path separators and odd characters out', () => {
    const name = recordingFileName('sip:../../etc/passwd@x', at, 'audio/webm')
    expect(name).not.toMatch(/[/\\]/)
    expect(name.startsWith('switchboard-')).toBe(true)
  })

  it('still names a call without a peer', () => {
    expect(recordingFileName('', at, 'audio/webm')).toContain('switchboard-call-')
  })
})

/** A capture track: live until stopped. */
function track(id: string, kind = 'audio'): MediaStreamTrack {
  const t = { id, kind, readyState: 'live', stop: () => (t.readyState = 'ended') }
  return t as unknown as MediaStreamTrack
}

/** A call's stream as SIP.js keeps it: tracks swapped inside it, with the events it dispatches. */
class CallStream extends EventTarget {
  constructor(private tracks: MediaStreamTrack[]) {
    super()
  }
  getAudioTracks(): MediaStreamTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio')
  }
  swap(next: MediaStreamTrack): void {
    const old = this.tracks.find((t) => t.kind === next.kind)!
    old.stop()
    this.tracks = this.tracks.filter((t) => t !== old)
    this.dispatchEvent(Object.assign(new Event('removetrack'), { track: old }))
    this.tracks.push(next)
    this.dispatchEvent(Object.assign(new Event('addtrack'), { track: next }))
  }
}

describe('CallRecorder', () => {
  /** What reaches the recording's mix: the tracks of every source node still connected. */
  let mixed: Set<{ tracks: MediaStreamTrack[] }>
  let recorder: CallRecorder

  beforeEach(() => {
    mixed = new Set()
    vi.stubGlobal(
      'MediaStream',
      class {
        constructor(readonly tracks: MediaStreamTrack[]) {}
      },
    )
    const context = {
      state: 'running',
      createMediaStreamDestination: () => ({ stream: {} }),
      createMediaStreamSource: (stream: { tracks: MediaStreamTrack[] }) => {
        const node = {
          tracks: stream.tracks,
          connect: () => mixed.add(node),
          disconnect: () => mixed.delete(node),
        }
        return node
      },
      close: async () => undefined,
      resume: async () => undefined,
    }
    recorder = new CallRecorder(
      context as unknown as ConstructorParameters<typeof CallRecorder>[0],
      'audio/webm;codecs=opus',
      () => ({ state: 'inactive' }) as unknown as MediaRecorder,
    )
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  const mixedIds = () => [...mixed].flatMap((node) => node.tracks.map((t) => t.id)).sort()

  it('mixes the microphone and the far end', () => {
    recorder.setSource('local', new CallStream([track('mic-1')]) as unknown as MediaStream)
    recorder.setSource('call', new CallStream([track('far'), track('cam', 'video')]) as never)
    expect(mixedIds()).toEqual(['far', 'mic-1'])
  })

  it('follows another microphone chosen mid-call instead of recording the stopped one', () => {
    const microphone = new CallStream([track('mic-1')])
    recorder.setSource('local', microphone as unknown as MediaStream)
    microphone.swap(track('mic-2'))
    expect(mixedIds()).toEqual(['mic-2'])
    expect(recorder.hasSource('local')).toBe(true)
  })

  it('lets go of a replaced or stopped source, and of every stream when stopped', async () => {
    const first = new CallStream([track('mic-1')])
    recorder.setSource('local', first as unknown as MediaStream)
    recorder.setSource('local', new CallStream([track('mic-2')]) as unknown as MediaStream)
    // The first stream is no longer followed.
    first.swap(track('mic-3'))
    expect(mixedIds()).toEqual(['mic-2'])
    await recorder.stop()
    expect(mixedIds()).toEqual([])
    expect(recorder.hasSource('local')).toBe(false)
  })
})
