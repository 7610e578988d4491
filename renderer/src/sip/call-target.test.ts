import { describe, expect, it } from 'vitest'
import { displayAddress, toCallTarget } from './call-target'

describe('toCallTarget', () => {
  it.each([
    ['bob', 'sip:bob@example.com'],
    ['  bob  ', 'sip:bob@example.com'],
    ['1001', 'sip:1001@example.com'],
    ['+44 (20) 7946-0000', 'sip:+442079460000@example.com'],
    ['sip:carol@other.org', 'sip:carol@other.org'],
    ['SIP:carol@other.org', 'sip:carol@other.org'],
    ['sips:carol@other.org;transport=tls', 'sips:carol@other.org;transport=tls'],
    ['tel:+15551234', 'tel:+15551234'],
    ['dave@other.org', 'sip:dave@other.org'],
  ])('%j → %s', (input, uri) => {
    expect(toCallTarget(input, 'example.com')).toEqual({ ok: true, uri })
  })

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['two words', 'invalid'],
    ['sip:', 'invalid'],
    ['@host', 'invalid'],
    ['a<b', 'invalid'],
  ])('%j is refused (%s)', (input, error) => {
    expect(toCallTarget(input, 'example.com')).toEqual({ ok: false, error })
  })
})

describe('displayAddress', () => {
  it('drops the scheme and parameters', () => {
    expect(displayAddress('sip:bob@127.0.0.1;transport=ws')).toBe('bob@127.0.0.1')
  })
})
