// The desk-phone strings of every language, as one tree precompiled at build time like the
// languages' own files (electron.vite.config.ts). Not in the first bundle: desk.ts adds them to
// the app's messages when the first lamp or the voicemail box loads.
import type { AppLocale } from '@shared/i18n/locales'
import { deskEn } from './en-desk'
import { deskAr, deskDe, deskEs, deskFr, deskPtBR, deskZhCN } from './desk-l10n'

export const deskCatalogue: Record<AppLocale, { desk: typeof deskEn }> = {
  en: { desk: deskEn },
  de: { desk: deskDe },
  fr: { desk: deskFr },
  es: { desk: deskEs },
  'pt-BR': { desk: deskPtBR },
  'zh-CN': { desk: deskZhCN },
  ar: { desk: deskAr },
}
