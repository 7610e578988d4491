import { createI18n } from 'vue-i18n'
import { en } from './en'

export function createAppI18n(locale = 'en') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en },
  })
}
