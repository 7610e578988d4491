// How phone numbers are made international. The link and address parsers take a Numbering
// instead of importing libphonenumber-js, so code that only needs to read an address (the
// renderer's first bundle) does not carry the metadata: libphonenumber.ts is the real one, loaded
// where it is needed; plainNumbering knows only what `+digits` says.

/** A number a numbering plan accepts as possible. */
export interface PossibleNumber {
  /** E.164: `+` and up to 15 digits. */
  e164: string
  /** As people read it: `+1 201 555 0123`. */
  display: string
  /** ISO 3166 region of the number when known. */
  region: string | null
}

export interface Numbering {
  /** `+digits` checked against the plan; null when no such number is possible. */
  international(e164: string): PossibleNumber | null
  /** Digits written as a national number in `region`; null for an unknown region or no such number. */
  national(digits: string, region: string): PossibleNumber | null
}

/**
 * No metadata: `+` and 2–15 digits is taken as written, a national number stays national. Used
 * until the real plan has loaded, and where no number needs to be made global.
 */
export const plainNumbering: Numbering = {
  international: (e164) => (/^\+[0-9]{2,15}$/.test(e164) ? { e164, display: e164, region: null } : null),
  national: () => null,
}
