// What the desktop shell says outside the window (tray menu and tooltip, notifications, the
// close-to-tray hint), in every language. One catalogue: main formats these (format.ts), and the
// renderer's vue-i18n messages include them as their `shell` section, so the words are written
// once. vue-i18n syntax: `{name}`, plural forms separated by `|` (see format.ts).
import type { AppLocale } from './locales'

// A type, not an interface: it must fit vue-i18n's message tree (an index signature).
export type ShellMessages = {
  status: { available: string; away: string; busy: string; dnd: string; invisible: string }
  callState: { calling: string; ringing: string; connected: string; held: string }
  connection: { registered: string; connecting: string; offline: string; failed: string }
  tray: {
    answer: string
    decline: string
    hangUp: string
    myStatus: string
    recentCalls: string
    show: string
    quit: string
    incoming: string
    unread: string
    missed: string
  }
  notification: { incomingCall: string; missedCall: string; answer: string; decline: string }
  trayHint: { title: string; body: string }
}

export const shellMessages: Readonly<Record<AppLocale, ShellMessages>> = {
  en: {
    status: {
      available: 'Available',
      away: 'Away',
      busy: 'Busy',
      dnd: 'Do not disturb',
      invisible: 'Appear offline',
    },
    callState: { calling: 'Calling', ringing: 'Ringing', connected: 'Connected', held: 'On hold' },
    connection: {
      registered: 'Registered',
      connecting: 'Connecting',
      offline: 'Offline',
      failed: 'Registration failed',
    },
    tray: {
      answer: 'Answer {name}',
      decline: 'Decline',
      hangUp: 'Hang up {name}',
      myStatus: 'My status',
      recentCalls: 'Recent calls',
      show: 'Show Switchboard',
      quit: 'Quit',
      incoming: 'Incoming call: {name}',
      unread: '{n} unread message | {n} unread messages',
      missed: '{n} missed call | {n} missed calls',
    },
    notification: {
      incomingCall: 'Incoming call',
      missedCall: 'Missed call',
      answer: 'Answer',
      decline: 'Decline',
    },
    trayHint: {
      title: 'Switchboard is still running',
      body: 'Calls and messages still reach you. To quit, use Quit in the tray menu.',
    },
  },
  de: {
    status: {
      available: 'Verfügbar',
      away: 'Abwesend',
      busy: 'Beschäftigt',
      dnd: 'Nicht stören',
      invisible: 'Als offline anzeigen',
    },
    callState: { calling: 'Wählt', ringing: 'Klingelt', connected: 'Verbunden', held: 'Gehalten' },
    connection: {
      registered: 'Angemeldet',
      connecting: 'Verbindet',
      offline: 'Offline',
      failed: 'Anmeldung fehlgeschlagen',
    },
    tray: {
      answer: 'Anruf von {name} annehmen',
      decline: 'Ablehnen',
      hangUp: 'Gespräch mit {name} beenden',
      myStatus: 'Mein Status',
      recentCalls: 'Letzte Anrufe',
      show: 'Switchboard anzeigen',
      quit: 'Beenden',
      incoming: 'Eingehender Anruf: {name}',
      unread: '{n} ungelesene Nachricht | {n} ungelesene Nachrichten',
      missed: '{n} verpasster Anruf | {n} verpasste Anrufe',
    },
    notification: {
      incomingCall: 'Eingehender Anruf',
      missedCall: 'Verpasster Anruf',
      answer: 'Annehmen',
      decline: 'Ablehnen',
    },
    trayHint: {
      title: 'Switchboard läuft weiter',
      body: 'Anrufe und Nachrichten erreichen Sie weiterhin. Zum Beenden wählen Sie „Beenden“ im Menü des Statussymbols.',
    },
  },
  fr: {
    status: {
      available: 'Disponible',
      away: 'Absent',
      busy: 'Occupé',
      dnd: 'Ne pas déranger',
      invisible: 'Apparaître hors ligne',
    },
    callState: {
      calling: 'Appel en cours',
      ringing: 'Sonnerie',
      connected: 'En communication',
      held: 'En attente',
    },
    connection: {
      registered: 'Connecté',
      connecting: 'Connexion…',
      offline: 'Hors ligne',
      failed: 'Échec de l’enregistrement',
    },
    tray: {
      answer: 'Répondre à {name}',
      decline: 'Refuser',
      hangUp: 'Raccrocher avec {name}',
      myStatus: 'Mon statut',
      recentCalls: 'Appels récents',
      show: 'Afficher Switchboard',
      quit: 'Quitter',
      incoming: 'Appel entrant : {name}',
      unread: '{n} message non lu | {n} messages non lus',
      missed: '{n} appel manqué | {n} appels manqués',
    },
    notification: {
      incomingCall: 'Appel entrant',
      missedCall: 'Appel manqué',
      answer: 'Répondre',
      decline: 'Refuser',
    },
    trayHint: {
      title: 'Switchboard reste ouvert',
      body: 'Vous recevez toujours vos appels et messages. Pour quitter, choisissez Quitter dans le menu de l’icône.',
    },
  },
  es: {
    status: {
      available: 'Disponible',
      away: 'Ausente',
      busy: 'Ocupado',
      dnd: 'No molestar',
      invisible: 'Aparecer desconectado',
    },
    callState: { calling: 'Llamando', ringing: 'Sonando', connected: 'Conectado', held: 'En espera' },
    connection: {
      registered: 'Registrado',
      connecting: 'Conectando',
      offline: 'Sin conexión',
      failed: 'Error de registro',
    },
    tray: {
      answer: 'Contestar a {name}',
      decline: 'Rechazar',
      hangUp: 'Colgar la llamada con {name}',
      myStatus: 'Mi estado',
      recentCalls: 'Llamadas recientes',
      show: 'Mostrar Switchboard',
      quit: 'Salir',
      incoming: 'Llamada entrante: {name}',
      unread: '{n} mensaje sin leer | {n} mensajes sin leer',
      missed: '{n} llamada perdida | {n} llamadas perdidas',
    },
    notification: {
      incomingCall: 'Llamada entrante',
      missedCall: 'Llamada perdida',
      answer: 'Contestar',
      decline: 'Rechazar',
    },
    trayHint: {
      title: 'Switchboard sigue abierto',
      body: 'Seguirás recibiendo llamadas y mensajes. Para salir, elige Salir en el menú del icono.',
    },
  },
  'pt-BR': {
    status: {
      available: 'Disponível',
      away: 'Ausente',
      busy: 'Ocupado',
      dnd: 'Não perturbe',
      invisible: 'Aparecer offline',
    },
    callState: { calling: 'Chamando', ringing: 'Tocando', connected: 'Conectado', held: 'Em espera' },
    connection: {
      registered: 'Registrado',
      connecting: 'Conectando',
      offline: 'Offline',
      failed: 'Falha no registro',
    },
    tray: {
      answer: 'Atender {name}',
      decline: 'Recusar',
      hangUp: 'Encerrar a chamada com {name}',
      myStatus: 'Meu status',
      recentCalls: 'Chamadas recentes',
      show: 'Mostrar o Switchboard',
      quit: 'Sair',
      incoming: 'Chamada recebida: {name}',
      unread: '{n} mensagem não lida | {n} mensagens não lidas',
      missed: '{n} chamada perdida | {n} chamadas perdidas',
    },
    notification: {
      incomingCall: 'Chamada recebida',
      missedCall: 'Chamada perdida',
      answer: 'Atender',
      decline: 'Recusar',
    },
    trayHint: {
      title: 'O Switchboard continua aberto',
      body: 'Você continua recebendo chamadas e mensagens. Para sair, use Sair no menu do ícone.',
    },
  },
  'zh-CN': {
    status: {
      available: '在线',
      away: '离开',
      busy: '忙碌',
      dnd: '请勿打扰',
      invisible: '隐身',
    },
    callState: { calling: '正在呼叫', ringing: '正在振铃', connected: '通话中', held: '已保持' },
    connection: {
      registered: '已注册',
      connecting: '正在连接',
      offline: '离线',
      failed: '注册失败',
    },
    tray: {
      answer: '接听 {name} 的来电',
      decline: '拒接',
      hangUp: '挂断与 {name} 的通话',
      myStatus: '我的状态',
      recentCalls: '最近通话',
      show: '显示 Switchboard',
      quit: '退出',
      incoming: '来电：{name}',
      unread: '{n} 条未读消息',
      missed: '{n} 个未接来电',
    },
    notification: {
      incomingCall: '来电',
      missedCall: '未接来电',
      answer: '接听',
      decline: '拒接',
    },
    trayHint: {
      title: 'Switchboard 仍在运行',
      body: '您仍会收到来电和消息。如需退出，请在托盘菜单中选择“退出”。',
    },
  },
  ar: {
    status: {
      available: 'متاح',
      away: 'بالخارج',
      busy: 'مشغول',
      dnd: 'عدم الإزعاج',
      invisible: 'الظهور دون اتصال',
    },
    callState: { calling: 'جارٍ الاتصال', ringing: 'يرن', connected: 'متصل', held: 'قيد الانتظار' },
    connection: {
      registered: 'مسجَّل',
      connecting: 'جارٍ الاتصال',
      offline: 'غير متصل',
      failed: 'تعذّر التسجيل',
    },
    tray: {
      answer: 'الرد على {name}',
      decline: 'رفض',
      hangUp: 'إنهاء المكالمة مع {name}',
      myStatus: 'حالتي',
      recentCalls: 'المكالمات الأخيرة',
      show: 'إظهار Switchboard',
      quit: 'خروج',
      incoming: 'مكالمة واردة: {name}',
      unread:
        'لا رسائل غير مقروءة | رسالة واحدة غير مقروءة | رسالتان غير مقروءتين | {n} رسائل غير مقروءة | {n} رسالة غير مقروءة | {n} رسالة غير مقروءة',
      missed:
        'لا مكالمات فائتة | مكالمة فائتة واحدة | مكالمتان فائتتان | {n} مكالمات فائتة | {n} مكالمة فائتة | {n} مكالمة فائتة',
    },
    notification: {
      incomingCall: 'مكالمة واردة',
      missedCall: 'مكالمة فائتة',
      answer: 'رد',
      decline: 'رفض',
    },
    trayHint: {
      title: 'لا يزال Switchboard يعمل',
      body: 'ستظل تصلك المكالمات والرسائل. للخروج، اختر «خروج» من قائمة الأيقونة.',
    },
  },
}
