// Español: the desktop shell's words (see types.ts).
import type { ShellMessages } from './types'

export const shellEs: ShellMessages = {
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
    voicemail: 'Buzón de voz: {n} nuevos',
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
}
