// Telephone numbers from tel:, callto: and host-less sip: links, normalised with libphonenumber-js
// for the user's default region. A number we cannot make global (an extension, a star code, an
// emergency short code) is dialed as written: on a PBX those are real.
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js'
import type { CountryCode } from 'libphonenumber-js'
import { fail } from './types'
import type { LinkResult, NumberTarget } from './types'

/** RFC 3966 visual separators, plus the space that real-world links use. */
const VISUAL_SEPARATORS = /[-.() ]/g
const MAX_DIGITS = 32

export interface NumberInput {
  /** As written in the link, decoded; may carry separators. */
  number: string
  extension?: string | null
  /** RFC 3966 phone-context: `+1-914-555` or a domain. */
  context?: string | null
  defaultRegion: string
  dropped?: readonly string[]
}

export function stripSeparators(value: string): string {
  return value.replace(VISUAL_SEPARATORS, '')
}

export function looksLikePhoneNumber(value: string): boolean {
  return /^\+?[0-9][0-9().\- ]*$/.test(value) || /^[0-9*#][0-9*#().\- ]*$/.test(value)
}

function regionOf(value: string): CountryCode | undefined {
  const upper = value.toUpperCase()
  return isSupportedCountry(upper) ? upper : undefined
}

function international(
  e164: string,
  extension: string | null,
  dropped: readonly string[],
): NumberTarget | null {
  const phone = parsePhoneNumberFromString(e164)
  if (!phone || !phone.isPossible()) return null
  return {
    kind: 'number',
    dial: phone.number,
    display: withExtension(phone.formatInternational(), extension),
    international: true,
    region: phone.country ?? null,
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
    const target = international(digits, extension, dropped)
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
    const target = international(stripSeparators(context) + digits, extension, dropped)
    if (target) return { ok: true, target }
  } else if (context === null && /^[0-9]+$/.test(digits)) {
    const region = regionOf(input.defaultRegion)
    const phone = region ? parsePhoneNumberFromString(digits, region) : undefined
    if (phone?.isPossible()) {
      const target = international(phone.number, extension, dropped)
      if (target) return { ok: true, target }
    }
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
