import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createAppI18n, loadLaterMessages } from '@/i18n'
import { platformKey } from '@/composables/usePlatform'
import { sessionsKey } from '@/composables/useSessions'
import { Sessions } from '@/session/sessions'
import { createBrowserPlatform, createMemoryStorage } from '@/platform/browser'
import type { Platform, PlatformKind } from '@/platform/types'
import RecordingList from './RecordingList.vue'

// The component loads with the views' words (withLaterMessages), as in the app.
let i18n: ReturnType<typeof createAppI18n>
beforeEach(async () => {
  i18n = createAppI18n()
  await loadLaterMessages()
})

// The Recordings list in Calls: each file with Play (loads it into a player), Show in its folder
// (desktop only: main reveals it) and Delete; nothing shown when there are none. The recording
// e2e plays and deletes a real file; the glue test reveals one through main.

const NAME = 'switchboard-bob_example.com-2026-12-06T20-15-30Z.webm'

function platformOf(kind: PlatformKind) {
  const base = createBrowserPlatform({
    localStorage: createMemoryStorage(),
    sessionStorage: createMemoryStorage(),
  })
  let files = [{ fileName: NAME, bytes: 3, modifiedAt: 1 }]
  const recordings = {
    ...base.recordings,
    list: vi.fn(async () => files),
    read: vi.fn(async () => new Uint8Array([1, 2, 3])),
    reveal: vi.fn(async () => {}),
    remove: vi.fn(async ({ fileName }: { fileName: string }) => {
      files = files.filter((f) => f.fileName !== fileName)
    }),
  }
  const platform = Object.assign(Object.create(base) as Platform, { kind, recordings })
  return { platform, recordings }
}

async function mountList(platform: Platform) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const wrapper = mount(RecordingList, {
    global: {
      plugins: [pinia, i18n],
      provide: { [platformKey as symbol]: platform, [sessionsKey as symbol]: new Sessions() },
    },
  })
  await flushPromises()
  return wrapper
}

const button = (wrapper: Awaited<ReturnType<typeof mountList>>, name: string) =>
  wrapper.find(`button[aria-label="${name}"]`)

// Object URLs only (stubbing all of URL would break what else the page parses).
const objectUrls = { create: URL.createObjectURL, revoke: URL.revokeObjectURL }
beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:rec')
  URL.revokeObjectURL = vi.fn()
})
afterEach(() => {
  URL.createObjectURL = objectUrls.create
  URL.revokeObjectURL = objectUrls.revoke
})

describe('RecordingList', () => {
  it('on the desktop: plays a recording from main’s folder, shows it in its folder, deletes it', async () => {
    const { platform, recordings } = platformOf('desktop')
    const wrapper = await mountList(platform)
    expect(wrapper.find('section').attributes('aria-label')).toBe('Recordings')
    expect(wrapper.text()).toContain(NAME)

    await button(wrapper, `Play ${NAME}`).trigger('click')
    await flushPromises()
    expect(recordings.read).toHaveBeenCalledWith({ fileName: NAME })
    expect(wrapper.find('audio').attributes('src')).toBe('blob:rec')

    await button(wrapper, `Show ${NAME} in its folder`).trigger('click')
    expect(recordings.reveal).toHaveBeenCalledWith({ fileName: NAME })

    await button(wrapper, `Delete ${NAME}`).trigger('click')
    await flushPromises()
    expect(recordings.remove).toHaveBeenCalledWith({ fileName: NAME })
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:rec')
    // The list is read again: none left, nothing shown.
    expect(wrapper.find('section').exists()).toBe(false)
  })

  it('in a browser: no folder to show, play and delete still there', async () => {
    const { platform } = platformOf('browser')
    const wrapper = await mountList(platform)
    expect(button(wrapper, `Play ${NAME}`).exists()).toBe(true)
    expect(button(wrapper, `Delete ${NAME}`).exists()).toBe(true)
    expect(button(wrapper, `Show ${NAME} in its folder`).exists()).toBe(false)
  })
})
