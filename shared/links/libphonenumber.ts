// The Numbering backed by libphonenumber-js and its metadata (tens of kB): imported where numbers
// are normalised for real (main's link handler, the renderer once start-up is done), never by
// the renderer's first bundle.
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js'
import type { PhoneNumber } from 'libphonenumber-js'
import type { Numbering, PossibleNumber } from './numbering'

function possible(phone: PhoneNumber | undefined): PossibleNumber | null {
  if (!phone || !phone.isPossible()) return null
  return { e164: phone.number, display: phone.formatInternational(), region: phone.country ?? null }
}

export const libphonenumberNumbering: Numbering = {
  international: (e164) => possible(parsePhoneNumberFromString(e164)),
  national: (digits, region) => {
    const upper = region.toUpperCase()
    if (!isSupportedCountry(upper)) return null
    const phone = possible(parsePhoneNumberFromString(digits, upper))
    // Made global, then checked again as an international number (as the link parser always did).
    return phone && possible(parsePhoneNumberFromString(phone.e164))
  },
}
