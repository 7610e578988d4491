// What an incoming MESSAGE body is, once its transfer wrappings are undone: Content-Encoding
// (gzip/deflate, bounded), then a CPIM envelope (RFC 3862) with its IMDN request headers, then
// the content: a disposition notification about one of ours (RFC 5438), a typing indication,
// or a message to keep. Notifications never become thread items, readable or not.

import { CPIM_TYPE, parseCpim } from '@shared/cpim/cpim'
import { contentCodings, decodeContent } from '@shared/imdn/content-encoding'
import { IMDN_TYPE, readImdn } from '@shared/imdn/imdn'
import type { ImdnNotification } from '@shared/imdn/imdn'
import { bodyBytes } from './byte-transport'
import { IS_COMPOSING_TYPE } from './iscomposing'

/** Largest body we take, inflated (a chat message is far smaller; this only bounds the work). */
export const MAX_DECODED_BYTES = 64 * 1024

/** What the sender asked to be told about its message (CPIM imdn.* headers). */
export interface ImdnRequest {
  messageId: string
  /** The CPIM DateTime, echoed back in our notifications (RFC 5438 §7.2.1.2). */
  dateTime: string
  delivery: boolean
  display: boolean
}

export type IncomingContent =
  | { kind: 'message'; contentType: string; body: string; imdn?: ImdnRequest }
  | { kind: 'composing'; body: string }
  | { kind: 'receipt'; notification: ImdnNotification }
  /** Answered 200 and dropped: a notification we cannot read is still not a message. */
  | { kind: 'ignored'; reason: string }
  /** Answered with this error: the body could not be read at all. */
  | { kind: 'refused'; statusCode: number; reason: string }

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true })

function mediaTypeOf(header: string | undefined): string {
  return (header ?? 'text/plain').split(';')[0]!.trim().toLowerCase() || 'text/plain'
}

async function decoded(
  body: string,
  encoding: string | undefined,
): Promise<{ text: string } | { refused: IncomingContent }> {
  if (contentCodings(encoding).length === 0) return { text: body }
  const bytes = bodyBytes(body)
  if (!bytes) {
    return { refused: { kind: 'refused', statusCode: 400, reason: 'Body not intact' } }
  }
  const result = await decodeContent(bytes, encoding, MAX_DECODED_BYTES)
  if (result.kind === 'refused') {
    const unsupported = result.reason.startsWith('unsupported')
    return {
      refused: {
        kind: 'refused',
        statusCode: unsupported ? 415 : 400,
        reason: unsupported ? 'Unsupported Content-Encoding' : 'Body could not be decoded',
      },
    }
  }
  try {
    return { text: fatalUtf8.decode(result.bytes) }
  } catch {
    return { refused: { kind: 'refused', statusCode: 400, reason: 'Body is not UTF-8' } }
  }
}

function imdnRequest(
  headers: Map<string, string>,
  dateTime: string | undefined,
): ImdnRequest | undefined {
  const messageId = headers.get('message-id')?.trim()
  if (!messageId || messageId.length > 256 || /[\s<>]/.test(messageId)) return undefined
  const wanted = (headers.get('disposition-notification') ?? '')
    .toLowerCase()
    .split(',')
    .map((w) => w.trim())
  const delivery = wanted.includes('positive-delivery')
  const display = wanted.includes('display')
  if (!delivery && !display) return undefined
  return {
    messageId,
    dateTime: dateTime?.trim() || new Date().toISOString(),
    delivery,
    display,
  }
}

/**
 * Kamailio's msilo stores `message/cpim` as `text/plain` (its m_store labels both so), so a CPIM
 * message kept for an offline user comes back as "text". One that opens with CPIM headers and
 * binds the IMDN namespace before its first blank line is taken as the envelope it is.
 */
function storedCpim(body: string): boolean {
  const head = /^([\s\S]*?)\r?\n\r?\n/.exec(body.slice(0, 4096))?.[1]
  return (
    head !== undefined &&
    /^[A-Za-z.-]+:/.test(head) &&
    /^NS:\s*\S+\s*<urn:ietf:params:imdn>\s*$/im.test(head) &&
    parseCpim(body).kind === 'cpim'
  )
}

/** Reads one MESSAGE body; never throws. */
export async function readIncoming(
  contentTypeHeader: string | undefined,
  contentEncoding: string | undefined,
  rawBody: string,
): Promise<IncomingContent> {
  const outer = await decoded(rawBody, contentEncoding)
  if ('refused' in outer) return outer.refused
  let type = mediaTypeOf(contentTypeHeader)
  let body = outer.text
  let imdn: ImdnRequest | undefined
  if (type === CPIM_TYPE || (type === 'text/plain' && storedCpim(body))) {
    const cpim = parseCpim(body)
    if (cpim.kind === 'refused') {
      return { kind: 'refused', statusCode: 400, reason: 'Bad CPIM message' }
    }
    const inner = await decoded(cpim.message.body, cpim.message.content.get('content-encoding'))
    if ('refused' in inner) return inner.refused
    type = cpim.message.contentType
    body = inner.text
    imdn = imdnRequest(cpim.message.imdn, cpim.message.dateTime)
  }
  if (type === IMDN_TYPE) {
    const read = readImdn(body)
    return read.kind === 'notification'
      ? { kind: 'receipt', notification: read.notification }
      : { kind: 'ignored', reason: read.reason }
  }
  if (type === IS_COMPOSING_TYPE) return { kind: 'composing', body }
  return { kind: 'message', contentType: type, body, ...(imdn ? { imdn } : {}) }
}
