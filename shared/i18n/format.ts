// Messages in vue-i18n's syntax, formatted where vue-i18n does not run (the main process): named
// values `{name}`, literals `{'@'}`, and plural forms `one | other` chosen with the locale's CLDR
// rules (pluralIndex, which the renderer's vue-i18n uses too).

const CATEGORY_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'] as const

/** The locale's plural categories in CLDR order (`ar`: zero one two few many other). */
export function pluralCategories(locale: string): string[] {
  const found = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[]
  return CATEGORY_ORDER.filter((c) => found.includes(c))
}

/**
 * Which of a message's `forms` fits `count`: with one form per category (Arabic's six), that
 * category's; with two, the first for `one` (French counts 0 as one) and the second otherwise.
 */
export function pluralIndex(locale: string, count: number, forms: number): number {
  if (forms <= 1) return 0
  const categories = pluralCategories(locale)
  const category = new Intl.PluralRules(locale).select(count)
  if (forms === categories.length) return Math.max(0, categories.indexOf(category))
  return category === 'one' ? 0 : forms - 1
}

export function formatMessage(
  locale: string,
  message: string,
  values: Readonly<Record<string, string | number>> = {},
): string {
  const forms = message.split(/\s*\|\s*/)
  const count = typeof values['n'] === 'number' ? values['n'] : typeof values['count'] === 'number' ? values['count'] : 1
  const chosen = forms[pluralIndex(locale, count, forms.length)] ?? message
  return chosen.replace(/\{\s*(?:'([^']*)'|([A-Za-z0-9_]+))\s*\}/g, (_whole, literal: string | undefined, name: string | undefined) =>
    literal !== undefined ? literal : String(values[name ?? ''] ?? ''),
  )
}
