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

interface Source {
  stream: MediaStream
  node: MediaStreamAudioSourceNode | null
  follow: () => void
}

export class CallRecorder {
  private readonly sources = new Map<string, Source>()
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

  /**
   * Mixes a stream's audio in (a remote party, or the microphone), replacing one of that id. The
   * stream is followed: another microphone chosen mid-call, or a far end's new track, swaps the
   * track inside the same stream (SIP.js and the call dispatch 'addtrack'/'removetrack'), and a
   * Web Audio source keeps the track it was made from, stopped or not.
   */
  setSource(id: string, stream: MediaStream | null): void {
    this.dropSource(id)
    if (!stream) return
    const source: Source = { stream, node: null, follow: () => this.connect(source) }
    stream.addEventListener('addtrack', source.follow)
    stream.addEventListener('removetrack', source.follow)
    this.sources.set(id, source)
    this.connect(source)
  }

  hasSource(id: string): boolean {
    return this.sources.get(id)?.node != null
  }

  private connect(source: Source): void {
    source.node?.disconnect()
    source.node = null
    const audio = source.stream.getAudioTracks().filter((t) => t.readyState === 'live')
    if (audio.length === 0) return
    source.node = this.context.createMediaStreamSource(new MediaStream(audio))
    source.node.connect(this.output)
  }

  private dropSource(id: string): void {
    const source = this.sources.get(id)
    if (!source) return
    source.stream.removeEventListener('addtrack', source.follow)
    source.stream.removeEventListener('removetrack', source.follow)
    source.node?.disconnect()
    this.sources.delete(id)
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
    for (const id of [...this.sources.keys()]) this.dropSource(id)
    if (this.context.state !== 'closed') await this.context.close()
  }
}
