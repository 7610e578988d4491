import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { platformKey } from '@/composables/usePlatform'
import { createBrowserPlatform } from '@/platform/browser'
import type * as I18n from '@/i18n'
import { useAppearanceStore } from './appearance'

// The language switch itself is the i18n module's (its own tests); here: that it is asked.
vi.mock('@/i18n', async (importOriginal) => ({
  ...(await importOriginal<typeof I18n>()),
  applyLocale: vi.fn(async () => {}),
}))

function setup() {
  const app = createApp({})
  app.provide(platformKey, createBrowserPlatform({ localStorage, sessionStorage }))
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return app.runWithContext(() => useAppearanceStore())
}

const readBack = () => createBrowserPlatform({ localStorage, sessionStorage }).settings.get()

beforeEach(() => {
  localStorage.clear()
  delete document.documentElement.dataset.theme
})

describe('appearance store', () => {
  it("puts the theme on the document root; 'system' leaves it to the OS", async () => {
    const appearance = setup()
    await nextTick()
    expect(document.documentElement.dataset.theme).toBeUndefined()
    await appearance.setTheme('dark')
    await nextTick()
    expect(document.documentElement.dataset.theme).toBe('dark')
    await appearance.setTheme('system')
    await nextTick()
    expect(document.documentElement.dataset.theme).toBeUndefined()
  })

  it('the chosen theme and language are remembered and read back at the next start', async () => {
    const { applyLocale } = await import('@/i18n')
    const appearance = setup()
    await appearance.setTheme('light')
    await appearance.setLocale('de')
    await nextTick()
    expect(applyLocale).toHaveBeenLastCalledWith('de')
    expect(await readBack()).toMatchObject({ theme: 'light', locale: 'de' })

    setActivePinia(createPinia())
    const next = setup()
    await next.load()
    await nextTick()
    expect(next.theme).toBe('light')
    expect(document.documentElement.dataset.theme).toBe('light')
  })
})
