import { describe, expect, it } from 'vitest'
import { isRightToLeft, matchLocale, resolveLocale } from './locales'

describe('matchLocale', () => {
  it.each([
    [['de-DE', 'en-US'], 'de'],
    [['fr-CA'], 'fr'],
    [['es-419'], 'es'],
    [['pt-PT'], 'pt-BR'],
    [['pt-BR'], 'pt-BR'],
    [['zh-TW', 'en'], 'zh-CN'],
    [['zh_CN'], 'zh-CN'],
    [['ar-EG'], 'ar'],
    [['ja-JP', 'de'], 'de'],
    [['ja-JP'], 'en'],
    [[], 'en'],
  ] as const)('%j → %s', (preferred, locale) => {
    expect(matchLocale(preferred)).toBe(locale)
  })

  it('a Settings choice wins over the OS', () => {
    expect(resolveLocale('fr', ['de-DE'])).toBe('fr')
    expect(resolveLocale('system', ['de-DE'])).toBe('de')
  })

  it('Arabic is right to left', () => {
    expect(isRightToLeft('ar')).toBe(true)
    expect(isRightToLeft('de')).toBe(false)
  })
})
