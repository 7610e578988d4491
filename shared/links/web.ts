// A web link found in a chat message, as it will really be opened. The WHATWG URL parser turns
// `https://gооgle.com` (Cyrillic o's) into `xn--ggle-55da.com` and `google.com⁄login.evil.com`
// (a fraction slash) into a host under evil.com; a message can also hide bidi overrides in a
// link. So the host shown is the host opened: Unicode only for a label written in one script
// that really encodes to the opened label, punycode otherwise; bidi and invisible characters
// never reach the screen. When what the message wrote differs from that, the user is asked.
import { hasUnsafeChars, sanitizeText } from '../text/sanitize'

export interface WebLink {
  /** What is opened: the URL parser's canonical serialisation (ASCII host). */
  href: string
  /** What the chat shows: the opened host, the rest of the link as written (cleaned). */
  shown: string
  /** The host as shown (punycode where Unicode would mislead). */
  host: string
  /** True when the message's text of the link differs from what is shown (ask first). */
  differs: boolean
}

const MAX_WEB_LINK = 2048
// Scripts a host label may be written in alone; Han, kana and Hangul count as one (CJK) group
// because Japanese and Korean names mix them.
const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u],
]
const LETTER = /\p{L}/u
const LABEL_CHAR = /[\p{L}\p{M}\p{N}-]/u

/** One script (plus digits and hyphens), nothing else: such a label reads as what it is. */
function isSingleScript(label: string): boolean {
  let script: string | null = null
  for (const ch of label) {
    if (!LABEL_CHAR.test(ch)) return false
    if (!LETTER.test(ch)) continue
    const found = SCRIPTS.find(([, re]) => re.test(ch))?.[0]
    if (!found) return false
    if (script !== null && script !== found) return false
    script = found
  }
  return true
}

/** The ASCII form the URL parser gives one label, or null. */
function toAsciiLabel(label: string): string | null {
  try {
    return new URL(`http://${label}.invalid/`).hostname.split('.')[0] ?? null
  } catch {
    return null
  }
}

/** The host to show for an opened `hostname`, given the host as the message wrote it. */
export function displayHost(hostname: string, typedHost: string): string {
  const ascii = hostname.split('.')
  const typed = typedHost.split(/[.\u3002\uff0e\uff61]/)
  const aligned = typed.length === ascii.length
  return ascii
    .map((label, i) => {
      if (!label.startsWith('xn--') || !aligned) return label
      const written = (typed[i] ?? '').normalize('NFC').toLowerCase()
      return isSingleScript(written) && toAsciiLabel(written) === label ? written : label
    })
    .join('.')
}

/**
 * An http(s) link from a message, or null when it is not one we link (no host, credentials in
 * it, too long, unparseable).
 */
export function describeWebLink(raw: string): WebLink | null {
  if (raw.length > MAX_WEB_LINK) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username || url.password || !url.hostname) return null
  // The authority as written: after `//`, up to the first character that ends it (the URL
  // parser also ends it at a backslash in http(s)).
  const start = raw.indexOf('//') + 2
  let end = start
  while (end < raw.length && !'/?#\\'.includes(raw[end] as string)) end += 1
  const authority = raw.slice(start, end)
  const typedHost = authority.replace(/:\d*$/, '')
  const host = displayHost(url.hostname, typedHost)
  const rest = sanitizeText(raw.slice(end).replace(/\\/g, '/'))
  const shown = `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}${rest}`
  const differs =
    host !== typedHost.toLowerCase() || hasUnsafeChars(raw) || raw.slice(end).includes('\\')
  return { href: url.href, shown, host, differs }
}

/**
 * What main lets go to the user's browser: http(s) only, no credentials, sane length, and the
 * URL parser's canonical form exactly, so what was shown (and confirmed) is what opens.
 */
export function isOpenableWebUrl(url: string): boolean {
  if (url.length > MAX_WEB_LINK) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return (
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.href === url
  )
}
