// RFC 3966 tel: URIs: `tel:+1-201-555-0123`, `tel:7042;phone-context=example.com`,
// `tel:863-1234;phone-context=+1-914-555`, `tel:+1-201-555-0123;ext=1234`. Lenient where real pages
// are sloppy (spaces, `tel://`, Unicode dashes), strict about anything that could smuggle input.
import { normalizeNumber } from './phone'
import type { NumberRules } from './phone'
import { asciiSeparators, hasControlChars, isAscii, percentDecode } from './text'
import { fail } from './types'
import type { LinkResult } from './types'

const PARAM_NAME = /^[A-Za-z0-9-]{1,32}$/
const DOMAIN_CONTEXT =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i
const GLOBAL_CONTEXT = /^\+[0-9][0-9().-]*$/

/** `rest` is what follows `tel:`, as received (not yet decoded). */
export function parseTelUri(rest: string, rules: NumberRules): LinkResult {
  const body = asciiSeparators(rest.replace(/^\/\//, ''))
  if (!isAscii(body)) {
    return fail('non-ascii', 'The number holds characters that only look like digits')
  }
  // Split before decoding, so an escaped `%3B` cannot forge a parameter.
  const [rawNumber = '', ...rawParams] = body.replace(/\/$/, '').split(';')
  const number = percentDecode(rawNumber)
  if (number === null) return fail('bad-escape', 'The number has a malformed % escape')
  if (hasControlChars(number) || !isAscii(number)) {
    return fail('control-characters', 'The number hides control characters')
  }

  let extension: string | null = null
  let context: string | null = null
  const dropped: string[] = []
  const seen = new Set<string>()
  for (const raw of rawParams) {
    const eq = raw.indexOf('=')
    const name = (eq < 0 ? raw : raw.slice(0, eq)).toLowerCase()
    const value = eq < 0 ? null : percentDecode(raw.slice(eq + 1))
    if (!PARAM_NAME.test(name)) return fail('invalid-parameter', 'A parameter name is malformed')
    if (eq >= 0 && value === null) return fail('bad-escape', 'A parameter has a malformed % escape')
    if (value !== null && (hasControlChars(value) || !isAscii(value))) {
      return fail('control-characters', 'A parameter hides control characters')
    }
    if (seen.has(name)) return fail('invalid-parameter', `The parameter ${name} appears twice`)
    seen.add(name)
    if (name === 'ext') {
      if (!value) return fail('invalid-number', 'The extension is empty')
      extension = value
    } else if (name === 'phone-context') {
      if (!value || !(GLOBAL_CONTEXT.test(value) || DOMAIN_CONTEXT.test(value))) {
        return fail('invalid-parameter', 'phone-context must be +digits or a domain name')
      }
      context = value.toLowerCase()
    } else {
      // isub, npdi, rn, cic and the rest do not change whom we call.
      dropped.push(`param:${name}`)
    }
  }

  const trimmed = number.trim()
  if (trimmed.startsWith('+') && context !== null) {
    // RFC 3966: phone-context belongs to local numbers only.
    dropped.push('param:phone-context')
    context = null
  }
  return normalizeNumber({ number: trimmed, extension, context, dropped, ...rules })
}
