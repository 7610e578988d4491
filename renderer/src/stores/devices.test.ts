import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises } from '@vue/test-utils'
import { platformKey } from '@/composables/usePlatform'
import { createBrowserPlatform } from '@/platform/browser'
import type { MediaDevicesLike } from '@/media/device-service'
import type { DeviceInfo } from '@/media/devices'
import { useDevicesStore } from './devices'

// The devices store without components: a fake machine's device list behind navigator, the
// browser platform's real settings over localStorage (so "remembered" is read back by a fresh
// platform, as after a restart).

class FakeMachine extends EventTarget implements MediaDevicesLike {
  list: DeviceInfo[] = [
    { kind: 'audioinput', deviceId: 'default', label: 'Default' },
    { kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in Microphone' },
    { kind: 'audioinput', deviceId: 'mic-2', label: 'USB Headset' },
    { kind: 'videoinput', deviceId: 'cam-1', label: 'HD Camera' },
    { kind: 'audiooutput', deviceId: 'spk-1', label: 'Speakers' },
    { kind: 'audiooutput', deviceId: 'spk-2', label: 'USB Headset' },
  ]
  refuse = new Set<'audio' | 'video'>()
  readonly stopped: string[] = []

  async enumerateDevices(): Promise<readonly DeviceInfo[]> {
    return this.list.map((d) => ({ ...d }))
  }

  async getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    const kind = constraints.audio ? 'audio' : 'video'
    if (this.refuse.has(kind)) throw new DOMException('no', 'NotAllowedError')
    const track = { kind, stop: () => this.stopped.push(kind) }
    return { getTracks: () => [track] } as unknown as MediaStream
  }

  change(list: DeviceInfo[]): void {
    this.list = list
    this.dispatchEvent(new Event('devicechange'))
  }
}

let machine: FakeMachine

function setup() {
  const app = createApp({})
  app.provide(platformKey, createBrowserPlatform({ localStorage, sessionStorage }))
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return app.runWithContext(() => useDevicesStore())
}

/** What a fresh start reads back from storage. */
async function storedDevices() {
  return (await createBrowserPlatform({ localStorage, sessionStorage }).settings.get()).devices
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  machine = new FakeMachine()
  vi.stubGlobal('navigator', { mediaDevices: machine })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('devices store', () => {
  it('lists real devices per role, without the browser stand-ins', async () => {
    const devices = setup()
    devices.apply(null)
    await devices.refresh()
    expect(devices.options.microphone.map((o) => o.deviceId)).toEqual(['mic-1', 'mic-2'])
    expect(devices.options.camera.map((o) => o.label)).toEqual(['HD Camera'])
    expect(devices.options.speaker).toEqual(devices.options.ringer)
    expect(devices.selected).toEqual({ microphone: '', camera: '', speaker: '', ringer: '' })
    expect(devices.namesHidden).toBe(false)
    devices.dispose()
  })

  it('a choice is used at once and remembered across a restart', async () => {
    const devices = setup()
    devices.apply(null)
    await devices.refresh()
    await devices.choose('microphone', 'mic-2')
    await devices.choose('speaker', 'spk-2')
    await devices.setRingtone(false)
    expect(devices.selected.microphone).toBe('mic-2')
    expect(devices.sinkIds.speaker).toBe('spk-2')

    expect(await storedDevices()).toMatchObject({
      microphone: { deviceId: 'mic-2', label: 'USB Headset' },
      speaker: { deviceId: 'spk-2', label: 'USB Headset' },
      ringtone: false,
    })
    devices.dispose()

    // A new window: the stored choices come back through load().
    setActivePinia(createPinia())
    const again = setup()
    await again.load()
    await again.refresh()
    expect(again.selected.microphone).toBe('mic-2')
    expect(again.ringtone).toBe(false)
    again.dispose()
  })

  it('follows the device list: an unplugged choice reads as the default, and comes back', async () => {
    const devices = setup()
    devices.apply({
      microphone: { deviceId: 'mic-2', label: 'USB Headset' },
      camera: { deviceId: '', label: '' },
      speaker: { deviceId: '', label: '' },
      ringer: { deviceId: '', label: '' },
      ringtone: true,
    })
    await devices.refresh()
    expect(devices.selected.microphone).toBe('mic-2')

    const withHeadset = machine.list
    machine.change(withHeadset.filter((d) => d.deviceId !== 'mic-2'))
    await vi.waitFor(() => expect(devices.options.microphone).toHaveLength(1))
    expect(devices.selected.microphone).toBe('')
    // The choice itself is kept: plugging the headset back in selects it again.
    machine.change(withHeadset)
    await vi.waitFor(() => expect(devices.selected.microphone).toBe('mic-2'))
    devices.dispose()
  })

  it('before permission, names are hidden; revealNames asks once per kind and stops the tracks', async () => {
    machine.list = machine.list.map((d) => ({ ...d, label: '' }))
    const devices = setup()
    devices.apply(null)
    await devices.refresh()
    expect(devices.namesHidden).toBe(true)

    machine.refuse.add('video') // no camera access: the microphone's still names devices
    const granted = devices.revealNames()
    machine.list = machine.list.map((d) => ({ ...d, label: `${d.deviceId} name` }))
    expect(await granted).toBe(true)
    await flushPromises()
    expect(machine.stopped).toEqual(['audio'])
    expect(devices.namesHidden).toBe(false)

    machine.refuse.add('audio')
    expect(await devices.revealNames()).toBe(false)
    devices.dispose()
  })
})
