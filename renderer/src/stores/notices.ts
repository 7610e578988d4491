import { ref } from 'vue'
import { defineStore } from 'pinia'

export interface Notice {
  id: number
  /** The i18n message; also keeps the same notice from showing twice. */
  message: string
  params: Record<string, string>
}

/** Things the user must be told that are not errors of one form field (kept until dismissed). */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function show(message: string, params: Record<string, string> = {}): void {
    if (notices.value.some((n) => n.message === message)) return
    notices.value.push({ id: nextId++, message, params })
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  return { notices, show, dismiss }
})
