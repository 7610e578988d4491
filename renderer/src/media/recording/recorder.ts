// Records a call's sound: the host's microphone and every remote party mixed in Web Audio into
// one track, encoded by MediaRecorder as Opus. Chunks go to the caller as they come (a desktop
// writes them to disk as they arrive; a browser keeps them for the download). No Vue, no SIP.

/** Opus in WebM first (Chromium), then Ogg (Firefox); null when neither can be recorded. */
export function recordingMimeType(isSupported: (type: string) => boolean): string | null {
  for (const type of ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus']) {
    if (isSupported(type)) return type
  }
  return null
}

/** The file extension for a recording's MIME type. */
export function recordingExtension(mimeType: string): 'webm' | 'ogg' {
  return mimeType.startsWith('audio/ogg') ? 'ogg' : 'webm'
}

/** A file name for a recording: who and when, safe on every OS. */
export function recordingFileName(peer: string, startedAt: Date, mimeType: string): string {
  const who =
    peer
      .replace(/^sips?:/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 64) || 'call'
  const when = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')
  return `switchboard-${who}-${when}.${recordingExtension(mimeType)}`
}

/** How often MediaRecorder hands over what it encoded. */
const TIMESLICE_MS = 1000

type Context = Pick<
  AudioContext,
  'createMediaStreamSource' | 'createMediaStreamDestination' | 'close' | 'resume' | 'state'
>

export class CallRecorder {
  private readonly sources = new Map<string, MediaStreamAudioSourceNode>()
  private readonly output: MediaStreamAudioDestinationNode
  private readonly recorder: MediaRecorder

  constructor(
    private readonly context: Context,
    readonly mimeType: string,
    makeRecorder: (stream: MediaStream, mimeType: string) => MediaRecorder = (stream, type) =>
      new MediaRecorder(stream, { mimeType: type }),
  ) {
    this.output = context.createMediaStreamDestination()
    this.recorder = makeRecorder(this.output.stream, mimeType)
  }

  /** Mixes a stream's audio in (a remote party, or the microphone), replacing one of that id. */
  setSource(id: string, stream: MediaStream | null): void {
    this.sources.get(id)?.disconnect()
    this.sources.delete(id)
    const audio = stream?.getAudioTracks().filter((t) => t.readyState === 'live') ?? []
    if (audio.length === 0) return
    const source = this.context.createMediaStreamSource(new MediaStream(audio))
    source.connect(this.output)
    this.sources.set(id, source)
  }

  hasSource(id: string): boolean {
    return this.sources.has(id)
  }

  start(onData: (chunk: Blob) => void): void {
    this.recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) onData(event.data)
    })
    this.recorder.start(TIMESLICE_MS)
  }

  /** Stops; resolves once the last chunk was handed over. */
  async stop(): Promise<void> {
    if (this.recorder.state !== 'inactive') {
      const stopped = new Promise<void>((resolve) =>
        this.recorder.addEventListener('stop', () => resolve(), { once: true }),
      )
      this.recorder.stop()
      await stopped
    }
    for (const source of this.sources.values()) source.disconnect()
    this.sources.clear()
    if (this.context.state !== 'closed') await this.context.close()
  }
}
