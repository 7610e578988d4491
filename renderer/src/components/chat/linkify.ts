// Splits message text into plain text and links, for rendering as text nodes and <a> elements
// (never HTML). A link is made only from what validates: http(s) URLs without credentials, and
// sip:/sips:/tel: addresses that parse; anything else stays text exactly as typed.

import { normalizeAddress } from '@/sip/address'

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'web'; text: string; href: string }
  | { kind: 'dial'; text: string; target: string }

const CANDIDATE = /\b(?:https?:\/\/|sips?:|tel:)[^\s<>"'`]+/giu
// Punctuation that ends a sentence rather than the link.
const TRAILING = /[.,;:!?)\]}»”’]+$/u

export function webHref(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username || url.password || !url.hostname) return null
  return url.href
}

export function linkify(text: string, domain: string): Segment[] {
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
      const href = webHref(raw)
      push(href ? { kind: 'web', text: raw, href } : { kind: 'text', text: raw })
    } else {
      const address = normalizeAddress(raw, domain)
      push(
        address.ok ? { kind: 'dial', text: raw, target: address.aor } : { kind: 'text', text: raw },
      )
    }
    last = start + raw.length
  }
  if (last < text.length) push({ kind: 'text', text: text.slice(last) })
  return segments
}
