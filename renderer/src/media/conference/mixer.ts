// The conference's Web Audio graph: one mix per outgoing leg, built from mix-plan.ts. Each
// party's received audio fans out through its own node to the other legs' mixes and to an
// analyser (its level, for "speaking"); the host's microphone goes to every mix. The tracks the
// legs send are the mixes' destination tracks. No Vue, no SIP: legs are ids here.

import { LOCAL, mixPlan, rms } from './mix-plan'
import { beep } from '@/media/recording/beep'
import type { Beep } from '@/media/recording/beep'

/** The parts of an AudioContext the mixer uses (a fake one in tests). */
export type MixContext = Pick<
  AudioContext,
  | 'createMediaStreamSource'
  | 'createMediaStreamDestination'
  | 'createGain'
  | 'createAnalyser'
  | 'createOscillator'
  | 'currentTime'
  | 'close'
  | 'resume'
  | 'state'
>

interface Input {
  source: MediaStreamAudioSourceNode
  /** Fans the source out to the mixes; disconnected and reconnected on every change. */
  fan: GainNode
  analyser: AnalyserNode
}

interface Party {
  input: Input | null
  output: MediaStreamAudioDestinationNode
  muted: boolean
}

export class ConferenceMixer {
  private readonly parties = new Map<string, Party>()
  private local: Input | null = null
  private localMuted = false
  private readonly buffer = new Float32Array(512)

  constructor(private readonly context: MixContext) {}

  /** The host's microphone (a clone the mixer owns: the call that opened it may end first). */
  setMicrophone(track: MediaStreamTrack | null): void {
    this.dropInput(this.local)
    this.local = track ? this.input(new MediaStream([track])) : null
    this.rewire()
  }

  setLocalMuted(muted: boolean): void {
    this.localMuted = muted
    this.rewire()
  }

  /** Adds a party; returns the track its leg should send (the mix made for it). */
  add(id: string, received: MediaStream | null): MediaStreamTrack {
    const existing = this.parties.get(id)
    if (existing) return outputTrack(existing.output)
    const output = this.context.createMediaStreamDestination()
    this.parties.set(id, { input: this.receivedInput(received), output, muted: false })
    this.rewire()
    return outputTrack(output)
  }

  /** The party's received audio changed (a track arrived late): listen to the new one. */
  refresh(id: string, received: MediaStream | null): void {
    const party = this.parties.get(id)
    if (!party) return
    this.dropInput(party.input)
    party.input = this.receivedInput(received)
    this.rewire()
  }

  remove(id: string): void {
    const party = this.parties.get(id)
    if (!party) return
    this.parties.delete(id)
    this.dropInput(party.input)
    party.output.disconnect()
    outputTrack(party.output).stop()
    this.rewire()
  }

  setMuted(id: string, muted: boolean): void {
    const party = this.parties.get(id)
    if (!party || party.muted === muted) return
    party.muted = muted
    this.rewire()
  }

  /** A beep into every party's mix (the recording announcement): each leg's far end hears it. */
  announce(tone?: Beep): void {
    for (const party of this.parties.values()) beep(this.context, party.output, tone)
  }

  has(id: string): boolean {
    return this.parties.has(id)
  }

  /** Each party's received level now (RMS, 0 … 1), and the host's as `local`. */
  levels(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [id, party] of this.parties) out[id] = this.level(party.input)
    out[LOCAL] = this.level(this.local)
    return out
  }

  async dispose(): Promise<void> {
    for (const id of [...this.parties.keys()]) this.remove(id)
    this.setMicrophone(null)
    if (this.context.state !== 'closed') await this.context.close()
  }

  private level(input: Input | null): number {
    if (!input) return 0
    input.analyser.getFloatTimeDomainData(this.buffer)
    return rms(this.buffer)
  }

  private receivedInput(received: MediaStream | null): Input | null {
    const audio = received?.getAudioTracks().filter((t) => t.readyState === 'live') ?? []
    // A source on a stream without audio throws; the party joins the mixes once it has some.
    return audio.length > 0 ? this.input(new MediaStream(audio)) : null
  }

  private input(stream: MediaStream): Input {
    const source = this.context.createMediaStreamSource(stream)
    const fan = this.context.createGain()
    const analyser = this.context.createAnalyser()
    analyser.fftSize = this.buffer.length
    source.connect(fan)
    source.connect(analyser)
    return { source, fan, analyser }
  }

  private dropInput(input: Input | null): void {
    if (!input) return
    input.source.disconnect()
    input.fan.disconnect()
  }

  /** Connects every source to exactly the mixes the plan says (a few nodes: rebuilt whole). */
  private rewire(): void {
    const plan = mixPlan(
      [...this.parties].map(([id, p]) => ({ id, muted: p.muted })),
      this.localMuted,
    )
    this.local?.fan.disconnect()
    for (const party of this.parties.values()) party.input?.fan.disconnect()
    for (const [legId, sources] of plan) {
      const output = this.parties.get(legId)?.output
      if (!output) continue
      for (const sourceId of sources) {
        const input = sourceId === LOCAL ? this.local : this.parties.get(sourceId)?.input
        input?.fan.connect(output)
      }
    }
  }
}

function outputTrack(output: MediaStreamAudioDestinationNode): MediaStreamTrack {
  const track = output.stream.getAudioTracks()[0]
  if (!track) throw new Error('A MediaStreamAudioDestinationNode without a track')
  return track
}
