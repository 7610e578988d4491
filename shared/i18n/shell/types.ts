// The desktop shell's words (tray, notifications, the close-to-tray hint): one file per language
// in this folder; shared/i18n/shell-messages.ts gathers them for main.
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
    /** New voicemail messages (the count is always above zero where shown). */
    voicemail: string
  }
  notification: { incomingCall: string; missedCall: string; answer: string; decline: string }
  trayHint: { title: string; body: string }
}
