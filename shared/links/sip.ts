// RFC 3261 §19.1 sip:/sips: URIs: `sip:user:password@host:port;uri-parameters?headers`. The result
// keeps who and where to call; whatever a link could use to steer the call elsewhere or inject
// into the INVITE (passwords, method/maddr/ttl/lr, headers such as Route or Replaces) is dropped,
// and control characters anywhere, escaped or not, refuse the whole link.
import { looksLikePhoneNumber, normalizeNumber, stripSeparators } from './phone'
import type { NumberRules } from './phone'
import { hasControlChars, isAscii, percentDecode } from './text'
import { fail } from './types'
import type { LinkResult, SipTarget } from './types'

// unreserved / escaped / user-unreserved (RFC 3261 §25.1); `:` separates the password.
const USERINFO_CHARS = /^[A-Za-z0-9\-_.!~*'()%&=+$,;?/:]+$/
const PARAM_NAME = /^[A-Za-z0-9\-_.!~*'()%]{1,64}$/
const PARAM_VALUE = /^[A-Za-z0-9\-_.!~*'()%[\]/:&+$]{0,256}$/
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/
const IPV6 = /^\[[0-9a-f:.]{2,45}\]$/i

/** Parameters that route the request or change its method: a link must not choose those. */
const DROPPED_PARAMS = new Set(['method', 'maddr', 'ttl', 'lr'])
/** URI headers a link may set: informational only, never routing, identity or a body. */
export const SAFE_HEADERS = new Set(['subject', 'priority'])
const MAX_PARAMS = 16
const MAX_HEADER_VALUE = 256

// What may stay unescaped when the user part is written back out.
const USER_SAFE = /[A-Za-z0-9\-_.!~*'()&=+$,;?/]/

function encodeUser(user: string): string {
  return [...user].map((ch) => (USER_SAFE.test(ch) ? ch : encodeURIComponent(ch))).join('')
}

function encodeParamValue(value: string): string {
  return [...value]
    .map((ch) => (/[A-Za-z0-9\-_.!~*'()[\]/:&+$]/.test(ch) ? ch : encodeURIComponent(ch)))
    .join('')
}

function decodeClean(value: string): string | LinkResult {
  const decoded = percentDecode(value)
  if (decoded === null) return fail('bad-escape', 'The address has a malformed % escape')
  if (hasControlChars(decoded)) {
    return fail('control-characters', 'The address hides control characters')
  }
  if (!isAscii(decoded)) {
    return fail('non-ascii', 'The address holds non-ASCII characters that could be look-alikes')
  }
  return decoded
}

function parseHost(hostport: string): { host: string; port: number | null } | LinkResult {
  let host = hostport
  let portText: string | null = null
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']')
    host = hostport.slice(0, close + 1)
    const after = hostport.slice(close + 1)
    if (close < 0 || (after !== '' && !after.startsWith(':'))) {
      return fail('invalid-host', 'The IPv6 address is malformed')
    }
    if (after !== '') portText = after.slice(1)
    if (!IPV6.test(host) || host.split(':').length < 3) {
      return fail('invalid-host', 'The IPv6 address is malformed')
    }
  } else {
    const colon = hostport.lastIndexOf(':')
    if (colon >= 0) {
      host = hostport.slice(0, colon)
      portText = hostport.slice(colon + 1)
    }
    const isIp = /^[0-9.]+$/.test(host)
    if (isIp ? !IPV4.test(host) : !HOSTNAME.test(host)) {
      return fail('invalid-host', 'The host is not a valid domain name or IP address')
    }
  }
  let port: number | null = null
  if (portText !== null) {
    port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : NaN
    if (!(port >= 1 && port <= 65535)) return fail('invalid-port', 'The port must be 1–65535')
  }
  return { host: host.toLowerCase().replace(/\.$/, ''), port }
}

function isResult(value: unknown): value is LinkResult {
  return typeof value === 'object' && value !== null && 'ok' in value
}

/** `rest` is what follows `sip:` or `sips:`, as received. */
export function parseSipUri(
  scheme: 'sip' | 'sips',
  rest: string,
  rules: NumberRules,
): LinkResult {
  if (!isAscii(rest)) {
    return fail('non-ascii', 'The address holds non-ASCII characters that could be look-alikes')
  }
  const body = rest.replace(/^\/\//, '')
  const dropped: string[] = []

  // The user part ends at the first `@`, unless a `?` comes first: then the `@` sits in a header
  // (`sip:atlanta.com;method=REGISTER?to=alice@atlanta.com`). A `?` in a user name is legal but
  // too rare to let it make `to=…` a user.
  const at = body.indexOf('@')
  const question = body.indexOf('?')
  const hasUser = at >= 0 && (question < 0 || at < question)
  let user: string | null = null
  if (hasUser) {
    const userinfo = body.slice(0, at)
    if (!USERINFO_CHARS.test(userinfo)) {
      return fail('invalid-user', 'The user part of the address has characters it may not have')
    }
    const colon = userinfo.indexOf(':')
    if (colon >= 0) dropped.push('password')
    const decoded = decodeClean(colon >= 0 ? userinfo.slice(0, colon) : userinfo)
    if (isResult(decoded)) return decoded
    if (decoded === '' || decoded.length > 256) {
      return fail('invalid-user', 'The user part of the address is empty or too long')
    }
    user = decoded
  }

  const remainder = hasUser ? body.slice(at + 1) : body
  const headerStart = remainder.indexOf('?')
  const beforeHeaders = headerStart < 0 ? remainder : remainder.slice(0, headerStart)
  const headerText = headerStart < 0 ? '' : remainder.slice(headerStart + 1)
  const [hostport = '', ...rawParams] = beforeHeaders.split(';')

  // `sip:+1-555-0100` or `sip:1234`: a number with no host, dialed at the user's own domain.
  if (!hasUser && rawParams.length === 0 && headerText === '' && looksLikePhoneNumber(hostport)) {
    return normalizeNumber({ number: hostport, ...rules })
  }
  const hostResult = parseHost(hostport)
  if ('ok' in hostResult) return hostResult
  const { host, port } = hostResult

  // Maps, not plain objects: `;constructor` or `;__proto__` are parameter names like any other.
  const paramMap = new Map<string, string | null>()
  if (rawParams.length > MAX_PARAMS) return fail('invalid-parameter', 'Too many parameters')
  for (const raw of rawParams) {
    const eq = raw.indexOf('=')
    const rawName = eq < 0 ? raw : raw.slice(0, eq)
    const rawValue = eq < 0 ? null : raw.slice(eq + 1)
    if (!PARAM_NAME.test(rawName) || (rawValue !== null && !PARAM_VALUE.test(rawValue))) {
      return fail('invalid-parameter', 'A parameter is malformed')
    }
    const name = decodeClean(rawName)
    if (isResult(name)) return name
    const value = rawValue === null ? null : decodeClean(rawValue)
    if (isResult(value)) return value
    const key = name.toLowerCase()
    if (paramMap.has(key) || dropped.includes(`param:${key}`)) {
      return fail('invalid-parameter', `The parameter ${key} appears twice`)
    }
    if (DROPPED_PARAMS.has(key)) dropped.push(`param:${key}`)
    else paramMap.set(key, value)
  }

  const headerMap = new Map<string, string>()
  for (const raw of headerText === '' ? [] : headerText.split('&')) {
    const eq = raw.indexOf('=')
    const name = decodeClean(eq < 0 ? raw : raw.slice(0, eq))
    if (isResult(name)) return name
    const value = decodeClean(eq < 0 ? '' : raw.slice(eq + 1))
    if (isResult(value)) return value
    const key = name.toLowerCase()
    if (SAFE_HEADERS.has(key) && !headerMap.has(key) && value.length <= MAX_HEADER_VALUE) {
      headerMap.set(key, value)
    } else {
      dropped.push(/^[a-z0-9-]{1,32}$/.test(key) ? `header:${key}` : 'header')
    }
  }

  // RFC 3261 §19.1.6: with user=phone the user is a telephone-subscriber; separators carry no
  // meaning, so `+1-212-555-1212` and `+12125551212` dial the same.
  if (user !== null && paramMap.get('user') === 'phone' && looksLikePhoneNumber(user)) {
    user = stripSeparators(user)
  }

  const uri =
    `${scheme}:${user === null ? '' : `${encodeUser(user)}@`}${host}` +
    (port === null ? '' : `:${port}`) +
    [...paramMap].map(([k, v]) => `;${k}${v === null ? '' : `=${encodeParamValue(v)}`}`).join('') +
    (headerMap.size === 0
      ? ''
      : `?${[...headerMap].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`)

  const params: Record<string, string | null> = Object.fromEntries(paramMap)
  const headers: Record<string, string> = Object.fromEntries(headerMap)
  const target: SipTarget = {
    kind: 'sip',
    dial: uri,
    display: uri,
    scheme,
    user,
    host,
    port,
    params,
    headers,
    dropped,
  }
  return { ok: true, target }
}
