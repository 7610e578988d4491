// callto: links as the web writes them: `callto:+15551234567`, `callto://+15551234567/`,
// `callto:alice@example.com`, `callto:sip:alice@example.com`, `callto:+4420…?call`. A bare name
// (`callto:echo123`, a Skype name) names no number or SIP address, so it is refused.
import { looksLikePhoneNumber } from './phone'
import type { NumberRules } from './phone'
import { parseSipUri } from './sip'
import { parseTelUri } from './tel'
import { asciiSeparators, percentDecode } from './text'
import { fail } from './types'
import type { LinkResult } from './types'

export function parseCalltoUri(rest: string, rules: NumberRules): LinkResult {
  // Skype-era suffixes (`?call`, `?add`) and a trailing slash carry no target.
  const body = rest
    .replace(/^\/\//, '')
    .replace(/\?(?:call|add|chat)$/i, '')
    .replace(/\/$/, '')
  const nested = /^(sips?|tel):(.*)$/is.exec(body)
  if (nested) {
    const scheme = nested[1]!.toLowerCase()
    const inner = nested[2]!
    return scheme === 'tel'
      ? parseTelUri(inner, rules)
      : parseSipUri(scheme as 'sip' | 'sips', inner, rules)
  }
  if (body.includes('@')) return parseSipUri('sip', body, rules)
  if (body.includes(';')) return parseTelUri(body, rules)
  const decoded = percentDecode(asciiSeparators(body))
  if (decoded === null) return fail('bad-escape', 'The number has a malformed % escape')
  if (looksLikePhoneNumber(decoded)) return parseTelUri(body, rules)
  return fail(
    'unsupported-target',
    'callto: names other than numbers or SIP addresses cannot be dialed',
  )
}
