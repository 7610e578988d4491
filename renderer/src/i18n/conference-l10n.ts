// The conference strings (en-conference.ts) in the other languages; each language file includes
// its own. Placeholders stay as in English.
import type { conferenceEn } from './en-conference'

type ConferenceText = { [K in keyof typeof conferenceEn]: string }

export const conferenceDe: ConferenceText = {
  title: 'Konferenz',
  merge: 'Anrufe zusammenführen',
  speaking: 'Spricht',
  muted: 'Stummgeschaltet',
  mute: '{name} stummschalten',
  unmute: 'Stummschaltung für {name} aufheben',
  remove: '{name} entfernen',
  hangUp: 'Bei {name} auflegen',
  hangUpAll: 'Konferenz beenden',
  audioOnly: 'Videoanrufe nehmen nur mit Ton teil',
}

export const conferenceFr: ConferenceText = {
  title: 'Conférence',
  merge: 'Fusionner les appels',
  speaking: 'Parle',
  muted: 'Micro coupé',
  mute: 'Couper le micro de {name}',
  unmute: 'Rétablir le micro de {name}',
  remove: 'Retirer {name}',
  hangUp: 'Raccrocher avec {name}',
  hangUpAll: 'Terminer la conférence',
  audioOnly: 'Les appels vidéo participent en audio uniquement',
}

export const conferenceEs: ConferenceText = {
  title: 'Conferencia',
  merge: 'Unir llamadas',
  speaking: 'Hablando',
  muted: 'Silenciado',
  mute: 'Silenciar a {name}',
  unmute: 'Reactivar el audio de {name}',
  remove: 'Quitar a {name}',
  hangUp: 'Colgar a {name}',
  hangUpAll: 'Terminar la conferencia',
  audioOnly: 'Las videollamadas participan solo con audio',
}

export const conferencePtBR: ConferenceText = {
  title: 'Conferência',
  merge: 'Juntar chamadas',
  speaking: 'Falando',
  muted: 'Sem áudio',
  mute: 'Silenciar {name}',
  unmute: 'Reativar o áudio de {name}',
  remove: 'Remover {name}',
  hangUp: 'Desligar {name}',
  hangUpAll: 'Encerrar a conferência',
  audioOnly: 'Chamadas de vídeo participam só com áudio',
}

export const conferenceZhCN: ConferenceText = {
  title: '会议',
  merge: '合并通话',
  speaking: '正在讲话',
  muted: '已静音',
  mute: '将 {name} 静音',
  unmute: '取消 {name} 的静音',
  remove: '移除 {name}',
  hangUp: '挂断 {name}',
  hangUpAll: '结束会议',
  audioOnly: '视频通话仅以音频参加',
}

export const conferenceAr: ConferenceText = {
  title: 'مؤتمر',
  merge: 'دمج المكالمات',
  speaking: 'يتحدث',
  muted: 'مكتوم',
  mute: 'كتم صوت {name}',
  unmute: 'إلغاء كتم صوت {name}',
  remove: 'إزالة {name}',
  hangUp: 'إنهاء المكالمة مع {name}',
  hangUpAll: 'إنهاء المؤتمر',
  audioOnly: 'تشارك مكالمات الفيديو بالصوت فقط',
}
