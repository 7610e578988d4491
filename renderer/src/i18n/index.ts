import { createI18n } from 'vue-i18n'
import { enCore } from './en-core'
import type * as EnLater from './en-later'
import type { Translation } from './types'
import type { ShellMessages } from '@shared/i18n/shell/types'
import { pluralIndex } from '@shared/i18n/format'
import { APP_LOCALES, isRightToLeft, resolveLocale } from '@shared/i18n/locales'
import { provideNotificationText } from '@/platform/notification-text'
import type { AppLocale } from '@shared/i18n/locales'

// English for the shell is in the first bundle, the rest of English loads with the views after
// start-up (en-split.ts); every other language loads whole when it is chosen (or the OS asks for
// it), precompiled like English (scripts/vite/i18n-precompile).
const loaders: Record<Exclude<AppLocale, 'en'>, () => Promise<Translation>> = {
  de: () => import('./de').then((m) => m.de),
  fr: () => import('./fr').then((m) => m.fr),
  es: () => import('./es').then((m) => m.es),
  'pt-BR': () => import('./pt-BR').then((m) => m.ptBR),
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  ar: () => import('./ar').then((m) => m.ar),
}

/** CLDR plural rules per language (Arabic has six forms, Chinese one): see shared/i18n/format. */
const pluralRules = Object.fromEntries(
  APP_LOCALES.filter((l) => l !== 'en').map((locale) => [
    locale,
    (choice: number, choicesLength: number) => pluralIndex(locale, choice, choicesLength),
  ]),
)

/** What applyLocale needs of the app's vue-i18n instance. */
interface LocaleTarget {
  global: {
    t(key: string): string
    availableLocales: string[]
    setLocaleMessage(locale: string, messages: Translation): void
    mergeLocaleMessage(locale: string, messages: object): void
    locale: { value: string }
  }
}

let app: LocaleTarget | null = null

export function createAppI18n(locale = 'en') {
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    // The rest of English merges in with loadLaterMessages().
    messages: { en: enCore as unknown as Translation },
    pluralRules,
  })
  app = i18n as unknown as LocaleTarget
  provideNotificationText(shellNotificationText)
  return i18n
}

let laterModule: Promise<typeof EnLater> | undefined
const merged = new WeakSet<LocaleTarget>()

/** The English words of the views after start-up, merged into the app's i18n once. */
export async function loadLaterMessages(): Promise<void> {
  const { enLater } = await (laterModule ??= import('./en-later'))
  const target = app
  if (!target || merged.has(target)) return
  target.global.mergeLocaleMessage('en', enLater)
  merged.add(target)
}

/** A lazily loaded component that may show words from the later part: loads both together. */
export function withLaterMessages<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadLaterMessages()]).then(([loaded]) => loaded)
}

/** The shell's notification words in the language shown (the browser's notifications). */
export function shellNotificationText(): ShellMessages['notification'] | undefined {
  const t = app?.global.t
  if (!t) return undefined
  return {
    incomingCall: t('shell.notification.incomingCall'),
    missedCall: t('shell.notification.missedCall'),
    answer: t('shell.notification.answer'),
    decline: t('shell.notification.decline'),
  }
}

/**
 * Switches the app to the Settings choice (`system`: the browser's or OS's languages), loading
 * the messages first; `lang` and `dir` on <html> follow, so Arabic lays out right to left.
 */
export async function applyLocale(
  chosen: string,
  preferred = navigator.languages,
): Promise<AppLocale> {
  const locale = resolveLocale(chosen, preferred)
  const i18n = app
  if (!i18n) return locale
  if (locale !== 'en' && !i18n.global.availableLocales.includes(locale)) {
    i18n.global.setLocaleMessage(locale, await loaders[locale]())
  }
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  document.documentElement.dir = isRightToLeft(locale) ? 'rtl' : 'ltr'
  return locale
}
