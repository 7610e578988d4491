import { describe, expect, it } from 'vitest'
import { fromVcards, toVcards } from './vcard'

describe('vCard', () => {
  it('round-trips our own export', () => {
    const contacts = [
      { name: 'Alice; Liddell, Jr', address: 'sip:alice@example.com', numbers: ['+44 20 7946 0000'], favourite: true },
      { name: 'Bob', address: 'sip:bob@example.com', numbers: [], favourite: false },
    ]
    const text = toVcards(contacts)
    expect(text).toContain('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alice\\; Liddell\\, Jr')
    expect(fromVcards(text)).toEqual([
      { ...contacts[0], numbers: ['+442079460000'] },
      contacts[1],
    ])
  })

  it.each([
    [
      'vCard 3.0 from a phone (X-SIP, folded line, N only, grouped TEL)',
      'BEGIN:VCARD\nVERSION:3.0\nN:Danvers;Carol;;;\nX-SIP:carol@example.com\nitem1.TEL;TYPE=CELL:+1 555\n 0100\nEND:VCARD\n',
      [{ name: 'Carol Danvers', address: 'sip:carol@example.com', numbers: ['+1 5550100'], favourite: false }],
    ],
    [
      'vCard 4.0 with IMPP and a card with nothing to call (skipped)',
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dave\r\nIMPP:sip:dave@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Nobody\r\nEMAIL:x@y\r\nEND:VCARD\r\n',
      [{ name: 'Dave', address: 'sip:dave@example.com', numbers: [], favourite: false }],
    ],
    ['not a vCard', 'hello', []],
  ])('%s', (_name, text, expected) => {
    expect(fromVcards(text)).toEqual(expected)
  })
})
