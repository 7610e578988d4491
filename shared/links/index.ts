// Click-to-dial link parsing (see parse-link.ts) with libphonenumber-js's numbering plan. This
// entry carries the metadata: the renderer imports it lazily; shared/address reads addresses
// without it.
import { libphonenumberNumbering } from './libphonenumber'
import { parseLink } from './parse-link'
import type { LinkWorkCounter } from './parse-link'
import type { LinkOptions, LinkResult } from './types'

export { DIAL_SCHEMES, dialSchemeOf, isDialScheme } from './parse-link'
export type { DialScheme, LinkWorkCounter } from './parse-link'
export { MAX_LINK_LENGTH } from './text'
export { libphonenumberNumbering } from './libphonenumber'
export { plainNumbering } from './numbering'
export type { Numbering, PossibleNumber } from './numbering'
export type {
  DialTarget,
  LinkError,
  LinkErrorCode,
  LinkOptions,
  LinkResult,
  NumberTarget,
  SipTarget,
} from './types'

export function parseDialLink(
  link: unknown,
  options: LinkOptions,
  work?: LinkWorkCounter,
): LinkResult {
  const numbering = options.numbering ?? libphonenumberNumbering
  return parseLink(link, { defaultRegion: options.defaultRegion, numbering }, work)
}
