// Français: the desktop shell's words (see types.ts).
import type { ShellMessages } from './types'

export const shellFr: ShellMessages = {
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
    voicemail: 'Messagerie vocale : {n} nouveaux',
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
}
