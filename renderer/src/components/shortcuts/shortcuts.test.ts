import { describe, expect, it } from 'vitest'
import { shortcutOf } from './shortcuts'
import type { KeyPress } from './shortcuts'

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  typing: false,
  ...mods,
})

describe('shortcutOf', () => {
  it.each([
    [press('A', { ctrlKey: true, shiftKey: true }), 'answer'],
    [press('a', { metaKey: true, shiftKey: true }), 'answer'],
    [press('E', { ctrlKey: true, shiftKey: true, typing: true }), 'hangUp'],
    [press('M', { ctrlKey: true, shiftKey: true }), 'mute'],
    [press('H', { ctrlKey: true, shiftKey: true }), 'hold'],
    [press('k', { ctrlKey: true }), 'search'],
    [press('k', { ctrlKey: true, typing: true }), 'search'],
    [press('?', { shiftKey: true }), 'help'],
  ])('%j → %s', (key, action) => {
    expect(shortcutOf(key)).toBe(action)
  })

  it.each([
    press('a'),
    press('A', { shiftKey: true }),
    press('a', { ctrlKey: true }),
    press('A', { ctrlKey: true, shiftKey: true, altKey: true }),
    press('?', { shiftKey: true, typing: true }),
    press('k'),
    press('x', { ctrlKey: true, shiftKey: true }),
  ])('%j is no shortcut', (key) => {
    expect(shortcutOf(key)).toBeNull()
  })
})
