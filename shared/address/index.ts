// The one address model (see types.ts). Light: no numbering metadata. Pass
// `libphonenumberNumbering` (shared/links/libphonenumber, loaded lazily in the renderer) to make
// national numbers global, or `plainNumbering` until it has loaded.
export { addressOfTarget, parseAddress } from './parse'
export { displayAddress, keyOf, keyOfUri } from './key'
export type { UriParts } from './key'
export { plainNumbering } from '../links/numbering'
export type { Numbering } from '../links/numbering'
export type {
  Address,
  AddressContext,
  AddressResult,
  NumberAddress,
  SipAddress,
  UserAddress,
} from './types'
