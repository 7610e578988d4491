// The click-to-dial parser: any string a link handler receives (protocol handler argv, macOS
// open-url, the browser's `?dial=`) → a DialTarget to confirm, or a LinkError that says why
// nothing will be dialed. Pure; the same code runs in main and in the renderer. The numbering plan
// is passed in (see numbering.ts); index.ts's parseDialLink uses libphonenumber's.
import { parseCalltoUri } from './callto'
import { parseSipUri } from './sip'
import { parseTelUri } from './tel'
import type { NumberRules } from './phone'
import { hasControlChars, MAX_LINK_LENGTH } from './text'
import { fail } from './types'
import type { LinkResult } from './types'

export const DIAL_SCHEMES = ['sip', 'sips', 'tel', 'callto'] as const
export type DialScheme = (typeof DIAL_SCHEMES)[number]

export function isDialScheme(value: string): value is DialScheme {
  return (DIAL_SCHEMES as readonly string[]).includes(value)
}

/** The scheme of a string that could be a dial link, lower-cased; null when it names none. */
export function dialSchemeOf(value: string): DialScheme | null {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.trim())?.[1]?.toLowerCase() ?? ''
  return isDialScheme(scheme) ? scheme : null
}

/**
 * Counts characters handed to each pass (length check, trim, character checks, scheme match,
 * the scheme's parser): tests use it to show the work is bounded by the capped length.
 */
export interface LinkWorkCounter {
  steps: number
}

export function parseLink(
  link: unknown,
  rules: NumberRules,
  work: LinkWorkCounter = { steps: 0 },
): LinkResult {
  if (typeof link !== 'string') return fail('empty', 'No link was given')
  work.steps += 1
  // The length first: anything after it may cost per character, and a link comes from anyone
  // (a 128 KiB argv entry made the old `/ +$/` trim run for ~25 s). Surrounding spaces count.
  if (link.length > MAX_LINK_LENGTH) {
    return fail('too-long', `The link is longer than ${MAX_LINK_LENGTH} characters`)
  }
  // Only surrounding ASCII spaces go; a CR/LF or tab anywhere is refused below.
  const text = trimSpaces(link)
  // Trimming (from both ends), the control check, the scheme match and the scheme's parser
  // each read the text at most once.
  work.steps += link.length - text.length + 4 * text.length
  if (text === '') return fail('empty', 'The link is empty')
  if (hasControlChars(text)) return fail('control-characters', 'The link holds control characters')
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(text)
  const scheme = match?.[1]?.toLowerCase()
  const rest = match?.[2] ?? ''
  if (!scheme || !isDialScheme(scheme)) {
    return fail('unsupported-scheme', 'Only sip:, sips:, tel: and callto: links can be dialed')
  }
  if (rest === '' || rest === '//') return fail('empty', 'The link names no one to call')
  switch (scheme) {
    case 'sip':
    case 'sips':
      return parseSipUri(scheme, rest, rules)
    case 'tel':
      return parseTelUri(rest, rules)
    case 'callto':
      return parseCalltoUri(rest, rules)
  }
}

/** Surrounding ASCII spaces removed, in one pass from each end (no backtracking regex). */
export function trimSpaces(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && text.charCodeAt(start) === 0x20) start += 1
  while (end > start && text.charCodeAt(end - 1) === 0x20) end -= 1
  return text.slice(start, end)
}
