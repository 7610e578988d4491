import { describe, expect, it, vi } from 'vitest'
import { EarlyAudio } from './early-audio'
import type { OpenedMedia } from '../media/device-service'

function fakeMedia() {
  const stop = vi.fn()
  const opened: OpenedMedia = {
    stream: { getTracks: () => [{ stop }] } as unknown as MediaStream,
    fellBack: [],
  }
  const open = vi.fn(async () => opened)
  return { open, stop, opened }
}

describe('EarlyAudio', () => {
  it('opens the microphone (audio only) at once and hands it over once', async () => {
    const media = fakeMedia()
    const early = new EarlyAudio(media.open)
    early.start('c1')
    expect(media.open).toHaveBeenCalledWith({ audio: true, video: false })
    await expect(early.take()).resolves.toBe(media.opened)
    expect(early.take()).toBeUndefined()
    early.release('c1')
    await Promise.resolve()
    expect(media.stop).not.toHaveBeenCalled()
  })

  it('closes the microphone when the call ends unanswered, and only for that call', async () => {
    const media = fakeMedia()
    const early = new EarlyAudio(media.open)
    early.start('c1')
    early.start('c2')
    expect(media.open).toHaveBeenCalledOnce()
    early.release('c2')
    early.release('c1')
    await new Promise((r) => setTimeout(r, 0))
    expect(media.stop).toHaveBeenCalledOnce()
    expect(early.take()).toBeUndefined()
  })

  it('swallows a failure to open (the answer meets and reports it)', async () => {
    const early = new EarlyAudio(() => Promise.reject(new Error('NotAllowedError')))
    early.start('c1')
    await expect(early.take()).rejects.toThrow('NotAllowedError')
  })
})
