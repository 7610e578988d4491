// Call tones made with WebAudio, no sound files: one cycle of the tone (on/off cadence) is
// rendered into a buffer that loops, and played through an <audio> element so that
// HTMLMediaElement.setSinkId sends it to the chosen device (the ringer for the ringtone, the
// speaker for the ringback). A player keeps its audio context (suspended between tones) and each
// tone's rendered buffer: a new AudioContext and a fresh render cost ~8 ms of main thread at
// every incoming call, in the same task that shows it.

export interface TonePattern {
  /** Frequencies played together, in Hz. */
  frequencies: readonly number[]
  /** Seconds on, off, on, off …, starting with on; the whole cycle repeats. */
  cadence: readonly number[]
  /** Peak amplitude, 0 … 1. */
  level: number
}

/** Incoming call: a double ring (400 + 450 Hz, 0.4 s on, 0.2 off, 0.4 on, 2 off). */
export const RINGTONE: TonePattern = Object.freeze({
  frequencies: [400, 450],
  cadence: [0.4, 0.2, 0.4, 2],
  level: 0.3,
})

/** Outgoing call ringing at the far end: 440 + 480 Hz, 2 s on, 4 s off (North America). */
export const RINGBACK: TonePattern = Object.freeze({
  frequencies: [440, 480],
  cadence: [2, 4],
  level: 0.15,
})

/** Enough for tones below 1 kHz; the AudioContext resamples. */
export const TONE_SAMPLE_RATE = 16_000
/** Fade in and out of every burst, so it starts and ends without a click. */
const FADE_SECONDS = 0.01

export function cycleSeconds(pattern: TonePattern): number {
  return pattern.cadence.reduce((sum, s) => sum + s, 0)
}

/** One cycle of the tone as samples: bursts of the summed sines, silence between them. */
export function renderCycle(
  pattern: TonePattern,
  sampleRate = TONE_SAMPLE_RATE,
): Float32Array<ArrayBuffer> {
  const samples = new Float32Array(Math.round(cycleSeconds(pattern) * sampleRate))
  const voices = pattern.frequencies.length
  if (voices === 0) return samples
  const fade = Math.max(1, Math.round(FADE_SECONDS * sampleRate))
  let start = 0
  pattern.cadence.forEach((seconds, index) => {
    const length = Math.round(seconds * sampleRate)
    if (index % 2 === 0) {
      for (let i = 0; i < length && start + i < samples.length; i++) {
        const t = (start + i) / sampleRate
        let value = 0
        for (const f of pattern.frequencies) value += Math.sin(2 * Math.PI * f * t)
        const envelope = Math.min(1, i / fade, (length - 1 - i) / fade)
        samples[start + i] = (value / voices) * pattern.level * Math.max(0, envelope)
      }
    }
    start += length
  })
  return samples
}

/** What the player needs from the page (fakes in unit tests). */
export interface ToneEnvironment {
  createContext(): AudioContext
  createElement(): HTMLAudioElement
}

export const browserToneEnvironment: ToneEnvironment = {
  createContext: () => {
    // No output of its own (Chromium ≥ 110): the sound leaves through the <audio> element only.
    try {
      return new AudioContext({ sinkId: { type: 'none' } } as AudioContextOptions)
    } catch {
      return new AudioContext()
    }
  },
  createElement: () => new Audio(),
}

interface Playing {
  pattern: TonePattern
  source: AudioBufferSourceNode
}

/** The context's way out: one stream and one element, kept from tone to tone. */
interface Output {
  destination: MediaStreamAudioDestinationNode
  element: HTMLAudioElement
}

/** Plays one tone at a time, looping, on a chosen output device, until stopped. */
export class TonePlayer {
  private playing: Playing | null = null
  private sinkId = ''
  private context: AudioContext | null = null
  // Kept with the context: making a stream destination and an element, and handing the element
  // its stream, cost ~2 ms each time a call rang, inside the INVITE's task.
  private output: Output | null = null
  private readonly buffers = new Map<TonePattern, AudioBuffer>()

  constructor(
    private readonly env: ToneEnvironment,
    private readonly log: (message: string) => void = (m) => console.warn(`[tones] ${m}`),
  ) {}

  get pattern(): TonePattern | null {
    return this.playing?.pattern ?? null
  }

  /** Starts the tone (or keeps it going) on `sinkId` ('' is the system default). */
  play(pattern: TonePattern, sinkId: string): void {
    if (this.playing?.pattern === pattern) {
      if (sinkId !== this.sinkId && this.output) void this.route(this.output.element, sinkId)
      return
    }
    this.stop()
    try {
      const context = this.openContext()
      const output = this.openOutput(context)
      const source = context.createBufferSource()
      source.buffer = this.bufferOf(context, pattern)
      source.loop = true
      source.connect(output.destination)
      const playing = { pattern, source }
      this.playing = playing
      source.start()
      void this.route(output.element, sinkId).then(() => this.start(playing, output.element))
    } catch (error) {
      this.log(`Could not play a tone: ${describe(error)}`)
      this.closeContext()
      this.playing = null
    }
  }

  /** Lets the audio context go (the player plays again on a new one if asked). */
  dispose(): void {
    this.stop()
    this.closeContext()
  }

  stop(): void {
    const playing = this.playing
    if (!playing) return
    this.playing = null
    try {
      playing.source.stop()
      playing.source.disconnect()
    } catch {
      // Already stopped.
    }
    this.output?.element.pause()
    // Kept for the next tone, idle: a suspended context renders nothing, a paused element
    // plays nothing.
    void this.context?.suspend().catch(() => undefined)
  }

  private openContext(): AudioContext {
    if (this.context?.state === 'closed') this.closeContext()
    this.context ??= this.env.createContext()
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined)
    return this.context
  }

  private openOutput(context: AudioContext): Output {
    if (!this.output) {
      const destination = context.createMediaStreamDestination()
      const element = this.env.createElement()
      element.srcObject = destination.stream
      this.output = { destination, element }
    }
    return this.output
  }

  private closeContext(): void {
    const output = this.output
    if (output) {
      output.element.pause()
      for (const track of output.destination.stream.getTracks()) track.stop()
      output.element.srcObject = null
    }
    this.output = null
    void this.context?.close().catch(() => undefined)
    this.context = null
    this.buffers.clear()
  }

  private bufferOf(context: AudioContext, pattern: TonePattern): AudioBuffer {
    let buffer = this.buffers.get(pattern)
    if (!buffer) {
      const samples = renderCycle(pattern)
      buffer = context.createBuffer(1, samples.length, TONE_SAMPLE_RATE)
      buffer.copyToChannel(samples, 0)
      this.buffers.set(pattern, buffer)
    }
    return buffer
  }

  private async start(playing: Playing, element: HTMLAudioElement): Promise<void> {
    // Stopped (or another tone started) while the device was being set: nothing to start.
    if (this.playing !== playing) return
    try {
      await element.play()
    } catch (error) {
      // Autoplay refused (a browser tab nobody has clicked in yet): the dialog still shows.
      this.log(`The tone could not start: ${describe(error)}`)
    }
  }

  /** Sends the tone to a device; one that is gone falls back to the default. */
  private async route(element: HTMLAudioElement, sinkId: string): Promise<void> {
    this.sinkId = sinkId
    if (typeof element.setSinkId !== 'function' || element.sinkId === sinkId) return
    try {
      await element.setSinkId(sinkId)
    } catch (error) {
      this.log(`Output device not available (${describe(error)}); using the default`)
      if (sinkId !== '') await element.setSinkId('').catch(() => undefined)
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
