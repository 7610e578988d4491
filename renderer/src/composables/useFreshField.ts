import { nextTick, ref } from 'vue'
import type { Ref } from 'vue'

/**
 * A text field that is replaced by a new element each time the app empties it (bind `key` as
 * its `:key` and `field` as its `ref`). Chromium keeps a field's whole undo history, a text node
 * per edit, for as long as the element lives: one field used all day for calls or messages held
 * a node or two per use (the soak: +500 nodes over 540 dials, +2100 over 1000 messages).
 */
export function useFreshField<T extends HTMLElement>(): {
  field: Ref<T | null>
  key: Ref<number>
  renew: () => Promise<void>
} {
  const field = ref<T | null>(null) as Ref<T | null>
  const key = ref(0)
  /** A new element in place of the field; resolves once it is in the page. */
  async function renew(): Promise<void> {
    key.value += 1
    await nextTick()
  }
  return { field, key, renew }
}
