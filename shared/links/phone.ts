// Telephone numbers from tel:, callto: and host-less sip: links, normalised with a Numbering
// (libphonenumber-js, see numbering.ts) for the user's default region. A number we cannot make
// global (an extension, a star code, an emergency short code) is dialed as written: on a PBX those
// are real.
import type { Numbering, PossibleNumber } from './numbering'
import { fail } from './types'
import type { LinkResult, NumberTarget } from './types'

/** RFC 3966 visual separators, plus the space that real-world links use. */
const VISUAL_SEPARATORS = /[-.() ]/g
const MAX_DIGITS = 32

/** What numbers are read with: the user's default region and the numbering plan. */
export interface NumberRules {
  /** ISO 3166 region for numbers written without a country code (`''`: none). */
  defaultRegion: string
  numbering: Numbering
}

export interface NumberInput extends NumberRules {
  /** As written in the link, decoded; may carry separators. */
  number: string
  extension?: string | null
  /** RFC 3966 phone-context: `+1-914-555` or a domain. */
  context?: string | null
  dropped?: readonly string[]
}

export function stripSeparators(value: string): string {
  return value.replace(VISUAL_SEPARATORS, '')
}

export function looksLikePhoneNumber(value: string): boolean {
  return /^\+?[0-9][0-9().\- ]*$/.test(value) || /^[0-9*#][0-9*#().\- ]*$/.test(value)
}

function international(
  phone: PossibleNumber | null,
  extension: string | null,
  dropped: readonly string[],
): NumberTarget | null {
  if (!phone) return null
  return {
    kind: 'number',
    dial: phone.e164,
    display: withExtension(phone.display, extension),
    international: true,
    region: phone.region,
    extension,
    context: null,
    dropped,
  }
}

function withExtension(display: string, extension: string | null): string {
  return extension ? `${display} ext. ${extension}` : display
}

export function normalizeNumber(input: NumberInput): LinkResult {
  const dropped = input.dropped ?? []
  const digits = stripSeparators(input.number)
  const extension = input.extension ? stripSeparators(input.extension) : null
  if (extension !== null && !/^[0-9]{1,16}$/.test(extension)) {
    return fail('invalid-number', 'The extension must be digits')
  }
  if (digits.length === 0 || digits.length > MAX_DIGITS) {
    return fail('invalid-number', 'The number is empty or too long')
  }

  if (digits.startsWith('+')) {
    if (!/^\+[0-9]{2,15}$/.test(digits)) {
      return fail('invalid-number', 'An international number is + and up to 15 digits')
    }
    const target = international(input.numbering.international(digits), extension, dropped)
    if (!target) return fail('invalid-number', 'Not a possible international number')
    return { ok: true, target }
  }

  // Local number: digits, and the * # A–D a keypad or PBX understands.
  if (!/^[0-9*#A-Da-d]+$/.test(digits)) {
    return fail('invalid-number', 'A number may hold digits, *, # and separators only')
  }
  const context = input.context ?? null
  if (context?.startsWith('+')) {
    // RFC 3966 §5.1.5: a global-number-digits context is the prefix the local number lives under.
    const e164 = stripSeparators(context) + digits
    const target = international(input.numbering.international(e164), extension, dropped)
    if (target) return { ok: true, target }
  } else if (context === null && /^[0-9]+$/.test(digits)) {
    const phone = input.defaultRegion ? input.numbering.national(digits, input.defaultRegion) : null
    const target = international(phone, extension, dropped)
    if (target) return { ok: true, target }
  }
  return {
    ok: true,
    target: {
      kind: 'number',
      dial: digits,
      // A local number means little without its context: show it.
      display: withExtension(context ? `${digits} (${context})` : digits, extension),
      international: false,
      region: null,
      extension,
      context,
      dropped,
    },
  }
}
