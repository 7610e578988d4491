// What the desktop shell says outside the window (tray menu and tooltip, notifications, the
// close-to-tray hint), in every language. One catalogue: main formats these (format.ts), and the
// renderer's vue-i18n messages include each language's file (shell/<locale>.ts) as their `shell`
// section, so the words are written once. vue-i18n syntax: `{name}`, plural forms separated by
// `|` (see format.ts). Main imports this; the renderer imports only the language it shows.
import type { AppLocale } from './locales'
import type { ShellMessages } from './shell/types'
import { shellEn } from './shell/en'
import { shellDe } from './shell/de'
import { shellFr } from './shell/fr'
import { shellEs } from './shell/es'
import { shellPtBR } from './shell/pt-BR'
import { shellZhCN } from './shell/zh-CN'
import { shellAr } from './shell/ar'

export type { ShellMessages }

export const shellMessages: Readonly<Record<AppLocale, ShellMessages>> = {
  en: shellEn,
  de: shellDe,
  fr: shellFr,
  es: shellEs,
  'pt-BR': shellPtBR,
  'zh-CN': shellZhCN,
  ar: shellAr,
}
