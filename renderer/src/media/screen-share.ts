// A screen or window sent as a call's video: in place of the camera on a video call
// (replaceTrack), or as video added to an audio call (renegotiated once, and once more to take it
// away). Loaded at the first "Share screen": calls that never share do not carry it.

/** What sharing needs of a call (sip/call.ts's CallMediaControl has it; media/ knows no SIP). */
export interface ShareableCall {
  readonly peerConnection: RTCPeerConnection | undefined
  /** The call's own capture: a camera in it is what the call sends again after the screen. */
  readonly localStream: MediaStream | null
  renegotiate(): Promise<boolean>
  setSharing(sharing: boolean): void
}

export interface ShareTarget {
  readonly pc: RTCPeerConnection
  /** Sends a re-INVITE with the connection's current transceivers; false when refused. */
  renegotiate(): Promise<boolean>
  /**
   * The call's camera now, read when sharing stops: another camera chosen while sharing
   * replaced the one the screen stood in for (and stopped it), or gave an audio call one.
   */
  camera(): MediaStreamTrack | null
}

export class ScreenShare {
  private constructor(
    readonly track: MediaStreamTrack,
    /** The transceiver that carries the screen on an audio call. */
    private readonly added: RTCRtpTransceiver | null,
  ) {}

  /** Starts sending the stream's video track; null (the track stopped) when it cannot. */
  static async start(target: ShareTarget, track: MediaStreamTrack): Promise<ScreenShare | null> {
    const { pc } = target
    const sender = pc.getSenders().find((s) => s.track?.kind === 'video')
    if (sender) {
      await sender.replaceTrack(track)
      return new ScreenShare(track, null)
    }
    // A video transceiver from an earlier share is reused: m-lines are never removed.
    const earlier = pc
      .getTransceivers()
      .find((t) => t.receiver.track.kind === 'video' && t.direction !== 'stopped')
    if (earlier) {
      await earlier.sender.replaceTrack(track)
      earlier.direction = 'sendrecv'
    }
    const share = new ScreenShare(
      track,
      earlier ?? pc.addTransceiver(track, { direction: 'sendrecv' }),
    )
    if (await target.renegotiate()) return share
    await share.stop(target)
    return null
  }

  /**
   * Back to the call's camera when it has one (the m-line stays, no re-offer), else to audio
   * only (renegotiated unless the call is gone).
   */
  async stop(target: ShareTarget | null): Promise<void> {
    try {
      const camera = target?.camera() ?? null
      const sender =
        this.added?.sender ?? target?.pc.getSenders().find((s) => s.track === this.track)
      if (camera) {
        await sender?.replaceTrack(camera)
      } else if (this.added) {
        await this.added.sender.replaceTrack(null)
        this.added.direction = 'inactive'
        if (target) await target.renegotiate()
      } else {
        // A video call whose camera is gone: nothing to send until one comes back.
        await sender?.replaceTrack(null)
      }
    } finally {
      this.track.stop()
    }
  }
}

const shares = new WeakMap<ShareableCall, ScreenShare>()

/**
 * Sends the stream's screen as the call's video; the browser's own "Stop sharing" (the track
 * ends) stops it as the button does.
 */
export async function shareScreen(call: ShareableCall, stream: MediaStream): Promise<boolean> {
  const track = stream.getVideoTracks()[0]
  const target = targetOf(call)
  if (!track || !target || shares.has(call)) {
    stream.getTracks().forEach((t) => t.stop())
    return false
  }
  let share: ScreenShare | null = null
  try {
    share = await ScreenShare.start(target, track)
  } catch (error) {
    console.warn('[call] sharing the screen failed', error)
    track.stop()
  }
  if (!share) return false
  shares.set(call, share)
  track.addEventListener('ended', () => void stopSharing(call), { once: true })
  call.setSharing(true)
  return true
}

export async function stopSharing(call: ShareableCall): Promise<void> {
  const share = shares.get(call)
  if (!share) return
  shares.delete(call)
  await share.stop(targetOf(call)).catch((error: unknown) => console.warn('[call]', error))
  call.setSharing(false)
}

function targetOf(call: ShareableCall): ShareTarget | null {
  const pc = call.peerConnection
  if (!pc || pc.connectionState === 'closed') return null
  return {
    pc,
    renegotiate: () => call.renegotiate(),
    camera: () => call.localStream?.getVideoTracks().find((t) => t.readyState === 'live') ?? null,
  }
}
