// One model of "who": whatever a person types, a contact holds, a chat link or a transfer names,
// or a click-to-dial link carries becomes an Address. Plain data (it crosses IPC and goes into
// stores unchanged), parsed once by parse.ts.
import type { LinkErrorCode } from '../links/types'
import type { Numbering } from '../links/numbering'

interface AddressCommon {
  /** What to send the INVITE, MESSAGE or SUBSCRIBE to. */
  uri: string
  /**
   * Who the peer is, the same wherever they were met (history, contacts, chat):
   * `scheme:user@host[:port]`, host lower-cased, parameters and headers left out.
   */
  key: string
  /** As people read it: `bob@example.com`, `+1 201 555 0123`, `1001`. */
  display: string
}

/** A SIP address written in full (`sip:bob@example.com`, `bob@example.com`). */
export interface SipAddress extends AddressCommon {
  kind: 'sip'
  scheme: 'sip' | 'sips'
  /** Decoded user part; null for a host-only URI such as `sip:conference.example.com`. */
  user: string | null
  host: string
  port: number | null
  /** Parameters kept (name lower-cased); a value-less parameter maps to null. */
  params: Readonly<Record<string, string | null>>
  /** Informational URI headers kept (subject, priority). */
  headers: Readonly<Record<string, string>>
  /** What the input carried and was left out (a password, routing parameters, headers). */
  dropped: readonly string[]
}

/** A telephone number, dialled at the account's own domain. */
export interface NumberAddress extends AddressCommon {
  kind: 'number'
  /** E.164 when the numbering plan could make it global, else the digits as written (`1001`, `*97`). */
  number: string
  international: boolean
  region: string | null
  /** Digits to send after connecting (RFC 3966 `ext`). */
  extension: string | null
  dropped: readonly string[]
}

/** A user name on the account's own domain (`bob`, `reception`). */
export interface UserAddress extends AddressCommon {
  kind: 'user'
  user: string
  host: string
}

export type Address = SipAddress | NumberAddress | UserAddress

/** `empty`: nothing to parse; `invalid`: why is in `code`. */
export type AddressResult =
  | { ok: true; address: Address }
  | { ok: false; error: 'empty' | 'invalid'; code: LinkErrorCode | 'no-domain' | 'not-ready' }

export interface AddressContext {
  /** The signed-in account's domain: completes a bare number or user name (`''`: none). */
  domain: string
  /** ISO 3166 region for numbers written without a country code (`''`: none). */
  defaultRegion: string
  numbering: Numbering
}
