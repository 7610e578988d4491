// The recording announcement: a short beep every side of a recorded call hears when recording
// starts (1400 Hz, half a second: the usual recorder warning beep, apart from the call tones).
// The far side gets it inside its leg's outgoing audio (a conference leg through the mixer, a
// plain call through a short-lived mix of its microphone and the beep); this side hears it on
// the speaker. No Vue, no SIP.
import { audioSender, markStandIn } from '@/media/conference/leg'
import { ANNOUNCEMENT, beep } from './beep'
import type { Beep, BeepContext } from './beep'

export { ANNOUNCEMENT }

/** The beep left the sender: a little longer than its length, for the encoder's frames. */
const TAIL_MS = 150

type LegContext = BeepContext &
  Pick<AudioContext, 'createMediaStreamSource' | 'createMediaStreamDestination'>

/**
 * Sends the beep on a plain call's leg: for the beep's length the leg sends its own audio mixed
 * with the beep (replaceTrack, no renegotiation), then its own track again. Resolves when the
 * own track is back; false when the call sends no audio (ended, or no microphone).
 */
export async function announceOnLeg(
  context: LegContext,
  pc: RTCPeerConnection | undefined,
  options: {
    tone?: Beep
    wait?: (ms: number) => Promise<void>
    /** The call's own microphone now (another device may be chosen during the beep). */
    microphone?: () => MediaStreamTrack | undefined
  } = {},
): Promise<boolean> {
  const {
    tone = ANNOUNCEMENT,
    wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    microphone,
  } = options
  const sender = audioSender(pc)
  const own = sender?.track
  if (!sender || !own || own.readyState !== 'live') return false
  const out = context.createMediaStreamDestination()
  const source = context.createMediaStreamSource(new MediaStream([own]))
  source.connect(out)
  const mixed = out.stream.getAudioTracks()[0]
  if (!mixed) return false
  try {
    await sender.replaceTrack(mixed)
  } catch {
    source.disconnect()
    return false
  }
  // A merge meanwhile keeps `own` as the leg's microphone, not this short-lived mix.
  markStandIn(sender, own)
  beep(context, out, tone)
  await wait(tone.seconds * 1000 + TAIL_MS)
  markStandIn(sender, null)
  // Something else took the sender meanwhile (a merge sends its mix): leave it that. Otherwise
  // the microphone goes back: the one the call has now, if another was chosen meanwhile.
  if (sender.track === mixed) {
    const now = microphone?.()
    const back = now && now.readyState === 'live' ? now : own
    await sender.replaceTrack(back).catch(() => undefined)
  }
  source.disconnect()
  mixed.stop()
  return true
}

/**
 * The beep on this side, on the speaker (`sinkId`; '' is the default device): through an <audio>
 * element, as the call tones are (media/tones.ts), so setSinkId picks the device. Made here
 * rather than with their player, which would move it out of the start-up chunk.
 */
export function announceHere(sinkId: string, tone: Beep = ANNOUNCEMENT): void {
  let context: AudioContext
  try {
    // No output of its own: the sound leaves through the element only.
    context = new AudioContext({ sinkId: { type: 'none' } } as AudioContextOptions)
  } catch {
    context = new AudioContext()
  }
  const out = context.createMediaStreamDestination()
  const element = new Audio()
  element.srcObject = out.stream
  const done = (): void => {
    element.pause()
    element.srcObject = null
    for (const track of out.stream.getTracks()) track.stop()
    void context.close().catch(() => undefined)
  }
  const route =
    sinkId !== '' && typeof element.setSinkId === 'function'
      ? element.setSinkId(sinkId).catch(() => undefined)
      : Promise.resolve()
  void route
    .then(async () => {
      await context.resume().catch(() => undefined)
      await element.play()
      beep(context, out, tone)
      setTimeout(done, tone.seconds * 1000 + TAIL_MS)
    })
    .catch((error: unknown) => {
      // Autoplay refused or no device: the far side still got its beep.
      console.warn('[recording] the announcement could not play here', error)
      done()
    })
}
