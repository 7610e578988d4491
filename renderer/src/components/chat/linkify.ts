// Splits message text into plain text and links, for rendering as text nodes and <a> elements
// (never HTML). A link is made only from what validates: http(s) URLs without credentials, and
// sip:/sips:/tel: addresses that parse; anything else stays text exactly as typed.

// Web links show the host as it will be opened (see shared/links/web.ts), and bidi or invisible
// characters never reach the screen, in links or around them.
import { describeWebLink } from '@shared/links/web'
import { sanitizeText } from '@shared/text/sanitize'
import { parseAddress, plainNumbering } from '@shared/address'

export type Segment =
  | { kind: 'text'; text: string }
  /** `text` is what is shown; `differs` means the message wrote something else: ask first. */
  | { kind: 'web'; text: string; href: string; written: string; differs: boolean }
  | { kind: 'dial'; text: string; target: string }

const CANDIDATE = /\b(?:https?:\/\/|sips?:|tel:)[^\s<>"'`]+/giu
// Punctuation that ends a sentence rather than the link.
const TRAILING = /[.,;:!?)\]}»”’]+$/u

export function webHref(text: string): string | null {
  return describeWebLink(text)?.href ?? null
}

export function linkify(body: string, domain: string): Segment[] {
  const text = sanitizeText(body, { keepNewlines: true })
  const segments: Segment[] = []
  let last = 0
  const push = (segment: Segment): void => {
    const previous = segments[segments.length - 1]
    if (segment.kind === 'text' && previous?.kind === 'text') previous.text += segment.text
    else segments.push(segment)
  }
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index
    const raw = match[0].replace(TRAILING, '')
    if (start > last) push({ kind: 'text', text: text.slice(last, start) })
    const lower = raw.toLowerCase()
    if (lower.startsWith('http')) {
      const link = describeWebLink(raw)
      push(
        link
          ? { kind: 'web', text: link.shown, href: link.href, written: raw, differs: link.differs }
          : { kind: 'text', text: raw },
      )
    } else {
      // The one address parser (the click-to-dial one underneath); the number plan is not
      // needed to tell a link from text, and "Confirm call" parses the target with it.
      const parsed = parseAddress(raw, { domain, defaultRegion: '', numbering: plainNumbering })
      push(
        parsed.ok
          ? { kind: 'dial', text: raw, target: parsed.address.uri }
          : { kind: 'text', text: raw },
      )
    }
    last = start + raw.length
  }
  if (last < text.length) push({ kind: 'text', text: text.slice(last) })
  return segments
}
