// The microphone opened as an incoming call arrives, before its dialog renders: getUserMedia
// then runs while the call rings, and an audio answer takes the stream instead of waiting for
// it. One at a time; let go (tracks stopped) when the call ends unanswered.
import type { MediaWant, OpenedMedia } from '../media/device-service'

export class EarlyAudio {
  private held: { callId: string; opening: Promise<OpenedMedia> } | undefined

  constructor(private readonly open: (want: MediaWant) => Promise<OpenedMedia>) {}

  /** Starts opening the microphone for `callId`, unless another call's is already open. */
  start(callId: string): void {
    if (this.held) return
    const opening = this.open({ audio: true, video: false })
    // A failure is met again, and reported, when the answer opens the microphone itself.
    opening.catch(() => undefined)
    this.held = { callId, opening }
  }

  /** Hands the opened audio over, once; undefined when there is none. */
  take(): Promise<OpenedMedia> | undefined {
    const held = this.held
    this.held = undefined
    return held?.opening
  }

  /** `callId` ended: its audio, if still held, is closed. */
  release(callId: string): void {
    if (this.held?.callId !== callId) return
    const { opening } = this.held
    this.held = undefined
    opening.then(
      ({ stream }) => stream.getTracks().forEach((track) => track.stop()),
      () => undefined,
    )
  }
}
