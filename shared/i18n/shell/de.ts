// Deutsch: the desktop shell's words (see types.ts).
import type { ShellMessages } from './types'

export const shellDe: ShellMessages = {
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
    voicemail: 'Mailbox: {n} neu',
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
}
