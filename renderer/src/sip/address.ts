// Addresses people type ("bob", "bob@example.com", "sip:bob@example.com", "+1 555 0100") turned
// into one canonical SIP address, so a conversation is keyed the same way whoever started it.

export type AddressResult = { ok: true; aor: string } | { ok: false; error: 'empty' | 'invalid' }

const USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9\-.]*[A-Za-z0-9])?)(?::\d{1,5})?$/

/** `domain` completes a bare user part or number (the signed-in account's domain). */
export function normalizeAddress(input: string, domain: string): AddressResult {
  let text = input.trim()
  if (!text) return { ok: false, error: 'empty' }
  let scheme = 'sip'
  const schemeMatch = /^(sips?|tel):/i.exec(text)
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase() === 'sips' ? 'sips' : 'sip'
    text = text.slice(schemeMatch[0].length)
  }
  // Parameters and headers are not part of who the peer is.
  text = text.split(/[;?]/)[0] ?? ''
  const at = text.lastIndexOf('@')
  let user = at >= 0 ? text.slice(0, at) : text
  const host = at >= 0 ? text.slice(at + 1) : domain
  // Phone numbers are typed with spaces, dots and brackets; the digits are what counts.
  if (/^\+?[\d\s().-]+$/.test(user) && /\d/.test(user)) user = user.replace(/[\s().-]/g, '')
  if (!user || !USER.test(user) || !HOST.test(host)) return { ok: false, error: 'invalid' }
  return { ok: true, aor: `${scheme}:${user}@${host.toLowerCase()}` }
}

/** The domain part of an AOR, for completing what the user types. */
export function domainOf(aor: string): string {
  return aor.slice(aor.lastIndexOf('@') + 1)
}
