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
import TheLinkHandlerPrompt from './TheLinkHandlerPrompt.vue'

function desktopPlatform(): Platform {
  // The browser bridge's settings (in memory) standing in for main's, as the desktop kind.
  const platform = createBrowserPlatform({
    localStorage: createMemoryStorage(),
    sessionStorage: createMemoryStorage(),
  })
  return Object.assign(Object.create(platform) as Platform, { kind: 'desktop' as const })
}

async function mountPrompt(platform: Platform) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = createAppI18n()
  await loadLaterMessages() // the prompt's words load after start-up
  const wrapper = mount(TheLinkHandlerPrompt, {
    global: {
      plugins: [pinia, i18n],
      provide: { [platformKey as symbol]: platform, [sessionsKey as symbol]: new Sessions() },
    },
  })
  await flushPromises()
  return wrapper
}

describe('TheLinkHandlerPrompt', () => {
  it.each([
    ['No, thanks', 'declined'],
    ['Use Switchboard', 'accepted'],
  ])(
    'asks once: "%s" is remembered and the question does not come back',
    async (button, choice) => {
      const platform = desktopPlatform()
      const first = await mountPrompt(platform)
      // The settings (and their schema) load on first use.
      await vi.waitFor(() =>
        expect(first.text()).toContain('Open phone links (tel:, callto:, sip:) with Switchboard?'),
      )
      const target = first.findAll('button').find((b) => b.text() === button)
      await target?.trigger('click')
      await flushPromises()
      expect(first.text()).toBe('')
      await vi.waitFor(async () =>
        expect((await platform.settings.get()).desktop.linkHandler).toBe(choice),
      )
      first.unmount()

      // The next start: nothing asked.
      const next = await mountPrompt(platform)
      await new Promise((r) => setTimeout(r, 50))
      await flushPromises()
      expect(next.text()).toBe('')
      expect(next.vm).toBeTruthy()
    },
  )
})
