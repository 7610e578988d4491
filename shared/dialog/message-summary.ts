// The message-summary event package's body (RFC 3842, application/simple-message-summary): what
// the voicemail lamp and "Voicemail 3 new" read. Text lines, parsed strictly and bounded; any
// message headers after the summary are ignored.
import { sanitizeText } from '../text/sanitize'

export const MESSAGE_SUMMARY_CONTENT_TYPE = 'application/simple-message-summary'
export const MAX_MESSAGE_SUMMARY_BYTES = 8 * 1024

export interface MessageCounts {
  new: number
  old: number
  urgentNew: number
  urgentOld: number
}

export interface MessageSummary {
  /** `Messages-Waiting: yes`: the lamp is lit, whatever the counts say. */
  waiting: boolean
  /** The mailbox (`Message-Account`), '' when not given. */
  account: string
  /** Voice messages, when the server counts them (`Voice-Message: 2/8 (0/1)`). */
  voice: MessageCounts | null
}

const COUNTS = /^(\d{1,6})\/(\d{1,6})(?:\s*\((\d{1,6})\/(\d{1,6})\))?$/

/** Reads a NOTIFY body; null when it is not a message summary (too big, no Messages-Waiting). */
export function parseMessageSummary(body: string | undefined | null): MessageSummary | null {
  if (!body || body.length > MAX_MESSAGE_SUMMARY_BYTES) return null
  let waiting: boolean | null = null
  let account = ''
  let voice: MessageCounts | null = null
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim()
    // The summary ends at the first empty line; message headers may follow (RFC 3842 §5.2).
    if (line === '') {
      if (waiting !== null) break
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (name === 'messages-waiting') {
      const answer = value.toLowerCase()
      if (answer === 'yes' || answer === 'no') waiting = answer === 'yes'
    } else if (name === 'message-account') {
      account = sanitizeText(value).slice(0, 256)
    } else if (name === 'voice-message') {
      const match = COUNTS.exec(value)
      if (match) {
        voice = {
          new: Number(match[1]),
          old: Number(match[2]),
          urgentNew: Number(match[3] ?? 0),
          urgentOld: Number(match[4] ?? 0),
        }
      }
    }
  }
  return waiting === null ? null : { waiting, account, voice }
}

/**
 * The number the badge shows: new voice messages (urgent ones are among them, RFC 3842 §5.2), or
 * 1 when only the lamp says some wait.
 */
export function newMessages(summary: MessageSummary | null): number {
  if (!summary) return 0
  const counted = summary.voice ? summary.voice.new : 0
  return counted > 0 ? counted : summary.waiting ? 1 : 0
}
