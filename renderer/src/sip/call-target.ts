// What the user typed in "Number or SIP address" → the URI to INVITE. A typed sip:/sips:/tel:
// URI is used as it is; anything else is a user part on the account's own domain.

export type CallTarget = { ok: true; uri: string } | { ok: false; error: 'empty' | 'invalid' }

const SCHEME = /^(sips?|tel):/i
// Visual separators people paste with phone numbers; they are not part of the number.
const PHONE_SEPARATORS = /[\s().-]/g

export function toCallTarget(input: string, domain: string): CallTarget {
  const text = input.trim()
  if (!text) return { ok: false, error: 'empty' }
  if (SCHEME.test(text)) {
    const rest = text.replace(SCHEME, '')
    if (!rest || /\s/.test(rest)) return { ok: false, error: 'invalid' }
    return { ok: true, uri: text.replace(SCHEME, (s) => s.toLowerCase()) }
  }
  if (text.includes('@')) {
    // "bob@example.com": an address without its scheme.
    if (/\s/.test(text) || text.startsWith('@') || text.endsWith('@')) {
      return { ok: false, error: 'invalid' }
    }
    return { ok: true, uri: `sip:${text}` }
  }
  const compact = /^[+\d][\d\s().-]*$/.test(text) ? text.replace(PHONE_SEPARATORS, '') : text
  if (/[\s;?<>"]/.test(compact)) return { ok: false, error: 'invalid' }
  return { ok: true, uri: `sip:${encodeURIComponent(compact).replace(/%2B/g, '+')}@${domain}` }
}

/** The user part and host of a sip: URI, for display ("bob@127.0.0.1"). */
export function displayAddress(uri: string): string {
  return uri.replace(/^sips?:/i, '').replace(/;.*$/, '')
}
