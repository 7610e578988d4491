// العربية: the desktop shell's words (see types.ts).
import type { ShellMessages } from './types'

export const shellAr: ShellMessages = {
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
    voicemail: 'البريد الصوتي: {n} جديدة',
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
}
