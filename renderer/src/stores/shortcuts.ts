import { ref } from 'vue'
import { defineStore } from 'pinia'

/** Whether the "Keyboard shortcuts" dialog is open ("?" anywhere, or from Settings). */
export const useShortcutsStore = defineStore('shortcuts', () => {
  const helpOpen = ref(false)
  return {
    helpOpen,
    openHelp: () => (helpOpen.value = true),
    closeHelp: () => (helpOpen.value = false),
  }
})
