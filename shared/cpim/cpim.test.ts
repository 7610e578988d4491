import { describe, expect, it } from 'vitest'
import { buildCpim, MAX_CPIM_BYTES, parseCpim } from './cpim'

// Linphone's CPIM (chat rooms with CPIM on: its group and secure rooms, and basic rooms with
// "cpim_in_basic_chat_rooms_enabled"), as liblinphone's CpimChatMessageModifier writes it.
const LINPHONE = [
  'From: <sip:bob@127.0.0.1>',
  'To: <sip:alice@127.0.0.1>',
  'DateTime: 2026-12-05T13:03:32Z',
  'NS: imdn <urn:ietf:params:imdn>',
  'imdn.Message-ID: Qk3zUb0',
  'imdn.Disposition-Notification: positive-delivery, display',
  '',
  'Content-Type: text/plain',
  '',
  'Hello from Linphone',
].join('\r\n')

// RFC 5438 §6 style, another prefix, LF line ends, a charset and a Content-Length.
const RFC = [
  'From: Alice <im:alice@example.com>',
  'To: Bob <im:bob@example.com>',
  'NS: myfeatures <urn:ietf:params:imdn>',
  'myfeatures.Message-ID: 34jk324j',
  'DateTime: 2006-04-04T12:16:49-05:00',
  'myfeatures.Disposition-Notification: positive-delivery, display',
  '',
  'Content-type: text/plain; charset=utf-8',
  'Content-Length: 12',
  '',
  'Hello World\n',
].join('\n')

describe('parseCpim', () => {
  it('reads Linphone’s envelope', () => {
    const result = parseCpim(LINPHONE)
    expect(result.kind).toBe('cpim')
    if (result.kind !== 'cpim') return
    const m = result.message
    expect(m.from).toBe('<sip:bob@127.0.0.1>')
    expect(m.dateTime).toBe('2026-12-05T13:03:32Z')
    expect(m.imdn.get('message-id')).toBe('Qk3zUb0')
    expect(m.imdn.get('disposition-notification')).toBe('positive-delivery, display')
    expect(m.contentType).toBe('text/plain')
    expect(m.body).toBe('Hello from Linphone')
  })

  it('resolves any prefix bound to the IMDN namespace and honours Content-Length', () => {
    const result = parseCpim(RFC)
    expect(result.kind === 'cpim' && result.message.imdn.get('message-id')).toBe('34jk324j')
    expect(result.kind === 'cpim' && result.message.body).toBe('Hello World\n')
    expect(result.kind === 'cpim' && result.message.contentType).toBe('text/plain')
  })

  it('ignores IMDN-looking headers whose prefix names no IMDN namespace', () => {
    const spoof = LINPHONE.replace('NS: imdn <urn:ietf:params:imdn>', 'NS: imdn <urn:other>')
    const result = parseCpim(spoof)
    expect(result.kind === 'cpim' && result.message.imdn.size).toBe(0)
  })

  it.each([
    ['no blank line', 'From: <sip:a@b>\r\nTo: <sip:c@d>'],
    ['no content type', 'From: <sip:a@b>\r\n\r\nX-Thing: 1\r\n\r\nhi'],
    ['a broken header line', 'From <sip:a@b>\r\n\r\nContent-Type: text/plain\r\n\r\nhi'],
    ['too many headers', `${'X-A: 1\r\n'.repeat(100)}\r\nContent-Type: text/plain\r\n\r\nhi`],
    [
      'oversize',
      `From: <sip:a@b>\r\n\r\nContent-Type: text/plain\r\n\r\n${'x'.repeat(MAX_CPIM_BYTES)}`,
    ],
  ])('refuses %s', (_name, text) => {
    expect(parseCpim(text).kind).toBe('refused')
  })
})

describe('buildCpim', () => {
  it('writes what Linphone reads, and our parser reads it back', () => {
    const text = buildCpim({
      from: 'sip:alice@127.0.0.1',
      to: 'sip:bob@127.0.0.1',
      dateTime: '2026-12-05T13:03:32Z',
      imdn: [
        ['Message-ID', 'abc'],
        ['Disposition-Notification', 'positive-delivery, display'],
      ],
      contentType: 'text/plain;charset=UTF-8',
      body: 'Grüße',
    })
    expect(text).toContain('NS: imdn <urn:ietf:params:imdn>\r\n')
    expect(text).toContain('Content-Length: 7\r\n')
    const result = parseCpim(text)
    expect(result.kind).toBe('cpim')
    if (result.kind !== 'cpim') return
    expect(result.message.body).toBe('Grüße')
    expect(result.message.imdn.get('disposition-notification')).toBe('positive-delivery, display')
  })
})
