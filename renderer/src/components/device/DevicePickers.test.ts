import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises, mount } from '@vue/test-utils'
import { platformKey } from '@/composables/usePlatform'
import { createBrowserPlatform, SETTINGS_KEY } from '@/platform/browser'
import { createAppI18n, loadLaterMessages } from '@/i18n'
import type { DeviceInfo } from '@/media/devices'
import { useDevicesStore } from '@/stores/devices'
import DevicePickers from './DevicePickers.vue'

// The component loads with the views' words (withLaterMessages), as in the app.
let i18n: ReturnType<typeof createAppI18n>
beforeEach(async () => {
  i18n = createAppI18n()
  await loadLaterMessages()
})

// The pickers and the devices store over a browser platform (settings in localStorage) and a
// stand-in for navigator.mediaDevices whose list the test changes.
class FakeMediaDevices extends EventTarget {
  list: DeviceInfo[] = []
  getUserMedia = vi.fn(async () => ({ getTracks: () => [{ stop: vi.fn() }] }))
  async enumerateDevices(): Promise<DeviceInfo[]> {
    return this.list.map((d) => ({ ...d }))
  }
  plug(list: DeviceInfo[]): void {
    this.list = list
    this.dispatchEvent(new Event('devicechange'))
  }
}

const named: DeviceInfo[] = [
  { kind: 'audioinput', deviceId: 'default', label: 'Default - Headset' },
  { kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in Microphone' },
  { kind: 'audioinput', deviceId: 'mic-2', label: 'Headset <b>Pro</b>' },
  { kind: 'videoinput', deviceId: 'cam-1', label: 'HD Camera' },
  { kind: 'audiooutput', deviceId: 'out-1', label: 'Speakers' },
  { kind: 'audiooutput', deviceId: 'out-2', label: 'Headset' },
]

let media: FakeMediaDevices

beforeEach(() => {
  localStorage.clear()
  media = new FakeMediaDevices()
  Object.defineProperty(navigator, 'mediaDevices', { value: media, configurable: true })
})

afterEach(() => {
  vi.restoreAllMocks()
})

async function mounted(props: Record<string, unknown> = {}) {
  const platform = createBrowserPlatform({ localStorage, sessionStorage })
  const pinia = createPinia()
  setActivePinia(pinia)
  const wrapper = mount(DevicePickers, {
    props,
    global: { plugins: [pinia, i18n], provide: { [platformKey as symbol]: platform } },
  })
  const store = useDevicesStore()
  await store.load()
  await flushPromises()
  return { wrapper, store, platform }
}

function options(wrapper: Awaited<ReturnType<typeof mounted>>['wrapper'], role: string): string[] {
  const select = wrapper.get(`select[id$="-${role}"]`)
  return select.findAll('option').map((o) => o.text())
}

describe('DevicePickers', () => {
  it('offers the system default and each device by name, for every role', async () => {
    media.list = named
    const { wrapper } = await mounted({ showRingtone: true })
    expect(options(wrapper, 'microphone')).toEqual([
      'System default',
      'Built-in Microphone',
      'Headset <b>Pro</b>',
    ])
    expect(options(wrapper, 'camera')).toEqual(['System default', 'HD Camera'])
    expect(options(wrapper, 'ringer')).toEqual(['System default', 'Speakers', 'Headset'])
    // A label is text: no element was made from it.
    expect(wrapper.find('select b').exists()).toBe(false)
    expect(wrapper.text()).toContain('Ring for incoming calls')
  })

  it('names each picker by its label element', async () => {
    media.list = named
    const { wrapper } = await mounted()
    for (const name of ['Microphone', 'Camera', 'Speaker', 'Ringer']) {
      const label = wrapper.findAll('label').find((l) => l.text() === name)
      const target = label?.attributes('for')
      expect(target, name).toBeTruthy()
      expect(wrapper.find(`select[id="${target}"]`).exists(), name).toBe(true)
    }
  })

  it('names devices by position while the browser hides their names, and can ask for access', async () => {
    media.list = [
      { kind: 'audioinput', deviceId: 'a', label: '' },
      { kind: 'audioinput', deviceId: 'b', label: '' },
      { kind: 'audiooutput', deviceId: 'o', label: '' },
    ]
    const { wrapper } = await mounted()
    expect(options(wrapper, 'microphone')).toEqual([
      'System default',
      'Microphone 1',
      'Microphone 2',
    ])
    expect(options(wrapper, 'speaker')).toEqual(['System default', 'Speaker 1'])
    const reveal = wrapper.findAll('button').find((b) => b.text() === 'Show device names')
    expect(reveal).toBeDefined()
    media.list = named
    await reveal?.trigger('click')
    await flushPromises()
    expect(media.getUserMedia).toHaveBeenCalled()
    expect(options(wrapper, 'microphone')).toContain('Built-in Microphone')
    expect(wrapper.text()).not.toContain('Show device names')
  })

  it('offers nothing it cannot open before permission (devices without ids)', async () => {
    media.list = [{ kind: 'audioinput', deviceId: '', label: '' }]
    const { wrapper } = await mounted()
    expect(options(wrapper, 'microphone')).toEqual(['System default'])
  })

  it('remembers a choice with its label, and shows it again after a reload', async () => {
    media.list = named
    const first = await mounted()
    await first.wrapper.get('select[id$="-microphone"]').setValue('mic-2')
    await flushPromises()
    const stored = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}')
    expect(stored.devices.microphone).toEqual({ deviceId: 'mic-2', label: 'Headset <b>Pro</b>' })
    first.wrapper.unmount()

    const again = await mounted()
    const select = again.wrapper.get<HTMLSelectElement>('select[id$="-microphone"]')
    expect(select.element.value).toBe('mic-2')
  })

  it('finds a chosen device again by label when its id changed', async () => {
    media.list = named
    const first = await mounted()
    await first.wrapper.get('select[id$="-speaker"]').setValue('out-2')
    await flushPromises()
    first.wrapper.unmount()
    media.list = named.map((d) => (d.deviceId === 'out-2' ? { ...d, deviceId: 'out-2-new' } : d))
    const { wrapper, store } = await mounted()
    expect(wrapper.get<HTMLSelectElement>('select[id$="-speaker"]').element.value).toBe('out-2-new')
    expect(store.sinkIds.speaker).toBe('out-2-new')
  })

  it('shows the default while the chosen device is unplugged, and follows devicechange', async () => {
    media.list = named
    const { wrapper, store } = await mounted()
    await wrapper.get('select[id$="-microphone"]').setValue('mic-2')
    await flushPromises()
    media.plug(named.filter((d) => d.deviceId !== 'mic-2'))
    await flushPromises()
    expect(options(wrapper, 'microphone')).toEqual(['System default', 'Built-in Microphone'])
    expect(wrapper.get<HTMLSelectElement>('select[id$="-microphone"]').element.value).toBe('')
    // Still the choice: it is used again once plugged back in.
    expect(store.choices.microphone.deviceId).toBe('mic-2')
    media.plug(named)
    await flushPromises()
    expect(wrapper.get<HTMLSelectElement>('select[id$="-microphone"]').element.value).toBe('mic-2')
  })

  it('shows only the roles asked for (the call panel)', async () => {
    media.list = named
    const { wrapper } = await mounted({ roles: ['microphone', 'speaker'] })
    expect(wrapper.findAll('select')).toHaveLength(2)
    expect(wrapper.text()).not.toContain('Ring for incoming calls')
  })

  it('turns the ringtone off, and remembers it', async () => {
    media.list = named
    const { wrapper, store } = await mounted({ showRingtone: true })
    await wrapper.get('input[type="checkbox"]').setValue(false)
    await flushPromises()
    expect(store.ringtone).toBe(false)
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}').devices.ringtone).toBe(false)
  })
})
