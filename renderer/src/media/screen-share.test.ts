import { describe, expect, it, vi } from 'vitest'
import { ScreenShare } from './screen-share'
import type { ShareTarget } from './screen-share'

// A fake connection: senders and transceivers that record what they are given.
function fakeTrack(kind: string) {
  return {
    kind,
    stopped: false,
    stop() {
      this.stopped = true
    },
  }
}

function fakeTarget(options: { camera?: boolean; renegotiates?: boolean } = {}) {
  const camera = options.camera ? fakeTrack('video') : null
  const sender = {
    track: camera as unknown,
    replaceTrack: vi.fn(async (t: unknown) => {
      sender.track = t
    }),
  }
  const transceivers: {
    direction: string
    sender: typeof sender
    receiver: { track: { kind: string } }
  }[] = []
  const pc = {
    getSenders: () => (camera ? [sender] : transceivers.map((t) => t.sender)),
    getTransceivers: () => transceivers,
    addTransceiver: vi.fn((track: unknown, init: { direction: string }) => {
      const added = {
        direction: init.direction,
        sender: {
          track,
          replaceTrack: vi.fn(async (t: unknown) => {
            added.sender.track = t
          }),
        },
        receiver: { track: { kind: 'video' } },
      }
      transceivers.push(added as never)
      return added
    }),
  }
  const renegotiate = vi.fn(async () => options.renegotiates ?? true)
  /** The call's own camera as the call holds it now (another one may be chosen mid-share). */
  const own = { camera: camera as unknown }
  const target = {
    pc: pc as unknown as RTCPeerConnection,
    renegotiate,
    camera: () => own.camera as MediaStreamTrack | null,
  } satisfies ShareTarget
  return { target, pc, sender, camera, transceivers, renegotiate, own }
}

describe('ScreenShare', () => {
  it('stands in for the camera on a video call, without renegotiating, and gives it back', async () => {
    const { target, sender, camera, renegotiate } = fakeTarget({ camera: true })
    const screen = fakeTrack('video')
    const share = await ScreenShare.start(target, screen as unknown as MediaStreamTrack)
    expect(sender.track).toBe(screen)
    expect(renegotiate).not.toHaveBeenCalled()
    await share!.stop(target)
    expect(sender.track).toBe(camera)
    expect(screen.stopped).toBe(true)
  })

  it('adds video to an audio call with one re-offer, and takes it away with another', async () => {
    const { target, transceivers, renegotiate } = fakeTarget()
    const screen = fakeTrack('video')
    const share = await ScreenShare.start(target, screen as unknown as MediaStreamTrack)
    expect(transceivers).toHaveLength(1)
    expect(renegotiate).toHaveBeenCalledTimes(1)
    await share!.stop(target)
    expect(transceivers[0]!.direction).toBe('inactive')
    expect(transceivers[0]!.sender.track).toBeNull()
    expect(renegotiate).toHaveBeenCalledTimes(2)

    // Sharing again reuses the m-line.
    const again = await ScreenShare.start(target, fakeTrack('video') as unknown as MediaStreamTrack)
    expect(again).not.toBeNull()
    expect(transceivers).toHaveLength(1)
    expect(transceivers[0]!.direction).toBe('sendrecv')
  })

  it('on a video call, gives back the camera chosen while sharing, not the one it replaced', async () => {
    const { target, sender, own } = fakeTarget({ camera: true })
    const share = await ScreenShare.start(target, fakeTrack('video') as unknown as MediaStreamTrack)
    const other = fakeTrack('video')
    own.camera = other
    await share!.stop(target)
    expect(sender.track).toBe(other)
  })

  it('on an audio call, a camera chosen while sharing keeps the video going, with no re-offer', async () => {
    const { target, transceivers, renegotiate, own } = fakeTarget()
    const share = await ScreenShare.start(target, fakeTrack('video') as unknown as MediaStreamTrack)
    expect(renegotiate).toHaveBeenCalledTimes(1)
    const camera = fakeTrack('video')
    own.camera = camera
    await share!.stop(target)
    expect(transceivers[0]!.sender.track).toBe(camera)
    expect(transceivers[0]!.direction).toBe('sendrecv')
    expect(renegotiate).toHaveBeenCalledTimes(1)
  })

  it('gives up, with the screen stopped, when the far end refuses the video', async () => {
    const { target } = fakeTarget({ renegotiates: false })
    const screen = fakeTrack('video')
    expect(await ScreenShare.start(target, screen as unknown as MediaStreamTrack)).toBeNull()
    expect(screen.stopped).toBe(true)
  })
})
