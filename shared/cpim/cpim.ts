// Common Presence and Instant Messaging message format (`message/cpim`, RFC 3862): the envelope
// Linphone and RCS-style clients put around a chat message to carry IMDN headers (RFC 5438 §6).
// A CPIM message is message headers, a blank line, MIME headers of the content, a blank line,
// and the content. Header names may carry a namespace prefix declared by an `NS` header; we
// resolve the one namespace we use (IMDN) whatever prefix the sender chose.

export const CPIM_TYPE = 'message/cpim'
export const IMDN_URN = 'urn:ietf:params:imdn'
/** Larger than any chat message we accept, small enough to parse without thinking about it. */
export const MAX_CPIM_BYTES = 64 * 1024
const MAX_HEADERS = 64

export interface CpimMessage {
  from?: string
  to?: string
  dateTime?: string
  /** IMDN headers by lower-case name without prefix: `message-id`, `disposition-notification`. */
  imdn: Map<string, string>
  /** Content headers by lower-case name (`content-type`, `content-encoding`, ...). */
  content: Map<string, string>
  contentType: string
  body: string
}

export type CpimResult =
  { kind: 'cpim'; message: CpimMessage } | { kind: 'refused'; reason: string }

/** Splits at the first blank line (CRLF or LF). */
function splitBlock(text: string): [string, string] | undefined {
  const match = /\r?\n\r?\n/.exec(text)
  if (!match) return undefined
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)]
}

function readHeaders(block: string): [string, string][] | string {
  const lines = block.split(/\r?\n/).filter((l) => l !== '')
  if (lines.length > MAX_HEADERS) return 'too many headers'
  const headers: [string, string][] = []
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon <= 0) return `not a header line: ${line.slice(0, 40)}`
    const name = line.slice(0, colon).trim()
    if (!/^[A-Za-z0-9.!#$%&'*+^_`|~-]+$/.test(name)) return `bad header name ${name.slice(0, 40)}`
    headers.push([name, line.slice(colon + 1).trim()])
  }
  return headers
}

/** Reads a CPIM message; never throws. */
export function parseCpim(text: string): CpimResult {
  if (text.length > MAX_CPIM_BYTES) return { kind: 'refused', reason: 'CPIM message too large' }
  const outer = splitBlock(text)
  if (!outer) return { kind: 'refused', reason: 'no blank line after the CPIM headers' }
  const message = readHeaders(outer[0])
  if (typeof message === 'string') return { kind: 'refused', reason: message }
  const inner = splitBlock(outer[1])
  // Content headers are mandatory (at least Content-Type), but a body-less content is allowed.
  const [contentBlock, body] = inner ?? [outer[1], '']
  const content = readHeaders(contentBlock)
  if (typeof content === 'string') return { kind: 'refused', reason: content }

  const prefixes = new Set<string>()
  for (const [name, value] of message) {
    const ns = /^(\S+)\s*<([^>]*)>$/.exec(value)
    if (name.toLowerCase() === 'ns' && ns && ns[2]!.toLowerCase() === IMDN_URN) {
      prefixes.add(ns[1]!.toLowerCase())
    }
  }
  const result: CpimMessage = {
    imdn: new Map(),
    content: new Map(content.map(([n, v]) => [n.toLowerCase(), v])),
    contentType: '',
    body,
  }
  for (const [name, value] of message) {
    const lower = name.toLowerCase()
    const dot = lower.indexOf('.')
    if (dot > 0 && prefixes.has(lower.slice(0, dot))) {
      result.imdn.set(lower.slice(dot + 1), value)
    } else if (lower === 'from') result.from = value
    else if (lower === 'to') result.to = value
    else if (lower === 'datetime') result.dateTime = value
  }
  const type = result.content.get('content-type')
  if (!type) return { kind: 'refused', reason: 'no Content-Type for the CPIM content' }
  result.contentType = type.split(';')[0]!.trim().toLowerCase()
  // A Content-Length shorter than what follows trims the content (trailing CRLF and the like).
  const length = Number(result.content.get('content-length'))
  if (Number.isInteger(length) && length >= 0) {
    const bytes = new TextEncoder().encode(body)
    if (length < bytes.length) result.body = new TextDecoder().decode(bytes.slice(0, length))
  }
  return { kind: 'cpim', message: result }
}

export interface CpimToBuild {
  from: string
  to: string
  dateTime: string
  /** IMDN headers to carry (`Message-ID`, `Disposition-Notification`), names as sent. */
  imdn: [string, string][]
  contentType: string
  body: string
}

/** A CPIM message with the IMDN namespace as `imdn`, the way Linphone writes it. */
export function buildCpim(message: CpimToBuild): string {
  const lines = [
    `From: <${message.from}>`,
    `To: <${message.to}>`,
    `DateTime: ${message.dateTime}`,
    `NS: imdn <${IMDN_URN}>`,
    ...message.imdn.map(([name, value]) => `imdn.${name}: ${value}`),
    '',
    `Content-Type: ${message.contentType}`,
    `Content-Length: ${new TextEncoder().encode(message.body).length}`,
    '',
    message.body,
  ]
  return lines.join('\r\n')
}
