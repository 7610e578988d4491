// Português (Brasil): the desktop shell's words (see types.ts).
import type { ShellMessages } from './types'

export const shellPtBR: ShellMessages = {
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
    voicemail: 'Correio de voz: {n} novas',
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
}
