import { describe, expect, it, vi } from 'vitest'
import { MediaDevicesService } from './device-service'
import type { MediaDevicesLike } from './device-service'
import type { DeviceInfo } from './devices'

/** A machine's devices: getUserMedia refuses an exact id that is not plugged in, like Chromium. */
class FakeMediaDevices extends EventTarget implements MediaDevicesLike {
  list: DeviceInfo[] = [
    { kind: 'audioinput', deviceId: 'default', label: 'Default' },
    { kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in Microphone' },
    { kind: 'audioinput', deviceId: 'mic-2', label: 'USB Headset' },
    { kind: 'videoinput', deviceId: 'cam-1', label: 'HD Camera' },
  ]
  readonly asked: MediaStreamConstraints[] = []
  refuse: string | null = null

  enumerateDevices = vi.fn(async () => this.list.map((d) => ({ ...d })))

  async getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    this.asked.push(constraints)
    if (this.refuse) throw new DOMException('no', this.refuse)
    for (const kind of ['audio', 'video'] as const) {
      const exact = (constraints[kind] as MediaTrackConstraints | undefined)?.deviceId as
        { exact: string } | undefined
      if (exact && !this.list.some((d) => d.deviceId === exact.exact)) {
        throw new DOMException('gone', 'OverconstrainedError')
      }
    }
    return { id: `stream-${this.asked.length}` } as unknown as MediaStream
  }

  unplug(deviceId: string): void {
    this.list = this.list.filter((d) => d.deviceId !== deviceId)
  }
}

async function started(media = new FakeMediaDevices()) {
  const service = new MediaDevicesService(media, () => {})
  service.start()
  await service.refresh()
  return { media, service }
}

describe('MediaDevicesService.open', () => {
  it('asks for the chosen devices exactly', async () => {
    const { media, service } = await started()
    service.setChoice('microphone', { deviceId: 'mic-2', label: 'USB Headset' })
    service.setChoice('camera', { deviceId: 'cam-1', label: 'HD Camera' })
    const opened = await service.open({ audio: true, video: true })
    expect(opened.fellBack).toEqual([])
    expect(media.asked).toEqual([
      { audio: { deviceId: { exact: 'mic-2' } }, video: { deviceId: { exact: 'cam-1' } } },
    ])
  })

  it('asks for the defaults when nothing was chosen, and only for what is wanted', async () => {
    const { media, service } = await started()
    service.setChoice('camera', { deviceId: 'cam-1', label: 'HD Camera' })
    await service.open({ audio: true, video: false })
    expect(media.asked).toEqual([{ audio: true, video: false }])
  })

  it('falls back to the default for a chosen device that is gone, and says so', async () => {
    const { media, service } = await started()
    service.setChoice('microphone', { deviceId: 'mic-2', label: 'USB Headset' })
    media.unplug('mic-2') // no devicechange yet: the service's list is stale
    const opened = await service.open({ audio: true, video: false })
    expect(opened.fellBack).toEqual(['microphone'])
    expect(media.asked.at(-1)).toEqual({ audio: true, video: false })
  })

  it('keeps the chosen camera when only the microphone is gone', async () => {
    const { media, service } = await started()
    service.setChoice('microphone', { deviceId: 'mic-2', label: 'USB Headset' })
    service.setChoice('camera', { deviceId: 'cam-1', label: 'HD Camera' })
    media.unplug('mic-2')
    const opened = await service.open({ audio: true, video: true })
    expect(opened.fellBack).toEqual(['microphone'])
    expect(media.asked.at(-1)).toEqual({ audio: true, video: { deviceId: { exact: 'cam-1' } } })
  })

  it('finds a device whose id changed by its label: no fallback', async () => {
    const { media, service } = await started()
    service.setChoice('microphone', { deviceId: 'old-id', label: 'USB Headset' })
    const opened = await service.open({ audio: true, video: false })
    expect(opened.fellBack).toEqual([])
    expect(media.asked).toEqual([{ audio: { deviceId: { exact: 'mic-2' } }, video: false }])
  })

  it('passes a refusal on: the default would be refused too', async () => {
    const { media, service } = await started()
    service.setChoice('microphone', { deviceId: 'mic-2', label: 'USB Headset' })
    media.refuse = 'NotAllowedError'
    await expect(service.open({ audio: true, video: false })).rejects.toMatchObject({
      name: 'NotAllowedError',
    })
    expect(media.asked).toHaveLength(1)
  })

  it('does not retry the default when the default itself is missing', async () => {
    const { media, service } = await started()
    media.refuse = 'NotFoundError'
    await expect(service.open({ audio: true, video: false })).rejects.toMatchObject({
      name: 'NotFoundError',
    })
    expect(media.asked).toHaveLength(1)
  })

  it('fails clearly where there are no media devices at all (an insecure page)', async () => {
    const service = new MediaDevicesService(undefined, () => {})
    await expect(service.open({ audio: true, video: false })).rejects.toThrow(/not available/)
  })
})

describe('MediaDevicesService device list', () => {
  it('reads the list again once access is granted, when names were hidden', async () => {
    const media = new FakeMediaDevices()
    const named = media.list
    media.list = named.map((d) => ({ ...d, label: '' }))
    const { service } = await started(media)
    media.list = named
    await service.open({ audio: true, video: false })
    await vi.waitFor(() => expect(service.devices.every((d) => d.label !== '')).toBe(true))
  })

  it('does not read the list again for a kind that was not opened (a camera never granted)', async () => {
    const media = new FakeMediaDevices()
    media.list = media.list.map((d) => (d.kind === 'videoinput' ? { ...d, label: '' } : d))
    const { service } = await started(media)
    media.enumerateDevices.mockClear()
    await service.open({ audio: true, video: false })
    await service.open({ audio: true, video: false })
    await new Promise((r) => setTimeout(r, 0))
    expect(media.enumerateDevices).not.toHaveBeenCalled()
    await service.open({ audio: false, video: true })
    await vi.waitFor(() => expect(media.enumerateDevices).toHaveBeenCalledTimes(1))
  })

  it('reads the list again on devicechange and tells its listeners', async () => {
    const { media, service } = await started()
    const seen: number[] = []
    service.onDevices((list) => seen.push(list.length))
    media.unplug('mic-2')
    media.dispatchEvent(new Event('devicechange'))
    await vi.waitFor(() => expect(seen).toEqual([3]))
    expect(service.has('mic-2')).toBe(false)
    expect(service.has('mic-1')).toBe(true)
  })

  it('shares one read between devicechange events that come together', async () => {
    const { media, service } = await started()
    media.enumerateDevices.mockClear()
    media.dispatchEvent(new Event('devicechange'))
    media.dispatchEvent(new Event('devicechange'))
    await service.refresh()
    expect(media.enumerateDevices).toHaveBeenCalledTimes(1)
  })

  it('stops following devicechange when stopped', async () => {
    const media = new FakeMediaDevices()
    const service = new MediaDevicesService(media, () => {})
    const stop = service.start()
    await service.refresh()
    stop()
    media.enumerateDevices.mockClear()
    media.dispatchEvent(new Event('devicechange'))
    await Promise.resolve()
    expect(media.enumerateDevices).not.toHaveBeenCalled()
  })

  it('knows nothing to be gone before the first list', () => {
    const service = new MediaDevicesService(new FakeMediaDevices(), () => {})
    expect(service.has('anything')).toBe(true)
  })

  it('gives setSinkId values: the chosen speaker, or the default when it is gone', async () => {
    const media = new FakeMediaDevices()
    media.list.push({ kind: 'audiooutput', deviceId: 'spk-1', label: 'Speakers' })
    const { service } = await started(media)
    service.setChoice('speaker', { deviceId: 'spk-1', label: 'Speakers' })
    service.setChoice('ringer', { deviceId: 'bell', label: 'Bell' })
    expect(service.sinkId('speaker')).toBe('spk-1')
    expect(service.sinkId('ringer')).toBe('')
  })

  it('keeps the last list when listing fails', async () => {
    const { media, service } = await started()
    media.enumerateDevices.mockRejectedValueOnce(new Error('boom'))
    expect(await service.refresh()).toHaveLength(4)
  })
})
