import { ref } from 'vue'
import { defineStore } from 'pinia'

export const SECTIONS = ['calls', 'chat', 'contacts', 'dialpad', 'settings'] as const
export type Section = (typeof SECTIONS)[number]

/** Which section the main pane shows. */
export const useNavigationStore = defineStore('navigation', () => {
  const section = ref<Section>('calls')
  function open(next: Section): void {
    section.value = next
  }
  return { section, open }
})
