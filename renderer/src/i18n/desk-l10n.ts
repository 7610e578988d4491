// The desk-phone strings (en-desk.ts) in the other languages, one object per language; each
// language file includes its own. Placeholders stay as in English.
import type { deskEn } from './en-desk'

type DeskText = {
  [K in keyof typeof deskEn]: { [L in keyof (typeof deskEn)[K]]: string }
}

export const deskDe: DeskText = {
  settings: {
    title: 'Tischtelefon',
  },
  lamps: {
    title: 'Besetztlampen',
    toggle: 'Besetztlampe',
    idle: 'Frei',
    ringing: 'Klingelt',
    ringingFrom: 'Klingelt: {caller}',
    inCall: 'Im Gespräch',
    onHold: 'Gehalten',
    unknown: 'Unbekannt',
    pickUp: 'Heranholen',
    pickupCode: 'Code für Heranholen',
    pickupCodeHint: 'Wird vor der Durchwahl gewählt, wenn der Server den Anruf nicht nennt',
  },
  voicemail: {
    button: 'Mailbox',
    count: '{count} neu',
    number: 'Mailbox-Nummer',
  },
  intercom: {
    autoAnswer: 'Gegensprechanrufe automatisch annehmen',
  },
}

export const deskFr: DeskText = {
  settings: {
    title: 'Poste de bureau',
  },
  lamps: {
    title: 'Voyants',
    toggle: 'Voyant d’occupation',
    idle: 'Libre',
    ringing: 'Sonne',
    ringingFrom: 'Sonne : {caller}',
    inCall: 'En communication',
    onHold: 'En attente',
    unknown: 'Inconnu',
    pickUp: 'Intercepter',
    pickupCode: 'Code d’interception',
    pickupCodeHint: 'Composé avant le poste quand le serveur ne désigne pas l’appel',
  },
  voicemail: {
    button: 'Messagerie vocale',
    count: '{count} nouveaux',
    number: 'Numéro de messagerie vocale',
  },
  intercom: {
    autoAnswer: 'Répondre automatiquement aux appels d’interphone',
  },
}

export const deskEs: DeskText = {
  settings: {
    title: 'Teléfono de escritorio',
  },
  lamps: {
    title: 'Indicadores',
    toggle: 'Indicador de ocupado',
    idle: 'Libre',
    ringing: 'Sonando',
    ringingFrom: 'Sonando: {caller}',
    inCall: 'En llamada',
    onHold: 'En espera',
    unknown: 'Desconocido',
    pickUp: 'Capturar',
    pickupCode: 'Código de captura',
    pickupCodeHint: 'Se marca antes de la extensión cuando el servidor no identifica la llamada',
  },
  voicemail: {
    button: 'Buzón de voz',
    count: '{count} nuevos',
    number: 'Número del buzón de voz',
  },
  intercom: {
    autoAnswer: 'Contestar automáticamente las llamadas de intercomunicador',
  },
}

export const deskPtBR: DeskText = {
  settings: {
    title: 'Telefone de mesa',
  },
  lamps: {
    title: 'Indicadores',
    toggle: 'Indicador de ocupado',
    idle: 'Livre',
    ringing: 'Tocando',
    ringingFrom: 'Tocando: {caller}',
    inCall: 'Em chamada',
    onHold: 'Em espera',
    unknown: 'Desconhecido',
    pickUp: 'Capturar',
    pickupCode: 'Código de captura',
    pickupCodeHint: 'Discado antes do ramal quando o servidor não identifica a chamada',
  },
  voicemail: {
    button: 'Correio de voz',
    count: '{count} novas',
    number: 'Número do correio de voz',
  },
  intercom: {
    autoAnswer: 'Atender chamadas de interfone automaticamente',
  },
}

export const deskZhCN: DeskText = {
  settings: {
    title: '桌面电话',
  },
  lamps: {
    title: '忙灯',
    toggle: '忙灯',
    idle: '空闲',
    ringing: '振铃中',
    ringingFrom: '振铃中：{caller}',
    inCall: '通话中',
    onHold: '保持中',
    unknown: '未知',
    pickUp: '代接',
    pickupCode: '代接码',
    pickupCodeHint: '服务器未指明通话时，在分机号前拨打',
  },
  voicemail: {
    button: '语音信箱',
    count: '{count} 条新留言',
    number: '语音信箱号码',
  },
  intercom: {
    autoAnswer: '自动接听对讲呼叫',
  },
}

export const deskAr: DeskText = {
  settings: {
    title: 'هاتف المكتب',
  },
  lamps: {
    title: 'مصابيح الانشغال',
    toggle: 'مصباح الانشغال',
    idle: 'متاح',
    ringing: 'يرن',
    ringingFrom: 'يرن: {caller}',
    inCall: 'في مكالمة',
    onHold: 'قيد الانتظار',
    unknown: 'غير معروف',
    pickUp: 'التقاط',
    pickupCode: 'رمز الالتقاط',
    pickupCodeHint: 'يُطلب قبل الرقم الداخلي عندما لا يحدد الخادم المكالمة',
  },
  voicemail: {
    button: 'البريد الصوتي',
    count: '{count} جديدة',
    number: 'رقم البريد الصوتي',
  },
  intercom: {
    autoAnswer: 'الرد على مكالمات الاتصال الداخلي تلقائيًا',
  },
}
