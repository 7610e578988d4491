// What a click-to-dial link turns into: a typed target to show in "Confirm call" and hand to the
// calls store, or a typed error that says why nothing will be dialed. Plain data, no classes, so
// it crosses IPC unchanged.
import type { Numbering } from './numbering'

/** A SIP address to call: `sip:`/`sips:` links, `callto:` with an address. */
export interface SipTarget {
  kind: 'sip'
  /** What to dial: the canonical URI, with only safe parameters and headers kept. */
  dial: string
  /** What the confirmation shows (the canonical URI). */
  display: string
  scheme: 'sip' | 'sips'
  /** Decoded user part; null for a host-only URI such as `sip:conference.example.com`. */
  user: string | null
  /** Lower-case host name, IPv4 address or bracketed IPv6 address. */
  host: string
  port: number | null
  /** Parameters kept (name lower-cased); a value-less parameter maps to null. */
  params: Readonly<Record<string, string | null>>
  /** Whitelisted URI headers kept (name lower-cased, value decoded). */
  headers: Readonly<Record<string, string>>
  /** Names of what the link carried and we left out (a password, risky params, headers). */
  dropped: readonly string[]
}

/** A telephone number to call: `tel:` and `callto:` links, `sip:+1555…` without a host. */
export interface NumberTarget {
  kind: 'number'
  /** What to dial: E.164 (`+15551234567`) when known, else the digits as written (`1234`, `*97`). */
  dial: string
  /** What the confirmation shows: `+1 201 555 0123 ext. 12`, or the digits. */
  display: string
  /** True when `dial` is a normalised E.164 number. */
  international: boolean
  /** ISO 3166 region of the number when libphonenumber knows it. */
  region: string | null
  /** Digits to send after connecting (RFC 3966 `ext`); not part of `dial`. */
  extension: string | null
  /** RFC 3966 phone-context of a local number that could not be made global. */
  context: string | null
  dropped: readonly string[]
}

export type DialTarget = SipTarget | NumberTarget

export type LinkErrorCode =
  | 'empty'
  | 'too-long'
  | 'unsupported-scheme'
  | 'control-characters'
  | 'non-ascii'
  | 'bad-escape'
  | 'invalid-user'
  | 'invalid-host'
  | 'invalid-port'
  | 'invalid-number'
  | 'invalid-parameter'
  | 'unsupported-target'

export interface LinkError {
  code: LinkErrorCode
  /** English, for logs; the UI words it from `code`. Never echoes the link. */
  message: string
}

export type LinkResult = { ok: true; target: DialTarget } | { ok: false; error: LinkError }

export interface LinkOptions {
  /** ISO 3166 region for numbers written without a country code (`''`: none). */
  defaultRegion: string
  /** The numbering plan; libphonenumber-js's when not given. */
  numbering?: Numbering
}

export function fail(code: LinkErrorCode, message: string): { ok: false; error: LinkError } {
  return { ok: false, error: { code, message } }
}
