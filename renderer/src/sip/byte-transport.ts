// SIP.js's WebSocket transport with binary bodies kept intact. A compressed body (Linphone sends
// every IMDN with `Content-Encoding: deflate`) is not UTF-8, so Kamailio sends the SIP message
// as a binary frame, and SIP.js decodes every binary frame as UTF-8: each invalid byte becomes
// U+FFFD and the body is lost. Here such a frame keeps UTF-8 for the head (display names) and
// maps the body byte for byte to the characters U+0000–U+00FF, which `bodyBytes` turns back
// into the bytes. SIP.js cuts the body by Content-Length in characters, which then equals bytes.

import { Web } from 'sip.js'
import { claimPreconnected, withSocket } from '../lib/preconnect'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const lenientUtf8 = new TextDecoder('utf-8')

function latin1(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192))
  }
  return out
}

/** The text SIP.js should parse for one binary WebSocket frame. */
export function decodeSipFrame(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    let end = -1
    for (let i = 0; i + 3 < bytes.length; i++) {
      if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) {
        end = i + 4
        break
      }
    }
    if (end < 0) return lenientUtf8.decode(bytes)
    return lenientUtf8.decode(bytes.subarray(0, end)) + latin1(bytes.subarray(end))
  }
}

/** A body that arrived as bytes (see above) as bytes again; null if it was text after all. */
export function bodyBytes(body: string): Uint8Array | null {
  const bytes = new Uint8Array(body.length)
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i)
    if (code > 0xff) return null
    bytes[i] = code
  }
  return bytes
}

interface FrameHandler {
  onWebSocketMessage(event: { data: unknown }, ws: unknown): void
  onWebSocketOpen(event: Event, ws: unknown): void
}

export class ByteSafeTransport extends Web.Transport {
  constructor(...args: ConstructorParameters<typeof Web.Transport>) {
    super(...args)
    // SIP.js's handler is private; it is looked up on the instance at each message.
    const self = this as unknown as FrameHandler
    const original = self.onWebSocketMessage.bind(this)
    self.onWebSocketMessage = (event, ws) =>
      original(
        event.data instanceof ArrayBuffer
          ? { data: decodeSipFrame(new Uint8Array(event.data)) }
          : event,
        ws,
      )
  }

  /** Connects on the socket start-up opened for this server, when there is one (preconnect.ts). */
  override connect(): Promise<void> {
    const socket = claimPreconnected(this.server)
    if (!socket) return super.connect()
    const connecting = withSocket(this.server, socket, () => super.connect())
    // Opened before SIP.js listened: the open event is gone, tell it now.
    if (socket.readyState === 1) {
      ;(this as unknown as FrameHandler).onWebSocketOpen(new Event('open'), socket)
    }
    return connecting
  }
}
