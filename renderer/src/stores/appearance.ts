import { ref, watch, watchEffect } from 'vue'
import { defineStore } from 'pinia'
import { usePlatform } from '@/composables/usePlatform'
import { applyLocale } from '@/i18n'
import type { Locale, Theme } from '@shared/settings'

/**
 * Light, dark or the OS's choice, applied to the document root for the CSS to follow; and the
 * language (the OS's unless Settings chose one).
 */
export const useAppearanceStore = defineStore('appearance', () => {
  const platform = usePlatform()
  const theme = ref<Theme>('system')
  const locale = ref<Locale>('system')
  watch(locale, (next) => void applyLocale(next))

  watchEffect(() => {
    if (theme.value === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme.value
  })

  async function load(): Promise<void> {
    theme.value = (await platform.settings.get()).theme
  }

  /** The theme start-up read (before the settings schema loads). */
  function apply(saved: Theme): void {
    theme.value = saved
  }

  async function setTheme(next: Theme): Promise<void> {
    theme.value = next
    await platform.settings.set({ theme: next })
  }

  /** The language the settings hold (read once they have loaded). */
  function applySavedLocale(saved: Locale): void {
    locale.value = saved
  }

  async function setLocale(next: Locale): Promise<void> {
    locale.value = next
    await platform.settings.set({ locale: next })
  }

  return { theme, locale, load, apply, setTheme, applySavedLocale, setLocale }
})
