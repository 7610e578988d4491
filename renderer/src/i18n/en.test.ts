import { describe, expect, it } from 'vitest'
// The build's own vue-i18n: runtime only, no message compiler (see scripts/vite/i18n-precompile).
import { createI18n as createRuntimeI18n } from 'vue-i18n/dist/vue-i18n.runtime.mjs'
import { en } from './en'
import { enLater } from './en-later'
import { precompileMessages } from './precompile'
import type { MessageTree } from './precompile'
import { createAppI18n } from '.'

function leafKeys(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value as object, `${prefix}${key}.`),
  )
}

describe('English messages', () => {
  // vue-i18n compiles messages at run time: one bad character ('@', '|', '{') breaks the app.
  it.each(leafKeys(en))('%s compiles and renders', (key) => {
    const errors: unknown[] = []
    const i18n = createAppI18n()
    // As the app has it once the views' part loaded (loadLaterMessages).
    i18n.global.mergeLocaleMessage('en', enLater as never)
    const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string
    const original = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    try {
      const text = t(key, { reason: 'R', seconds: 3, name: 'N', version: 'V', platform: 'P' })
      expect(text).not.toBe(key)
      expect(text).not.toMatch(/[{}]/)
    } finally {
      console.error = original
    }
    expect(errors).toEqual([])
  })

  // The build ships these messages precompiled to the runtime-only build: each must compile
  // there and read exactly as the run-time compiler reads it.
  const compiled = precompileMessages(en as MessageTree)
  const runtime = createRuntimeI18n({
    legacy: false,
    locale: 'en',
    messages: { en: compiled },
  })
  it.each(leafKeys(en))('%s reads the same precompiled', (key) => {
    const values = { reason: 'R', seconds: 3, name: 'N', version: 'V', platform: 'P' }
    const full = createAppI18n().global.t as (key: string, values?: object | number) => string
    const precompiled = runtime.global.t as (key: string, values?: object | number) => string
    expect(precompiled(key, values)).toBe(full(key, values))
    expect(precompiled(key, 2)).toBe(full(key, 2))
  })

  it('refuses a message that does not compile', () => {
    expect(() => precompileMessages({ broken: { text: 'Hello {name' } })).toThrow(/broken\.text/)
  })

  it('keeps the @ of a SIP address', () => {
    expect(createAppI18n().global.t('signIn.aorHint')).toBe('sip:alice@example.com')
  })
})
