// The desk-phone strings (lamps, pickup, voicemail, intercom) reach the app's messages only when
// a component of those features is set up: merged into every language loaded now, and into each
// one the user switches to later. Kept out of English's first-bundle catalogue (start-up size).
import { effectScope, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import type { AppLocale } from '@shared/i18n/locales'
import { deskCatalogue } from './desk-catalogue'

const merged = new Set<string>()
let following = false

export function useDeskMessages(): void {
  const i18n = useI18n({ useScope: 'global' })
  const mergeInto = (locale: string): void => {
    const messages = deskCatalogue[locale as AppLocale]
    if (merged.has(locale) || !messages) return
    // Only languages already loaded: the app loads a language it does not have yet in full, and
    // this watcher merges right after that (before the next render).
    if (!i18n.availableLocales.includes(locale)) return
    i18n.mergeLocaleMessage(locale, messages)
    merged.add(locale)
  }
  for (const locale of i18n.availableLocales) mergeInto(locale)
  if (following) return
  following = true
  effectScope(true).run(() => watch(i18n.locale, mergeInto))
}
