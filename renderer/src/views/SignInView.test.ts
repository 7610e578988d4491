import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createAppI18n, loadLaterMessages } from '@/i18n'
import { platformKey } from '@/composables/usePlatform'
import { sessionsKey } from '@/composables/useSessions'
import { Sessions } from '@/session/sessions'
import { createBrowserPlatform, createMemoryStorage } from '@/platform/browser'
import type { Platform } from '@/platform/types'
import SignInView from './SignInView.vue'

// The form prepares what signing in needs while it is open: the settings schema (a worker in a
// browser) is started when it shows and kept while the user types, not at the click.

async function mountForm(kind: Platform['kind']) {
  const base = createBrowserPlatform({
    localStorage: createMemoryStorage(),
    sessionStorage: createMemoryStorage(),
  })
  const get = vi.spyOn(base.settings, 'get')
  const platform = Object.assign(Object.create(base) as Platform, { kind })
  setActivePinia(createPinia())
  const i18n = createAppI18n()
  await loadLaterMessages()
  const wrapper = mount(SignInView, {
    global: {
      plugins: [i18n],
      provide: { [platformKey as symbol]: platform, [sessionsKey as symbol]: new Sessions() },
    },
  })
  await flushPromises()
  return { wrapper, get }
}

afterEach(() => vi.useRealTimers())

describe('SignInView', () => {
  it('starts the settings schema when shown, and again while typing at most every 5 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date', 'requestIdleCallback'] })
    const { wrapper, get } = await mountForm('browser')
    await vi.advanceTimersByTimeAsync(1000)
    expect(get).toHaveBeenCalledTimes(1)
    const address = wrapper.get('#sign-in-aor')
    await address.setValue('sip:ada@example.com')
    expect(get).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(5000)
    await address.setValue('sip:ada@example.org')
    await address.setValue('sip:ada@example.net')
    expect(get).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })

  it('leaves the desktop alone: its settings live in the main process', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date', 'requestIdleCallback'] })
    const { wrapper, get } = await mountForm('desktop')
    await vi.advanceTimersByTimeAsync(1000)
    await wrapper.get('#sign-in-aor').setValue('sip:ada@example.com')
    expect(get).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
