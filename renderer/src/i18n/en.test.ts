import { describe, expect, it } from 'vitest'
import { en } from './en'
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

  it('keeps the @ of a SIP address', () => {
    expect(createAppI18n().global.t('signIn.aorHint')).toBe('sip:alice@example.com')
  })
})
