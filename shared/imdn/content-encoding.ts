// Bodies sent with `Content-Encoding: gzip` or `deflate` (Linphone deflates every IMDN it sends).
// Inflated with the platform's DecompressionStream (browser and Node alike), chunk by chunk, and
// given up as soon as the output passes the limit: a small "bomb" that would inflate to
// gigabytes costs us at most `maxBytes` of memory and a refusal.

/** Nothing we read from a message is larger than this, inflated. */
export const MAX_INFLATED_BYTES = 10 * 1024 * 1024

export type InflateResult = { kind: 'ok'; bytes: Uint8Array } | { kind: 'refused'; reason: string }

/** The codings we undo; `identity` (or none) is the body as is. */
export function contentCodings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
}

/** zlib-wrapped (RFC 1950) rather than raw deflate: some senders say "deflate" for either. */
function hasZlibHeader(bytes: Uint8Array): boolean {
  const [cmf = 0, flg = 0] = bytes
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0
}

type Format = 'gzip' | 'deflate' | 'deflate-raw'

async function inflateOne(
  bytes: Uint8Array,
  format: Format,
  maxBytes: number,
): Promise<InflateResult> {
  const inflater = new DecompressionStream(format)
  // Written without waiting: the writer only settles as the reader below drains the output.
  const writer = inflater.writable.getWriter()
  writer.write(new Uint8Array(bytes)).catch(() => {})
  writer.close().catch(() => {})
  const reader = inflater.readable.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        await reader.cancel().catch(() => {})
        return { kind: 'refused', reason: `inflates to more than ${maxBytes} bytes` }
      }
      chunks.push(value)
    }
  } catch {
    return { kind: 'refused', reason: `not valid ${format} data` }
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return { kind: 'ok', bytes: out }
}

/**
 * Undoes the codings of a Content-Encoding header (applied in order, so undone in reverse).
 * Unknown codings are refused: the body would be unreadable anyway.
 */
export async function decodeContent(
  bytes: Uint8Array,
  contentEncoding: string | undefined,
  maxBytes = MAX_INFLATED_BYTES,
): Promise<InflateResult> {
  const limit = Math.min(maxBytes, MAX_INFLATED_BYTES)
  let current = bytes
  for (const coding of contentCodings(contentEncoding).reverse()) {
    let format: Format
    if (coding === 'gzip' || coding === 'x-gzip') format = 'gzip'
    else if (coding === 'deflate') format = hasZlibHeader(current) ? 'deflate' : 'deflate-raw'
    else return { kind: 'refused', reason: `unsupported Content-Encoding ${coding}` }
    const result = await inflateOne(current, format, limit)
    if (result.kind === 'refused') return result
    current = result.bytes
  }
  return { kind: 'ok', bytes: current }
}
