// Click-to-dial link parsing: see parse-link.ts.
export { DIAL_SCHEMES, dialSchemeOf, isDialScheme, parseDialLink } from './parse-link'
export type { DialScheme } from './parse-link'
export { MAX_LINK_LENGTH } from './text'
export type {
  DialTarget,
  LinkError,
  LinkErrorCode,
  LinkOptions,
  LinkResult,
  NumberTarget,
  SipTarget,
} from './types'
