// Real-world links, table-driven: the RFCs' own examples, numbers as several countries write
// them, and malformed and hostile links. Each row: link, default region, and either what will be
// dialed or the error code.
import { describe, expect, it } from 'vitest'
import { dialSchemeOf, parseDialLink } from './index'
import { trimSpaces } from './parse-link'
import type { DialTarget } from './index'

type Row = [link: string, region: string, dial: string]
type ErrorRow = [link: string, code: string]

function dialOf(link: string, region = ''): string {
  const result = parseDialLink(link, { defaultRegion: region })
  if (!result.ok) throw new Error(`${link}: ${result.error.code} ${result.error.message}`)
  return result.target.dial
}

function targetOf(link: string, region = ''): DialTarget {
  const result = parseDialLink(link, { defaultRegion: region })
  if (!result.ok) throw new Error(`${link}: ${result.error.code}`)
  return result.target
}

describe('RFC 3261 §19.1.3 sip: and sips: examples', () => {
  it.each<Row>([
    ['sip:alice@atlanta.com', '', 'sip:alice@atlanta.com'],
    // The password is deprecated by the RFC and never dialed or kept.
    ['sip:alice:secretword@atlanta.com;transport=tcp', '', 'sip:alice@atlanta.com;transport=tcp'],
    [
      'sips:alice@atlanta.com?subject=project%20x&priority=urgent',
      '',
      'sips:alice@atlanta.com?subject=project%20x&priority=urgent',
    ],
    [
      'sip:+1-212-555-1212:1234@gateway.com;user=phone',
      '',
      'sip:+12125551212@gateway.com;user=phone',
    ],
    ['sips:1212@gateway.com', '', 'sips:1212@gateway.com'],
    ['sip:alice@192.0.2.4', '', 'sip:alice@192.0.2.4'],
    // method=REGISTER and a To header must not turn a click into a registration.
    ['sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com', '', 'sip:atlanta.com'],
    ['sip:alice;day=tuesday@atlanta.com', '', 'sip:alice;day=tuesday@atlanta.com'],
    // RFC 3261 §19.1.4 comparison examples.
    ['sip:%61lice@atlanta.com;transport=TCP', '', 'sip:alice@atlanta.com;transport=TCP'],
    ['sip:carol@chicago.com;security=on', '', 'sip:carol@chicago.com;security=on'],
    [
      'sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com',
      '',
      'sip:biloxi.com;transport=tcp',
    ],
    ['sip:alice@AtLanTa.CoM;Transport=tcp', '', 'sip:alice@atlanta.com;transport=tcp'],
  ])('%s (%s) dials %s', (link, region, dial) => {
    expect(dialOf(link, region)).toBe(dial)
  })
})

describe('sip: links seen in the wild', () => {
  it.each<Row>([
    ['SIP:Bob@Example.COM', '', 'sip:Bob@example.com'],
    ['sip:bob@example.com:5061', '', 'sip:bob@example.com:5061'],
    ['sip:bob@[2001:db8::10]:5070;transport=tls', '', 'sip:bob@[2001:db8::10]:5070;transport=tls'],
    ['sip:conference@pbx.example.org;lr', '', 'sip:conference@pbx.example.org'],
    ['sip:bob@example.com;maddr=203.0.113.66', '', 'sip:bob@example.com'],
    ['sip://bob@example.com', '', 'sip:bob@example.com'],
    ['sip:bob@example.com.', '', 'sip:bob@example.com'],
    ['sip:first.last%20x@example.com', '', 'sip:first.last%20x@example.com'],
    ['sip:+4930901820@gw.example.de;user=phone', '', 'sip:+4930901820@gw.example.de;user=phone'],
    ['sip:1234', '', '1234'],
    ['sip:+1-201-555-0123', '', '+12015550123'],
    ['sip:xn--bcher-kva.example@example.com', '', 'sip:xn--bcher-kva.example@example.com'],
  ])('%s (%s) dials %s', (link, region, dial) => {
    expect(dialOf(link, region)).toBe(dial)
  })
})

describe('RFC 3966 tel: examples and forms', () => {
  it.each<Row>([
    ['tel:+1-201-555-0123', '', '+12015550123'],
    ['tel:7042;phone-context=example.com', '', '7042'],
    ['tel:863-1234;phone-context=+1-914-555', '', '8631234'],
    ['tel:+1-201-555-0123;ext=1234', '', '+12015550123'],
    ['tel:+1.201.555.0123', '', '+12015550123'],
    ['tel:+1(201)555-0123', '', '+12015550123'],
    ['TEL:+12015550123', '', '+12015550123'],
    ['tel://+12015550123', '', '+12015550123'],
    ['tel:+1%20201%20555%200123', '', '+12015550123'],
    ['tel:+1-201-555-0123;isub=4321', '', '+12015550123'],
    ['tel:5550123;phone-context=+1-201', '', '+12015550123'],
    ['tel:*97', '', '*97'],
    ['tel:911', 'US', '911'],
    ['tel:112', 'DE', '112'],
    ['tel:1234', 'US', '1234'],
  ])('%s (%s) dials %s', (link, region, dial) => {
    expect(dialOf(link, region)).toBe(dial)
  })
})

describe('numbers as several countries write them', () => {
  it.each<Row>([
    ['tel:(201) 555-0123', 'US', '+12015550123'],
    ['tel:201.555.0123', 'US', '+12015550123'],
    ['tel:1-800-555-0199', 'US', '+18005550199'],
    ['tel:011 44 20 7946 0958', 'US', '+442079460958'],
    ['tel:+44 20 7946 0958', '', '+442079460958'],
    ['tel:020 7946 0958', 'GB', '+442079460958'],
    ['tel:07700 900123', 'GB', '+447700900123'],
    ['tel:+49 30 901820', '', '+4930901820'],
    ['tel:030 901820', 'DE', '+4930901820'],
    ['tel:0151 23456789', 'DE', '+4915123456789'],
    ['tel:00 33 1 42 68 53 00', 'DE', '+33142685300'],
    ['tel:01 42 68 53 00', 'FR', '+33142685300'],
    ['tel:+81-3-1234-5678', '', '+81312345678'],
    ['tel:03-1234-5678', 'JP', '+81312345678'],
    ['tel:+61 2 9876 5432', '', '+61298765432'],
    ['tel:+91 98765 43210', '', '+919876543210'],
    ['tel:+55 11 91234-5678', '', '+5511912345678'],
    ['tel:(11) 91234-5678', 'BR', '+5511912345678'],
    // Copy-paste from a web page: non-breaking hyphens and spaces.
    ['tel:+1\u00a0201\u2011555\u20110123', '', '+12015550123'],
    // Without a default region a national number is dialed as written.
    ['tel:020 7946 0958', '', '02079460958'],
    ['tel:020 7946 0958', 'ZZ', '02079460958'],
  ])('%s (%s) dials %s', (link, region, dial) => {
    expect(dialOf(link, region)).toBe(dial)
  })
})

describe('callto: forms', () => {
  it.each<Row>([
    ['callto:+15551234567', '', '+15551234567'],
    ['callto://+15551234567/', '', '+15551234567'],
    ['callto:+44 20 7946 0958?call', '', '+442079460958'],
    ['callto:alice@example.com', '', 'sip:alice@example.com'],
    ['callto://alice@example.com', '', 'sip:alice@example.com'],
    ['callto:sip:alice@example.com', '', 'sip:alice@example.com'],
    ['callto:tel:+12015550123', '', '+12015550123'],
    ['callto:2015550123', 'US', '+12015550123'],
  ])('%s (%s) dials %s', (link, region, dial) => {
    expect(dialOf(link, region)).toBe(dial)
  })
})

describe('malformed and hostile links dial nothing', () => {
  it.each<ErrorRow>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['sip:', 'empty'],
    ['tel://', 'empty'],
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['JavaScript:alert(document.cookie)//sip:bob@example.com', 'unsupported-scheme'],
    ['data:text/html,<script>alert(1)</script>', 'unsupported-scheme'],
    ['https://example.com/?sip:bob@example.com', 'unsupported-scheme'],
    ['file:///etc/passwd', 'unsupported-scheme'],
    ['bob@example.com', 'unsupported-scheme'],
    ['skype:echo123?call', 'unsupported-scheme'],
    // CRLF and header injection, raw and escaped.
    ['sip:bob@example.com\r\nRoute: <sip:evil.example>', 'control-characters'],
    ['sip:bob@example.com?subject=hi%0D%0ARoute:%20%3Csip:evil.example%3E', 'control-characters'],
    ['sip:bob%0d%0aVia:%20x@example.com', 'control-characters'],
    ['tel:+1201555%0A0123', 'control-characters'],
    ['sip:bob@example.com;transport=tcp%0d%0aX: y', 'invalid-parameter'],
    ['sip:bob@example.com\u0000.evil', 'control-characters'],
    ['tel:+12015550123\t', 'control-characters'],
    // Over-long.
    [`sip:${'a'.repeat(3000)}@example.com`, 'too-long'],
    [`sip:${'a'.repeat(300)}@example.com`, 'invalid-user'],
    [`tel:+${'1'.repeat(40)}`, 'invalid-number'],
    // Unicode look-alikes and bidi tricks.
    ['sip:alice@ex\u0430mple.com', 'non-ascii'],
    ['sip:\u0430lice@example.com', 'non-ascii'],
    ['sip:alice%D0%B0@example.com', 'non-ascii'],
    ['sip:bob@example.com\u202emoc.live', 'control-characters'],
    ['tel:+1\uff12\uff10\uff11\uff15\uff15\uff15\uff10\uff11\uff12\uff13', 'non-ascii'],
    // Malformed.
    ['sip:bob@', 'invalid-host'],
    ['sip:bob@exa mple.com', 'invalid-host'],
    ['sip:bob@-example.com', 'invalid-host'],
    ['sip:bob@256.1.1.1', 'invalid-host'],
    ['sip:bob@[zz::1]', 'invalid-host'],
    ['sip:bob@example.com:0', 'invalid-port'],
    ['sip:bob@example.com:70000', 'invalid-port'],
    ['sip:bob@example.com:50a', 'invalid-port'],
    ['sip:<bob>@example.com', 'invalid-user'],
    ['sip:bob%zz@example.com', 'bad-escape'],
    ['sip:bob@example.com;transport=tcp;transport=udp', 'invalid-parameter'],
    ['tel:+1-201-555-0123;ext=12;ext=34', 'invalid-parameter'],
    ['tel:+1-201-555-0123;ext=abc', 'invalid-number'],
    ['tel:+', 'invalid-number'],
    ['tel:+999 1234', 'invalid-number'],
    ['tel:call-me-maybe', 'invalid-number'],
    ['tel:1234;phone-context=<script>', 'invalid-parameter'],
    ['callto:echo123', 'unsupported-target'],
  ])('%j → %s', (link, code) => {
    const result = parseDialLink(link, { defaultRegion: 'US' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe(code)
  })

  it('never echoes the link in an error message', () => {
    const result = parseDialLink('sip:alice:hunter2@example.com\r\n', { defaultRegion: '' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).not.toContain('hunter2')
  })

  it('refuses what is not a string', () => {
    expect(parseDialLink(undefined, { defaultRegion: '' }).ok).toBe(false)
    expect(parseDialLink({ toString: () => 'sip:a@b.c' }, { defaultRegion: '' }).ok).toBe(false)
  })
})

describe('what the target says', () => {
  it('keeps only safe headers and lists what it dropped', () => {
    const target = targetOf(
      'sip:bob@example.com;method=INVITE?Subject=Lunch&Replaces=abc%3Bto-tag%3D1&Route=%3Csip:evil%3E&body=hi',
    )
    expect(target).toMatchObject({
      kind: 'sip',
      dial: 'sip:bob@example.com?subject=Lunch',
      headers: { subject: 'Lunch' },
      dropped: ['param:method', 'header:replaces', 'header:route', 'header:body'],
    })
  })

  it('gives the parts of a SIP address', () => {
    expect(targetOf('sips:bob@Example.com:5061;transport=tls')).toEqual({
      kind: 'sip',
      dial: 'sips:bob@example.com:5061;transport=tls',
      display: 'sips:bob@example.com:5061;transport=tls',
      scheme: 'sips',
      user: 'bob',
      host: 'example.com',
      port: 5061,
      params: { transport: 'tls' },
      headers: {},
      dropped: [],
    })
  })

  it('drops the password and never shows it', () => {
    const target = targetOf('sip:alice:hunter2@example.com')
    expect(JSON.stringify(target)).not.toContain('hunter2')
    expect(target.dropped).toEqual(['password'])
  })

  it('formats numbers internationally, with the extension apart', () => {
    expect(targetOf('tel:+1-201-555-0123;ext=1234')).toEqual({
      kind: 'number',
      dial: '+12015550123',
      display: '+1 201 555 0123 ext. 1234',
      international: true,
      region: 'US',
      extension: '1234',
      context: null,
      dropped: [],
    })
  })

  it('shows the context of a local number it could not make global', () => {
    expect(targetOf('tel:7042;phone-context=Example.com')).toMatchObject({
      dial: '7042',
      display: '7042 (example.com)',
      international: false,
      context: 'example.com',
    })
  })
})

describe('dialSchemeOf', () => {
  it.each([
    ['sip:a@b.c', 'sip'],
    ['SIPS:a@b.c', 'sips'],
    [' tel:+1', 'tel'],
    ['callto:x', 'callto'],
    ['--inspect', null],
    ['https://x', null],
    ['C:\\Program Files\\Switchboard', null],
  ])('%j → %s', (value, scheme) => {
    expect(dialSchemeOf(value)).toBe(scheme)
  })
})

// Issue 10 row 2: the trim ran before the length check with a quadratic `/ +$/`.
describe('huge links', () => {
  it.each([
    ['1 MB of inner spaces', `sip:${' '.repeat(1_048_576)}x`],
    [
      '1 MB of surrounding spaces',
      `${' '.repeat(524_288)}sip:bob@example.com${' '.repeat(524_288)}`,
    ],
    ['128 KiB argv entry', `tel:+1${' '.repeat(131_072)}5`],
  ])('refuses %s as too long without trimming it first', (_name, link) => {
    const result = parseDialLink(link, { defaultRegion: '' })
    expect(result.ok ? 'ok' : result.error.code).toBe('too-long')
  })

  it('trims in one pass from each end', () => {
    expect(trimSpaces(`  sip:a@b${' '.repeat(1000)}c  `)).toBe(`sip:a@b${' '.repeat(1000)}c`)
    expect(trimSpaces(' '.repeat(1_048_576))).toBe('')
  })
})

// Issue 10 row 18: parameter names that are also Object.prototype members were "twice".
describe('parameters named like object members', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    ';%s is a parameter like any other',
    (name) => {
      const target = targetOf(`sip:bob@example.com;${name}=1`)
      expect(target.dial).toBe(`sip:bob@example.com;${name.toLowerCase()}=1`)
      if (target.kind !== 'sip') throw new Error('not sip')
      expect(Object.prototype.hasOwnProperty.call(target.params, name.toLowerCase())).toBe(true)
    },
  )

  it('still refuses a real duplicate', () => {
    const result = parseDialLink('sip:bob@example.com;constructor;constructor', {
      defaultRegion: '',
    })
    expect(result.ok ? 'ok' : result.error.code).toBe('invalid-parameter')
  })
})
