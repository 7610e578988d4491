import { ref, watchEffect } from 'vue'
import { defineStore } from 'pinia'
import { usePlatform } from '@/composables/usePlatform'
import type { Theme } from '@shared/settings'

/** Light, dark or the OS's choice; applied to the document root for the CSS to follow. */
export const useAppearanceStore = defineStore('appearance', () => {
  const platform = usePlatform()
  const theme = ref<Theme>('system')

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

  return { theme, load, apply, setTheme }
})
