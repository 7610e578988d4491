// English: the desktop shell's words (see types.ts).
import type { ShellMessages } from './types'

export const shellEn: ShellMessages = {
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
    voicemail: 'Voicemail: {n} new',
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
}
