// The app's keyboard shortcuts: which key does what, decided from the key event alone (pure, so a
// table test holds them). Call shortcuts use Ctrl+Shift so they never collide with typing.

export type ShortcutAction = 'answer' | 'hangUp' | 'mute' | 'hold' | 'search' | 'help'

export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
  /** Focus is in a text field: plain keys (such as ?) belong to it. */
  typing: boolean
}

/** As listed in the "Keyboard shortcuts" dialog, in this order. */
export const SHORTCUTS: readonly { action: ShortcutAction; keys: string }[] = [
  { action: 'answer', keys: 'Ctrl+Shift+A' },
  { action: 'hangUp', keys: 'Ctrl+Shift+E' },
  { action: 'mute', keys: 'Ctrl+Shift+M' },
  { action: 'hold', keys: 'Ctrl+Shift+H' },
  { action: 'search', keys: 'Ctrl+K' },
  { action: 'help', keys: '?' },
]

const CALL_KEYS: Record<string, ShortcutAction> = { a: 'answer', e: 'hangUp', m: 'mute', h: 'hold' }

export function shortcutOf(press: KeyPress): ShortcutAction | null {
  // Cmd on macOS, Ctrl elsewhere.
  const command = press.ctrlKey || press.metaKey
  const key = press.key.toLowerCase()
  if (command && press.shiftKey && !press.altKey) return CALL_KEYS[key] ?? null
  if (command && !press.shiftKey && !press.altKey && key === 'k') return 'search'
  if (!command && !press.altKey && press.key === '?' && !press.typing) return 'help'
  return null
}

/** Whether an element takes typed text (so a plain key is not a shortcut there). */
export function isTextEntry(element: Element | null): boolean {
  if (!element) return false
  if (element instanceof HTMLElement && element.isContentEditable) return true
  if (element.tagName === 'TEXTAREA') return true
  if (element.tagName !== 'INPUT') return false
  const type = (element as HTMLInputElement).type
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type)
}
