// Which native notification fires, decided: an attention event and what the user is doing in,
// a notification spec (or null) out. None in Do not disturb; none for a message in the
// conversation the user is looking at; none for a call the focused window already shows.
import { peerLabel } from './tray-model'
import { shellEn } from '../i18n/shell/en'
import type { ShellMessages } from '../i18n/shell/types'
import { sanitizeText, truncate } from '../text/sanitize'
import type { AttentionEvent, MyStatus, ShellAction } from './types'

export interface NotificationContext {
  status: MyStatus
  /** The window is visible and has focus. */
  windowFocused: boolean
  openThread: string | null
  /** Whether notifications can carry buttons here (macOS signed, Windows; not Linux). */
  actionsSupported: boolean
  /** Linux notification daemons read the body as markup: escape it there. */
  bodyIsMarkup: boolean
  /** Titles and buttons in the user's language (shared/i18n/shell); English when not given. */
  text?: ShellMessages['notification']
}

export interface NotificationSpec {
  /** Replaces an earlier notification with the same tag (one per call, one per thread). */
  tag: string
  title: string
  body: string
  /** Buttons, in order, each with the action it triggers. */
  actions: { label: string; action: ShellAction }[]
  /** What a click on the notification itself does. */
  click: ShellAction
  urgency: 'critical' | 'normal'
}

const MAX_BODY = 200

/** Network text is text: one line, no control characters, short, and no markup where it would render. */
export function cleanBody(text: string, bodyIsMarkup: boolean): string {
  let out = sanitizeText(text)
  if (out.length > MAX_BODY) out = `${truncate(out, MAX_BODY - 1)}…`
  if (bodyIsMarkup) {
    out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  }
  return out
}

export function decideNotification(
  event: AttentionEvent,
  context: NotificationContext,
): NotificationSpec | null {
  if (context.status === 'dnd') return null
  const text = context.text ?? shellEn.notification
  const who = cleanBody(peerLabel(event.from), context.bodyIsMarkup)
  switch (event.kind) {
    case 'incoming-call': {
      // The focused window shows the "Incoming call" dialog already.
      if (context.windowFocused) return null
      const answer: ShellAction = { kind: 'answer', callId: event.callId }
      const decline: ShellAction = { kind: 'decline', callId: event.callId }
      return {
        tag: `call:${event.callId}`,
        title: text.incomingCall,
        body:
          who === event.from.address
            ? who
            : `${who} (${cleanBody(event.from.address, context.bodyIsMarkup)})`,
        actions: context.actionsSupported
          ? [
              { label: text.answer, action: answer },
              { label: text.decline, action: decline },
            ]
          : [],
        click: { kind: 'show-call', callId: event.callId },
        urgency: 'critical',
      }
    }
    case 'missed-call':
      return {
        tag: `missed:${event.callId}`,
        title: text.missedCall,
        body: who,
        actions: [],
        click: { kind: 'show-call', callId: event.callId },
        urgency: 'normal',
      }
    case 'message':
      if (context.windowFocused && context.openThread === event.threadId) return null
      return {
        tag: `thread:${event.threadId}`,
        title: who,
        body: cleanBody(event.text, context.bodyIsMarkup),
        actions: [],
        click: { kind: 'open-thread', threadId: event.threadId },
        urgency: 'normal',
      }
  }
}
