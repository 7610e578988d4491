// What people type, contacts hold and links carry → one Address, table-driven, with the real
// numbering plan and with the plain one the renderer uses until libphonenumber has loaded.
import { describe, expect, it } from 'vitest'
import { libphonenumberNumbering } from '../links/libphonenumber'
import { plainNumbering } from '../links/numbering'
import { parseDialLink } from '../links'
import { addressOfTarget, displayAddress, keyOf, keyOfUri, parseAddress } from './index'
import type { AddressContext } from './index'

const context: AddressContext = {
  domain: 'example.com',
  defaultRegion: 'US',
  numbering: libphonenumberNumbering,
}

type Row = [input: string, kind: string, uri: string, key: string, display: string]

describe('parseAddress', () => {
  it.each<Row>([
    ['bob', 'user', 'sip:bob@example.com', 'sip:bob@example.com', 'bob@example.com'],
    ['  bob  ', 'user', 'sip:bob@example.com', 'sip:bob@example.com', 'bob@example.com'],
    ['first.last', 'user', 'sip:first.last@example.com', 'sip:first.last@example.com', 'first.last@example.com'],
    ['1001', 'number', 'sip:1001@example.com', 'sip:1001@example.com', '1001'],
    ['*97', 'number', 'sip:*97@example.com', 'sip:*97@example.com', '*97'],
    ['(201) 555-0123', 'number', 'sip:+12015550123@example.com', 'sip:+12015550123@example.com', '+1 201 555 0123'],
    ['+44 20 7946 0958', 'number', 'sip:+442079460958@example.com', 'sip:+442079460958@example.com', '+44 20 7946 0958'],
    ['+1\u00a0201\u2011555\u20110123', 'number', 'sip:+12015550123@example.com', 'sip:+12015550123@example.com', '+1 201 555 0123'],
    ['tel:+1-201-555-0123', 'number', 'sip:+12015550123@example.com', 'sip:+12015550123@example.com', '+1 201 555 0123'],
    ['bob@Example.COM', 'sip', 'sip:bob@example.com', 'sip:bob@example.com', 'bob@example.com'],
    ['sip:carol@other.org', 'sip', 'sip:carol@other.org', 'sip:carol@other.org', 'carol@other.org'],
    ['SIP:carol@other.org;transport=tls', 'sip', 'sip:carol@other.org;transport=tls', 'sip:carol@other.org', 'carol@other.org'],
    ['sips:carol@other.org:5061', 'sips', 'sips:carol@other.org:5061', 'sips:carol@other.org:5061', 'carol@other.org:5061'],
    ['sip:bob@example.com;maddr=203.0.113.66', 'sip', 'sip:bob@example.com', 'sip:bob@example.com', 'bob@example.com'],
  ])('%j → %s %s (key %s, shown %s)', (input, kind, uri, key, display) => {
    const result = parseAddress(input, context)
    if (!result.ok) throw new Error(`${input}: ${result.code}`)
    expect(result.address.kind === 'sip' ? result.address.scheme : result.address.kind).toBe(kind)
    expect(result.address).toMatchObject({ uri, key, display })
  })

  it.each([
    ['', 'empty', 'empty'],
    ['   ', 'empty', 'empty'],
    ['two words', 'invalid', 'invalid-user'],
    ['a<b', 'invalid', 'invalid-user'],
    ['bob;transport=tcp', 'invalid', 'invalid-user'],
    ['@host', 'invalid', 'invalid-user'],
    ['bob@', 'invalid', 'invalid-host'],
    ['sip:', 'empty', 'empty'],
    ['javascript:alert(1)', 'invalid', 'invalid-user'],
    ['sip:bob@example.com\r\nRoute: <sip:evil>', 'invalid', 'control-characters'],
    ['sip:\u0430lice@example.com', 'invalid', 'non-ascii'],
    ['b\u202eob', 'invalid', 'invalid-user'],
    ['+999 1234', 'invalid', 'invalid-number'],
    [`${'a'.repeat(3000)}`, 'invalid', 'too-long'],
  ])('%j is refused (%s, %s)', (input, error, code) => {
    expect(parseAddress(input, context)).toEqual({ ok: false, error, code })
  })

  it('needs the account domain to complete a user name or number', () => {
    const signedOut = { ...context, domain: '' }
    expect(parseAddress('bob', signedOut)).toMatchObject({ ok: false, code: 'no-domain' })
    expect(parseAddress('1001', signedOut)).toMatchObject({ ok: false, code: 'no-domain' })
    expect(parseAddress('bob@example.com', signedOut).ok).toBe(true)
  })

  it('without the numbering plan keeps national numbers as written and +digits as given', () => {
    const plain = { ...context, numbering: plainNumbering }
    expect(parseAddress('(201) 555-0123', plain)).toMatchObject({
      ok: true,
      address: { uri: 'sip:2015550123@example.com' },
    })
    expect(parseAddress('+1 201 555 0123', plain)).toMatchObject({
      ok: true,
      address: { key: 'sip:+12015550123@example.com' },
    })
  })
})

describe('one peer, one key', () => {
  it('is the same typed, from a contact, from a link and from the network', () => {
    const typed = parseAddress('bob', context)
    const full = parseAddress('sip:bob@EXAMPLE.com;transport=ws', context)
    const link = parseDialLink('sip:bob@example.com?subject=hi', { defaultRegion: 'US' })
    if (!typed.ok || !full.ok || !link.ok) throw new Error('parse failed')
    const linked = addressOfTarget(link.target, 'example.com')
    if (!linked.ok) throw new Error('parse failed')
    const keys = [
      typed.address.key,
      full.address.key,
      linked.address.key,
      keyOfUri('sip:bob@example.com;transport=ws'),
      keyOf({ scheme: 'sip', user: 'bob', host: 'Example.com' }),
    ]
    expect(new Set(keys)).toEqual(new Set(['sip:bob@example.com']))
  })

  it('is the same for a number typed with separators and written E.164', () => {
    const a = parseAddress('(201) 555-0123', context)
    const b = parseAddress('tel:+12015550123', context)
    if (!a.ok || !b.ok) throw new Error('parse failed')
    expect(a.address.key).toBe(b.address.key)
    expect(keyOfUri(a.address.uri)).toBe(a.address.key)
  })
})

describe('keyOfUri', () => {
  it.each([
    ['sip:bob@127.0.0.1', 'sip:bob@127.0.0.1'],
    ['sip:bob@Example.com:5070;transport=ws', 'sip:bob@example.com:5070'],
    ['sips:bob@[2001:db8::10]:5061', 'sips:bob@[2001:db8::10]:5061'],
    ['SIP:bob@host?subject=x', 'sip:bob@host'],
    ['tel:+123', null],
    ['bob', null],
  ])('%j → %j', (uri, key) => {
    expect(keyOfUri(uri)).toBe(key)
  })

  it('displayAddress drops the scheme, parameters and headers', () => {
    expect(displayAddress('sip:bob@127.0.0.1;transport=ws')).toBe('bob@127.0.0.1')
    expect(displayAddress('sips:bob@host?subject=x')).toBe('bob@host')
  })
})

describe('keys stay URIs', () => {
  it.each([
    ['sip:first.last%20x@example.com', 'sip:first.last%20x@example.com'],
    ['sip:alice;day=tuesday@atlanta.com;transport=tcp', 'sip:alice;day=tuesday@atlanta.com'],
    ['sip:alice:secret@atlanta.com', 'sip:alice@atlanta.com'],
    ['sip:conference.example.com', 'sip:@conference.example.com'],
  ])('%j is keyed %j', (input, key) => {
    const result = parseAddress(input, context)
    if (!result.ok) throw new Error(result.code)
    expect(result.address.key).toBe(key)
  })
})
