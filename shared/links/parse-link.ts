// The click-to-dial entry point: any string a link handler receives (protocol handler argv,
// macOS open-url, the browser's `?dial=`) → a DialTarget to confirm, or a LinkError that says
// why nothing will be dialed. Pure; the same code runs in main and in the renderer.
import { parseCalltoUri } from './callto'
import { parseSipUri } from './sip'
import { parseTelUri } from './tel'
import { hasControlChars, MAX_LINK_LENGTH } from './text'
import { fail } from './types'
import type { LinkOptions, LinkResult } from './types'

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

export function parseDialLink(link: unknown, options: LinkOptions): LinkResult {
  if (typeof link !== 'string') return fail('empty', 'No link was given')
  // Only surrounding ASCII spaces go; a CR/LF or tab anywhere is refused below.
  const text = link.replace(/^ +| +$/g, '')
  if (text === '') return fail('empty', 'The link is empty')
  if (text.length > MAX_LINK_LENGTH) {
    return fail('too-long', `The link is longer than ${MAX_LINK_LENGTH} characters`)
  }
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
      return parseSipUri(scheme, rest, options.defaultRegion)
    case 'tel':
      return parseTelUri(rest, options.defaultRegion)
    case 'callto':
      return parseCalltoUri(rest, options.defaultRegion)
  }
}
