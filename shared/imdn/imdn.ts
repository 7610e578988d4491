// Instant Message Disposition Notifications (RFC 5438): reading the `message/imdn+xml` documents
// peers send back about our messages, and writing ours. The reader is strict and small: the
// project's own XML reader (no DOCTYPE, bounded depth and element count), a size cap before any
// parsing, and only what a delivery state needs comes out. Unknown elements (Linphone adds its
// own `linphone-imdn:reason`) are ignored, a missing or malformed part refuses the document.

import { DEFAULT_XML_LIMITS, escapeXml, parseXml, XmlError } from '../presence/xml'
import type { XmlElement, XmlLimits } from '../presence/xml'

export const IMDN_TYPE = 'message/imdn+xml'
export const IMDN_NS = 'urn:ietf:params:xml:ns:imdn'
/** An IMDN is a few hundred bytes; anything much larger is not one. */
export const MAX_IMDN_BYTES = 8 * 1024
const LIMITS: XmlLimits = { ...DEFAULT_XML_LIMITS, maxDepth: 8, maxElements: 64 }
const MAX_ID_CHARS = 256

export type ImdnKind = 'delivery' | 'display' | 'processing'

/** The statuses RFC 5438 §7 defines, per kind. */
const STATUSES: Record<ImdnKind, readonly string[]> = {
  delivery: ['delivered', 'failed', 'forbidden', 'error'],
  display: ['displayed', 'forbidden', 'error'],
  processing: ['processed', 'stored', 'forbidden', 'error'],
}

export interface ImdnNotification {
  /** The imdn.Message-ID of the message it is about. */
  messageId: string
  kind: ImdnKind
  status: string
  /** The datetime element as sent (the original message's time, RFC 5438 §7.2.1.2). */
  datetime?: string
}

export type ImdnReadResult =
  { kind: 'notification'; notification: ImdnNotification } | { kind: 'ignored'; reason: string }

const utf8 = new TextEncoder()

function child(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.ns === IMDN_NS && c.local === local)
}

/** Reads one IMDN document; never throws. */
export function readImdn(body: string): ImdnReadResult {
  if (body.length > MAX_IMDN_BYTES || utf8.encode(body).length > MAX_IMDN_BYTES) {
    return { kind: 'ignored', reason: `IMDN over ${MAX_IMDN_BYTES} bytes` }
  }
  let root: XmlElement
  try {
    root = parseXml(body, LIMITS)
  } catch (error) {
    if (error instanceof XmlError || error instanceof RangeError) {
      return { kind: 'ignored', reason: `not XML we accept: ${error.message}` }
    }
    throw error
  }
  if (root.ns !== IMDN_NS || root.local !== 'imdn') {
    return { kind: 'ignored', reason: 'not an imdn document' }
  }
  const messageId = child(root, 'message-id')?.text.trim() ?? ''
  if (!messageId || messageId.length > MAX_ID_CHARS || /[\s<>]/.test(messageId)) {
    return { kind: 'ignored', reason: 'no usable message-id' }
  }
  const found = (['delivery', 'display', 'processing'] as const).flatMap((kind) => {
    const notification = child(root, `${kind}-notification`)
    return notification ? [{ kind, notification }] : []
  })
  if (found.length !== 1) {
    return { kind: 'ignored', reason: 'not exactly one notification element' }
  }
  const { kind, notification } = found[0]!
  const statuses = child(notification, 'status')?.children.filter((c) => c.ns === IMDN_NS) ?? []
  const status = statuses[0]?.local
  if (statuses.length !== 1 || !status || !STATUSES[kind].includes(status)) {
    return { kind: 'ignored', reason: `no valid ${kind} status` }
  }
  const datetime = child(root, 'datetime')?.text.trim()
  return {
    kind: 'notification',
    notification: { messageId, kind, status, ...(datetime ? { datetime } : {}) },
  }
}

export interface ImdnToSend {
  messageId: string
  /** The original message's DateTime (RFC 5438 asks for it back), ISO 8601. */
  datetime: string
  status: 'delivered' | 'displayed'
  /** Who we are, as the recipient of the original message. */
  recipient?: string
}

/** One notification document, as Linphone and RFC 5438 §7.2 write it. */
export function buildImdn(imdn: ImdnToSend): string {
  const kind = imdn.status === 'delivered' ? 'delivery' : 'display'
  const recipient = imdn.recipient
    ? `<recipient-uri>${escapeXml(imdn.recipient)}</recipient-uri>` +
      `<original-recipient-uri>${escapeXml(imdn.recipient)}</original-recipient-uri>`
    : ''
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<imdn xmlns="${IMDN_NS}">` +
    `<message-id>${escapeXml(imdn.messageId)}</message-id>` +
    `<datetime>${escapeXml(imdn.datetime)}</datetime>` +
    recipient +
    `<${kind}-notification><status><${imdn.status}/></status></${kind}-notification>` +
    '</imdn>'
  )
}
