import { describe, expect, it } from 'vitest'
import { readIncoming } from './chat-content'
import { receipt, requestReceipts } from './chat-envelope'
import { decodeSipFrame } from './byte-transport'

const LINPHONE_DELIVERED =
  '<?xml version="1.0" encoding="UTF-8" standalone="no" ?><imdn xmlns="urn:ietf:params:xml:ns:imdn">' +
  '<message-id>CGZJ5~7Qua</message-id><datetime>2026-12-05T13:03:32Z</datetime>' +
  '<delivery-notification><status><delivered/></status></delivery-notification></imdn>'

async function deflate(text: string, format: 'deflate' | 'gzip' = 'deflate'): Promise<Uint8Array> {
  const stream = new CompressionStream(format)
  const writer = stream.writable.getWriter()
  void writer.write(new TextEncoder().encode(text))
  void writer.close()
  return new Uint8Array(await new Response(stream.readable).arrayBuffer())
}

/** The body as SIP.js hands it over after ByteSafeTransport decoded the frame. */
function asReceived(bytes: Uint8Array): string {
  const head = new TextEncoder().encode('MESSAGE sip:a@b SIP/2.0\r\n\r\n')
  const all = new Uint8Array(head.length + bytes.length)
  all.set(head)
  all.set(bytes, head.length)
  return decodeSipFrame(all).slice('MESSAGE sip:a@b SIP/2.0\r\n\r\n'.length)
}

describe('readIncoming', () => {
  it('reads Linphone’s deflated IMDN as a receipt, never a message', async () => {
    const body = asReceived(await deflate(LINPHONE_DELIVERED))
    expect(await readIncoming('message/imdn+xml', 'deflate', body)).toEqual({
      kind: 'receipt',
      notification: {
        messageId: 'CGZJ5~7Qua',
        kind: 'delivery',
        status: 'delivered',
        datetime: '2026-12-05T13:03:32Z',
      },
    })
  })

  it('ignores (does not show) an IMDN it cannot read', async () => {
    const result = await readIncoming('message/imdn+xml', undefined, '<!DOCTYPE x><imdn/>')
    expect(result.kind).toBe('ignored')
  })

  it('unwraps CPIM with its IMDN request', async () => {
    const { contentType, body } = requestReceipts({
      from: 'sip:alice@127.0.0.1',
      to: 'sip:bob@127.0.0.1',
      at: Date.UTC(2026, 11, 5, 13, 0, 0),
      callId: 'sb-1',
      contentType: 'text/plain',
      body: 'Hi Bob',
    })
    expect(await readIncoming(contentType, undefined, body)).toEqual({
      kind: 'message',
      contentType: 'text/plain',
      body: 'Hi Bob',
      imdn: {
        messageId: 'sb-1',
        dateTime: '2026-12-05T13:00:00.000Z',
        delivery: true,
        display: true,
      },
    })
  })

  it('takes a CPIM-wrapped IMDN (RCS style) as a receipt', async () => {
    const cpim = [
      'From: <sip:bob@127.0.0.1>',
      'To: <sip:alice@127.0.0.1>',
      'NS: imdn <urn:ietf:params:imdn>',
      'imdn.Message-ID: n-1',
      '',
      'Content-Type: message/imdn+xml',
      'Content-Disposition: notification',
      '',
      LINPHONE_DELIVERED,
    ].join('\r\n')
    expect((await readIncoming('message/cpim', undefined, cpim)).kind).toBe('receipt')
  })

  it('reads our own receipts', async () => {
    const { contentType, body } = receipt(
      'displayed',
      { messageId: 'sb-1', dateTime: '2026-12-05T13:00:00Z' },
      'sip:bob@127.0.0.1',
    )
    expect(await readIncoming(contentType, undefined, body)).toMatchObject({
      kind: 'receipt',
      notification: { messageId: 'sb-1', status: 'displayed' },
    })
  })

  it('passes plain text through', async () => {
    expect(await readIncoming('text/plain;charset=UTF-8', undefined, 'hello')).toEqual({
      kind: 'message',
      contentType: 'text/plain',
      body: 'hello',
    })
  })

  it('refuses a gzip bomb with an error answer, not a thread item', async () => {
    const bomb = asReceived(await deflate('\0'.repeat(1024 * 1024), 'gzip'))
    expect(await readIncoming('text/plain', 'gzip', bomb)).toMatchObject({
      kind: 'refused',
      statusCode: 400,
    })
  })

  it('refuses a compressed body that arrived as (mangled) text', async () => {
    expect(await readIncoming('message/imdn+xml', 'deflate', 'x\uFFFD\uFFFD')).toMatchObject({
      kind: 'refused',
      statusCode: 400,
    })
  })

  it('refuses a coding it does not know with 415', async () => {
    expect(await readIncoming('text/plain', 'br', 'abc')).toMatchObject({
      kind: 'refused',
      statusCode: 415,
    })
  })

  it('unwraps CPIM that a server store (Kamailio msilo) relabelled text/plain', async () => {
    const { body } = requestReceipts({
      from: 'sip:dave@127.0.0.1',
      to: 'sip:carol@127.0.0.1',
      at: 0,
      callId: 'sb-9',
      contentType: 'text/plain',
      body: 'in order 1',
    })
    expect(await readIncoming('text/plain', undefined, body)).toMatchObject({
      kind: 'message',
      body: 'in order 1',
      imdn: { messageId: 'sb-9' },
    })
    // Text that merely starts like a header stays text.
    const text = 'Note: call me\r\n\r\nlater'
    expect(await readIncoming('text/plain', undefined, text)).toMatchObject({ body: text })
  })
})
