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

  /** `durationMs`: a short notice that goes away by itself (it can still be dismissed earlier). */
  function show(
    message: string,
    params: Record<string, string> = {},
    options: { durationMs?: number } = {},
  ): void {
    if (notices.value.some((n) => n.message === message)) return
    const id = nextId++
    notices.value.push({ id, message, params })
    if (options.durationMs !== undefined) setTimeout(() => dismiss(id), options.durationMs)
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  return { notices, show, dismiss }
})
