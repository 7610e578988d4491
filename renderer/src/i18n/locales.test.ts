// Every language against English: the same keys (none missing, none extra), every message
// compiles for the runtime-only build, the same named values, a plural form per CLDR category
// where a message has plural forms, and real translations (not English left in place).
import { describe, expect, it } from 'vitest'
import type { AppLocale } from '@shared/i18n/locales'
import { pluralCategories } from '@shared/i18n/format'
import { en } from './en'
import { precompileMessages } from './precompile'
import type { MessageTree } from './precompile'
import { de } from './de'
import { fr } from './fr'
import { es } from './es'
import { ptBR } from './pt-BR'
import { zhCN } from './zh-CN'
import { ar } from './ar'
import { createAppI18n, applyLocale } from '.'

const translations: Record<Exclude<AppLocale, 'en'>, MessageTree> = {
  de: de as MessageTree,
  fr: fr as MessageTree,
  es: es as MessageTree,
  'pt-BR': ptBR as MessageTree,
  'zh-CN': zhCN as MessageTree,
  ar: ar as MessageTree,
}

function leaves(node: MessageTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value)
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v)
  }
  return out
}

const names = (message: string): string[] =>
  [...new Set([...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*\}/g)].map((m) => m[1]!))].sort()

const english = leaves(en as unknown as MessageTree)
const UNIVERSAL = new Set([
  'app.name',
  'signIn.aorHint',
  'signIn.serverHint',
  'accounts.advanced.iceUrlHint',
  'accounts.advanced.outboundProxyHint',
])

describe.each(Object.entries(translations))('%s', (locale, tree) => {
  const messages = leaves(tree)

  it('has every key English has, and no other', () => {
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort())
  })

  it('compiles every message', () => {
    expect(() => precompileMessages(tree)).not.toThrow()
  })

  it('uses the same named values as English', () => {
    const wrong = [...english].filter(([key, text]) => {
      const translated = messages.get(key) ?? ''
      // Plural forms may leave the count out (Arabic's "two messages").
      const isPlural = text.includes('|')
      const want = names(text).filter((n) => !isPlural || (n !== 'n' && n !== 'count'))
      const got = names(translated).filter((n) => !isPlural || (n !== 'n' && n !== 'count'))
      return JSON.stringify(want) !== JSON.stringify(got)
    })
    expect(wrong.map(([key]) => key)).toEqual([])
  })

  it('has one plural form per CLDR category, or two (one / other)', () => {
    const categories = pluralCategories(locale).length
    for (const [key, text] of english) {
      if (!text.includes('|')) continue
      const forms = (messages.get(key) ?? '').split('|').length
      expect(
        [1, 2, categories].includes(forms) && forms <= categories,
        `${key}: ${forms} forms`,
      ).toBe(true)
    }
  })

  it('is translated, not English left in place', () => {
    // Words apart from named values; the app's name and example addresses are the same everywhere.
    const words = (text: string) => text.replace(/\{[^}]*\}/g, '')
    const same = [...english].filter(
      ([key, text]) =>
        !UNIVERSAL.has(key) && messages.get(key) === text && /[a-z]{3}/.test(words(text)),
    )
    // Words this language shares with English (Chat, Contacts, Codec, Jitter, Offline, Name…).
    expect(same.length, same.map(([key]) => key).join(', ')).toBeLessThanOrEqual(12)
  })
})

describe('choosing a language', () => {
  it('loads it, follows its plural rules and sets lang and dir', async () => {
    const i18n = createAppI18n()
    const t = i18n.global.t as (key: string, n?: number) => string
    expect(await applyLocale('ar')).toBe('ar')
    expect(document.documentElement.dir).toBe('rtl')
    expect(document.documentElement.lang).toBe('ar')
    expect(t('history.missed', 2)).not.toBe(t('history.missed', 3))
    expect(await applyLocale('system', ['fr-FR'])).toBe('fr')
    expect(document.documentElement.dir).toBe('ltr')
    expect(t('history.missed', 0)).toBe('0 appel manqué')
    expect(await applyLocale('en')).toBe('en')
    expect(t('history.missed', 1)).toBe('1 missed call')
  })
})
