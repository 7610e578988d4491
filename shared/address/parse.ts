// Anything that names a peer → an Address: what a person types in "Number or SIP address" or a
// contact's form (`bob`, `1001`, `+1 (201) 555-0123`, `bob@example.com`, `sip:bob@example.com`),
// a link (`tel:`, `callto:`), a transfer target, a URI from storage. Every SIP address and number
// goes through the click-to-dial parser (shared/links), so typed input gets the same hostile-input
// guarantees as a link: no control or look-alike characters, no routing parameters or headers.
import { dialSchemeOf, parseLink } from '../links/parse-link'
import { looksLikePhoneNumber, normalizeNumber } from '../links/phone'
import { asciiSeparators, MAX_LINK_LENGTH } from '../links/text'
import type { DialTarget, LinkErrorCode, LinkResult } from '../links/types'
import { displayAddress, keyOf, keyOfUri } from './key'
import type { AddressContext, AddressResult } from './types'

// A user name on our own domain: RFC 3261 user characters, minus `;` `?` `:` `@` that would
// start parameters, headers, a password or a host.
const USER_NAME = /^[A-Za-z0-9\-_.!~*'()&=+$,/%]+$/
// A number as people write it, also with the area code in brackets first: `(201) 555-0123`.
const PHONE_LIKE = /^\+?\(?[0-9*#][0-9*#().\- ]*$/

export function parseAddress(input: string, context: AddressContext): AddressResult {
  if (input.length > MAX_LINK_LENGTH) return invalid('too-long')
  const text = asciiSeparators(input).trim()
  if (text === '') return { ok: false, error: 'empty', code: 'empty' }
  const rules = { defaultRegion: context.defaultRegion, numbering: context.numbering }

  if (dialSchemeOf(text)) return fromLink(parseLink(text, rules), context.domain)
  if (text.includes('@')) return fromLink(parseLink(`sip:${text}`, rules), context.domain)
  if (looksLikePhoneNumber(text) || PHONE_LIKE.test(text)) {
    return fromLink(normalizeNumber({ number: text, ...rules }), context.domain)
  }
  if (!USER_NAME.test(text)) return invalid('invalid-user')
  if (!context.domain) return invalid('no-domain')
  const parsed = parseLink(`sip:${text}@${context.domain}`, rules)
  if (!parsed.ok) return invalid(parsed.error.code)
  const target = parsed.target
  if (target.kind !== 'sip' || target.user === null) return invalid('invalid-user')
  return {
    ok: true,
    address: {
      kind: 'user',
      uri: target.dial,
      key: keyOfUri(target.dial) ?? target.dial,
      display: displayAddress(target.dial),
      user: target.user,
      host: target.host,
    },
  }
}

/** A click-to-dial link's target as an Address; a number is dialled at `domain`. */
export function addressOfTarget(target: DialTarget, domain: string): AddressResult {
  if (target.kind === 'sip') {
    return {
      ok: true,
      address: {
        kind: 'sip',
        uri: target.dial,
        // From the written URI, so the user part stays escaped and the key is a URI itself.
        key: keyOfUri(target.dial) ?? target.dial,
        display: displayAddress(target.dial),
        scheme: target.scheme,
        user: target.user,
        host: target.host,
        port: target.port,
        params: target.params,
        headers: target.headers,
        dropped: target.dropped,
      },
    }
  }
  if (!domain) return invalid('no-domain')
  // `#` would start a URI fragment; `+` and `*` are fine in a user part.
  const user = encodeURIComponent(target.dial).replace(/%2B/g, '+')
  const uri = `sip:${user}@${domain}`
  return {
    ok: true,
    address: {
      kind: 'number',
      uri,
      key: keyOf({ scheme: 'sip', user, host: domain }),
      display: target.display,
      number: target.dial,
      international: target.international,
      region: target.region,
      extension: target.extension,
      dropped: target.dropped,
    },
  }
}

function fromLink(result: LinkResult, domain: string): AddressResult {
  return result.ok ? addressOfTarget(result.target, domain) : invalid(result.error.code)
}

function invalid(code: LinkErrorCode | 'no-domain'): AddressResult {
  return { ok: false, error: code === 'empty' ? 'empty' : 'invalid', code }
}
