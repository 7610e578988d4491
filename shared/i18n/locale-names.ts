// For the Settings choice only (not needed to start the app).
import type { AppLocale } from './locales'

/** Each language named in itself, for the Settings choice. */
export const LOCALE_NAMES: Readonly<Record<AppLocale, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  'zh-CN': '简体中文',
  ar: 'العربية',
}
