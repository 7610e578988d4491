import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createAppI18n, loadLaterMessages } from '@/i18n'
import { platformKey } from '@/composables/usePlatform'
import { sessionsKey } from '@/composables/useSessions'
import { Sessions } from '@/session/sessions'
import { createBrowserPlatform, createMemoryStorage } from '@/platform/browser'
import type { Platform } from '@/platform/types'
import RecordingSettings from './RecordingSettings.vue'

// Settings → Calls for recordings: the announcement tone (saved in the settings) and, on the
// desktop only, the recordings folder with "Choose…", which asks main's folder dialog.

function browserPlatform(): Platform {
  return createBrowserPlatform({
    localStorage: createMemoryStorage(),
    sessionStorage: createMemoryStorage(),
  })
}

/** The browser bridge's settings standing in for main's, as the desktop, with main's folder. */
function desktopPlatform(picks: (string | null)[]) {
  const base = browserPlatform()
  let folder = '/home/ada/Music/Switchboard'
  const chooseFolder = vi.fn(async () => {
    const pick = picks.shift() ?? null
    if (pick !== null) folder = pick
    return pick
  })
  const recordings = {
    ...base.recordings,
    list: async () => [],
    folder: async () => folder,
    chooseFolder,
  }
  const platform = Object.assign(Object.create(base) as Platform, {
    kind: 'desktop' as const,
    recordings,
  })
  return { platform, chooseFolder }
}

async function mountSettings(platform: Platform) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = createAppI18n()
  await loadLaterMessages() // Settings' words load with the view
  const wrapper = mount(RecordingSettings, {
    global: {
      plugins: [pinia, i18n],
      provide: { [platformKey as symbol]: platform, [sessionsKey as symbol]: new Sessions() },
    },
  })
  await flushPromises()
  return wrapper
}

const folderField = (wrapper: Awaited<ReturnType<typeof mountSettings>>) =>
  wrapper.find<HTMLInputElement>('input.folder')

describe('RecordingSettings', () => {
  it('shows the desktop’s folder; Choose… asks main’s dialog, shows the pick, and Cancel keeps it', async () => {
    const { platform, chooseFolder } = desktopPlatform([null, '/media/calls'])
    const wrapper = await mountSettings(platform)
    await vi.waitFor(() =>
      expect(folderField(wrapper).element.value).toBe('/home/ada/Music/Switchboard'),
    )
    expect(wrapper.text()).toContain('Recordings folder')
    // Read-only: the renderer never names a folder itself.
    expect(folderField(wrapper).attributes('readonly')).toBeDefined()

    const choose = wrapper.findAll('button').find((b) => b.text() === 'Choose…')!
    await choose.trigger('click')
    await flushPromises()
    expect(chooseFolder).toHaveBeenCalledTimes(1)
    expect(folderField(wrapper).element.value).toBe('/home/ada/Music/Switchboard')

    await choose.trigger('click')
    await flushPromises()
    expect(chooseFolder).toHaveBeenCalledTimes(2)
    expect(folderField(wrapper).element.value).toBe('/media/calls')
  })

  it('hides the folder in a browser (recordings download there)', async () => {
    const wrapper = await mountSettings(browserPlatform())
    await flushPromises()
    expect(wrapper.text()).toContain('Play a tone when recording starts')
    expect(folderField(wrapper).exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Recordings folder')
    expect(wrapper.findAll('button')).toHaveLength(0)
  })

  it('saves "Play a tone when recording starts" in the settings, off by default', async () => {
    const platform = browserPlatform()
    const wrapper = await mountSettings(platform)
    const box = wrapper.find<HTMLInputElement>('input[type=checkbox]')
    await vi.waitFor(async () =>
      expect((await platform.settings.get()).calls.recordingTone).toBe(false),
    )
    expect(box.element.checked).toBe(false)
    await box.setValue(true)
    await vi.waitFor(async () =>
      expect((await platform.settings.get()).calls.recordingTone).toBe(true),
    )
    // Read back by the next Settings view.
    wrapper.unmount()
    const again = await mountSettings(platform)
    await vi.waitFor(() =>
      expect(again.find<HTMLInputElement>('input[type=checkbox]').element.checked).toBe(true),
    )
  })
})
