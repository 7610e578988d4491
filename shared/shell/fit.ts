// Network text on its way to main: main's schemas (state.ts) refuse a control character or an
// overlong field and drop the whole message, so a caller named "Bob<TAB>" or a 300-character
// display name would silently lose its notification. Everything sent is fitted here first.
import { sanitizeText } from '../text/sanitize'
import type { AttentionEvent, Peer } from './types'

/** One line of at most `max` characters, without control, bidi or invisible characters. */
export function fit(text: string, max: number): string {
  return sanitizeText(text, { maxLength: max })
}

export const MAX_NAME = 128
export const MAX_ID = 256
export const MAX_MESSAGE_TEXT = 10_000

export function fitPeer(peer: Peer): Peer {
  return { name: fit(peer.name, MAX_NAME), address: fit(peer.address, MAX_ID) }
}

/** An attention event main's schema accepts whatever the network put into its names and text. */
export function fitAttentionEvent(event: AttentionEvent): AttentionEvent {
  const from = fitPeer(event.from)
  switch (event.kind) {
    case 'incoming-call':
    case 'missed-call':
      return { kind: event.kind, callId: fit(event.callId, MAX_ID), from }
    case 'message':
      return {
        kind: 'message',
        threadId: fit(event.threadId, MAX_ID),
        from,
        text: sanitizeText(event.text, { keepNewlines: true, maxLength: MAX_MESSAGE_TEXT }),
      }
  }
}
