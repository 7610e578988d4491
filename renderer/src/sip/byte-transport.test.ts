import { describe, expect, it } from 'vitest'
import { bodyBytes, decodeSipFrame } from './byte-transport'

const enc = new TextEncoder()
function frame(head: string, body: Uint8Array): Uint8Array {
  const h = enc.encode(head)
  const out = new Uint8Array(h.length + body.length)
  out.set(h)
  out.set(body, h.length)
  return out
}

describe('decodeSipFrame', () => {
  it('decodes a UTF-8 frame as UTF-8', () => {
    const text = 'MESSAGE sip:a@b SIP/2.0\r\nFrom: "Zoë" <sip:z@b>\r\nContent-Length: 6\r\n\r\nGrüß'
    expect(decodeSipFrame(enc.encode(text))).toBe(text)
  })

  it('keeps a binary body byte for byte, with the head still UTF-8', () => {
    const body = new Uint8Array([0x78, 0x9c, 0xff, 0x00, 0x80, 0xc3])
    const head = 'MESSAGE sip:a@b SIP/2.0\r\nFrom: "Zoë" <sip:z@b>\r\nContent-Length: 6\r\n\r\n'
    const text = decodeSipFrame(frame(head, body))
    expect(text.startsWith(head)).toBe(true)
    const back = bodyBytes(text.slice(head.length))
    expect(back).toEqual(body)
  })
})

describe('bodyBytes', () => {
  it('is null for text beyond Latin-1 (the body was decoded as text)', () => {
    expect(bodyBytes('x\uFFFDy')).toBeNull()
  })
})
