// Character-level checks shared by the URI parsers. Links come from web pages and other apps:
// hostile input is the normal case, so everything is checked before it is decoded and after.
import { hasUnsafeChars } from '../text/sanitize'

/** Longer than any address or number a person dials; a bigger link is an attack or an accident. */
export const MAX_LINK_LENGTH = 2048

/**
 * C0 controls (CR, LF, NUL, tab…), DEL, C1 controls, and the bidi and invisible format characters
 * that would make the confirmed target read differently from what is dialed.
 */
export function hasControlChars(value: string): boolean {
  return hasUnsafeChars(value)
}

export function isAscii(value: string): boolean {
  return /^[\u0020-\u007e]*$/.test(value)
}

/**
 * Percent-decode as UTF-8; null when an escape is malformed. Callers check the result again for
 * control characters: `%0D%0A` is how header injection arrives.
 */
export function percentDecode(value: string): string | null {
  if (!/^(?:[^%]|%[0-9a-fA-F]{2})*$/.test(value)) return null
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}

/**
 * Unicode dashes and spaces that copy-paste puts into phone numbers (non-breaking hyphen, en dash,
 * narrow no-break space…) become their ASCII forms; any other non-ASCII stays and is refused.
 */
export function asciiSeparators(value: string): string {
  return value
    .replace(/[\u2010-\u2015\u2212\ufe63\uff0d]/g, '-')
    .replace(/[\u00a0\u2007\u202f\u3000]/g, ' ')
}
