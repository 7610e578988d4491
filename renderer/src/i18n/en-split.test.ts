import { describe, expect, it } from 'vitest'
import { en } from './en'
import { enCore } from './en-core'
import { enLater } from './en-later'
import { LATER_KEYS, LATER_SECTIONS } from './en-split'
import type { Tree } from './en-split'

const leaves = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`),
  )

const has = (tree: Tree, key: string): boolean => {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return false
    node = node[part]
  }
  return typeof node === 'string'
}

// The parts of the shell in the first bundle (mounted before start-up is done): every word they
// show must be in the core part, or a user would see a key until the later part loads.
const SHELL_FILES: Record<string, string> = import.meta.glob(
  [
    '../views/CallsView.vue',
    '../components/shell/TheAddressBar.vue',
    '../components/shell/TheRail.vue',
    '../components/account/AccountStatus.vue',
    '../components/call/TheIncomingCallDialog.vue',
    '../components/presence/TheMyStatus.vue',
  ],
  { query: '?raw', import: 'default', eager: true },
)

describe('English split into the first bundle and the later part', () => {
  it('loses and duplicates nothing', () => {
    const all = leaves(en as unknown as Tree)
    const core = leaves(enCore)
    const later = leaves(enLater)
    expect([...core, ...later].sort()).toEqual([...all].sort())
    expect(core.filter((key) => later.includes(key))).toEqual([])
  })

  it('moves whole view sections out of the first bundle', () => {
    expect(Object.keys(enLater).sort()).toEqual(
      [...LATER_SECTIONS, ...Object.keys(LATER_KEYS)].sort(),
    )
    expect(has(enCore, 'signIn.title')).toBe(false)
    expect(has(enCore, 'call.quality.title') || has(enCore, 'views.settings.title')).toBe(false)
    // Shown as a notice whenever a device goes away, before any view loaded.
    expect(has(enCore, 'devices.notice.lost.microphone')).toBe(true)
    expect(has(enCore, 'call.hangUp') || has(enCore, 'status.registered')).toBe(true)
  })

  it('finds the shell files', () => expect(Object.keys(SHELL_FILES)).toHaveLength(6))

  it.each(Object.entries(SHELL_FILES))('%s shows only core words', (_file, source) => {
    const keys = [...source.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)].map((m) => m[1]!)
    expect(keys.length).toBeGreaterThan(0)
    expect(keys.filter((key) => !has(enCore, key))).toEqual([])
  })
})
