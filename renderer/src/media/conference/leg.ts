// A conference leg's outgoing audio: the mix for that leg goes out on the call's audio sender in
// place of the microphone (replaceTrack: no renegotiation), and the microphone goes back when the
// leg leaves. Hold and mute keep working: the call switches whatever track its sender holds.

export function audioSender(pc: RTCPeerConnection | undefined): RTCRtpSender | undefined {
  return pc?.getSenders().find((s) => s.track?.kind === 'audio')
}

/** The leg's own audio while a short-lived track stands in for it on the sender (a beep). */
const standIns = new WeakMap<RTCRtpSender, MediaStreamTrack>()

/** What the leg sends as its own: the track a stand-in replaced, else the sender's track. */
export function ownAudio(sender: RTCRtpSender | undefined): MediaStreamTrack | null {
  if (!sender) return null
  return standIns.get(sender) ?? sender.track
}

/** `own` is the leg's audio while something else is sent (null: the stand-in is over). */
export function markStandIn(sender: RTCRtpSender, own: MediaStreamTrack | null): void {
  if (own) standIns.set(sender, own)
  else standIns.delete(sender)
}

/** Sends `track` on the leg; false when the call has no audio sender (ended) or it failed. */
export async function sendOnLeg(
  pc: RTCPeerConnection | undefined,
  track: MediaStreamTrack,
): Promise<boolean> {
  const sender = audioSender(pc)
  if (!sender) return false
  try {
    await sender.replaceTrack(track)
    return true
  } catch (error) {
    console.warn('[conference] replacing a leg’s audio failed', error)
    return false
  }
}
