import { describe, expect, it } from 'vitest'
import { contentCodings, decodeContent, MAX_INFLATED_BYTES } from './content-encoding'
import { readImdn } from './imdn'

async function compress(
  bytes: Uint8Array,
  format: 'gzip' | 'deflate' | 'deflate-raw',
): Promise<Uint8Array> {
  const stream = new CompressionStream(format)
  const writer = stream.writable.getWriter()
  void writer.write(new Uint8Array(bytes))
  void writer.close()
  return new Uint8Array(await new Response(stream.readable).arrayBuffer())
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
const LINPHONE_DELIVERED =
  '<?xml version="1.0" encoding="UTF-8" standalone="no" ?><imdn xmlns="urn:ietf:params:xml:ns:imdn">' +
  '<message-id>CGZJ5~7Qua</message-id><datetime>2026-12-05T13:03:32Z</datetime>' +
  '<delivery-notification><status><delivered/></status></delivery-notification></imdn>'

describe('contentCodings', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['identity', []],
    ['Deflate', ['deflate']],
    ['gzip, deflate', ['gzip', 'deflate']],
  ])('%s', (header, codings) => {
    expect(contentCodings(header)).toEqual(codings)
  })
})

describe('decodeContent', () => {
  it('inflates a deflated IMDN as Linphone sends it (zlib-wrapped, 256 -> ~184 bytes)', async () => {
    const deflated = await compress(new TextEncoder().encode(LINPHONE_DELIVERED), 'deflate')
    expect(deflated[0]).toBe(0x78) // the "x" Linphone's log shows
    const result = await decodeContent(deflated, 'deflate')
    expect(result.kind).toBe('ok')
    if (result.kind !== 'ok') return
    expect(readImdn(text(result.bytes))).toMatchObject({ notification: { status: 'delivered' } })
  })

  it.each(['gzip', 'deflate-raw'] as const)('inflates %s', async (format) => {
    const packed = await compress(new TextEncoder().encode('hello'), format)
    const header = format === 'gzip' ? 'gzip' : 'deflate'
    const result = await decodeContent(packed, header)
    expect(result.kind === 'ok' && text(result.bytes)).toBe('hello')
  })

  it('undoes stacked codings in reverse order', async () => {
    const once = await compress(new TextEncoder().encode('twice'), 'deflate')
    const twice = await compress(once, 'gzip')
    const result = await decodeContent(twice, 'deflate, gzip')
    expect(result.kind === 'ok' && text(result.bytes)).toBe('twice')
  })

  it('passes a body with no coding through', async () => {
    const bytes = new TextEncoder().encode('plain')
    expect(await decodeContent(bytes, undefined)).toEqual({ kind: 'ok', bytes })
  })

  it('refuses a gzip bomb past the 10 MB inflate limit, cleanly', async () => {
    // 12 MB of zeros packs into ~12 kB.
    const bomb = await compress(new Uint8Array(12 * 1024 * 1024), 'gzip')
    expect(bomb.length).toBeLessThan(64 * 1024)
    const result = await decodeContent(bomb, 'gzip')
    expect(result).toEqual({
      kind: 'refused',
      reason: `inflates to more than ${MAX_INFLATED_BYTES} bytes`,
    })
  })

  it('never raises its limit above 10 MB, and a caller can lower it', async () => {
    const bomb = await compress(new Uint8Array(11 * 1024 * 1024), 'deflate')
    expect((await decodeContent(bomb, 'deflate', 100 * MAX_INFLATED_BYTES)).kind).toBe('refused')
    const small = await compress(new Uint8Array(70_000), 'deflate')
    expect(await decodeContent(small, 'deflate', 65_536)).toMatchObject({ kind: 'refused' })
  })

  it.each([
    ['garbage as gzip', new Uint8Array([1, 2, 3, 4]), 'gzip'],
    ['garbage as deflate', new TextEncoder().encode('not deflated at all'), 'deflate'],
    ['an unknown coding', new Uint8Array([1]), 'br'],
  ])('refuses %s', async (_name, bytes, header) => {
    expect((await decodeContent(bytes, header)).kind).toBe('refused')
  })

  it('refuses a truncated stream', async () => {
    const packed = await compress(new TextEncoder().encode('x'.repeat(1000)), 'gzip')
    expect((await decodeContent(packed.slice(0, packed.length - 6), 'gzip')).kind).toBe('refused')
  })
})
