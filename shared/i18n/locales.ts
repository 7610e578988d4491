// The languages Switchboard speaks, and which one a user gets: the Settings choice, else the
// first of the OS's preferred languages we have (by exact tag, then by language), else English.

export const APP_LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'zh-CN', 'ar'] as const
export type AppLocale = (typeof APP_LOCALES)[number]

export function isAppLocale(value: string): value is AppLocale {
  return (APP_LOCALES as readonly string[]).includes(value)
}

/** Right-to-left scripts among ours: the page gets `dir="rtl"`. */
export function isRightToLeft(locale: AppLocale): boolean {
  return locale === 'ar'
}

/** The best of ours for the OS's preferred languages (`navigator.languages`, `app.getPreferredSystemLanguages()`). */
export function matchLocale(preferred: readonly string[]): AppLocale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase().replace(/_/g, '-')
    const exact = APP_LOCALES.find((l) => l.toLowerCase() === lower)
    if (exact) return exact
    const language = lower.split('-')[0]
    // Portuguese and Chinese: we have one variant each, which serves the language.
    const byLanguage = APP_LOCALES.find((l) => l.toLowerCase().split('-')[0] === language)
    if (byLanguage) return byLanguage
  }
  return 'en'
}

/** The Settings value (`system` or a locale) resolved against the OS's languages. */
export function resolveLocale(chosen: string, preferred: readonly string[]): AppLocale {
  return isAppLocale(chosen) ? chosen : matchLocale(preferred)
}
