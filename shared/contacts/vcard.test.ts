import { describe, expect, it } from 'vitest'
import { fromVcards, readVcardFile, toVcards } from './vcard'

describe('vCard', () => {
  it('round-trips our own export', () => {
    const contacts = [
      {
        name: 'Alice; Liddell, Jr',
        address: 'sip:alice@example.com',
        numbers: ['+44 20 7946 0000'],
        favourite: true,
      },
      { name: 'Bob', address: 'sip:bob@example.com', numbers: [], favourite: false },
    ]
    const text = toVcards(contacts)
    expect(text).toContain('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alice\\; Liddell\\, Jr')
    expect(fromVcards(text)).toEqual([{ ...contacts[0], numbers: ['+442079460000'] }, contacts[1]])
  })

  it.each([
    [
      'vCard 3.0 from a phone (X-SIP, folded line, N only, grouped TEL)',
      'BEGIN:VCARD\nVERSION:3.0\nN:Danvers;Carol;;;\nX-SIP:carol@example.com\nitem1.TEL;TYPE=CELL:+1 555\n 0100\nEND:VCARD\n',
      [
        {
          name: 'Carol Danvers',
          address: 'sip:carol@example.com',
          numbers: ['+1 5550100'],
          favourite: false,
        },
      ],
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

// Issue 10 row 14: a card file is foreign input.
describe('hostile cards', () => {
  const card = (...lines: string[]) =>
    ['BEGIN:VCARD', 'VERSION:4.0', ...lines, 'END:VCARD'].join('\r\n')

  it('drops a 4.9 MB TEL instead of storing it', () => {
    const [contact] = fromVcards(card('FN:Big', 'TEL:1', `TEL:${'5'.repeat(4_900_000)}`))
    expect(contact?.numbers).toEqual(['1'])
  })

  it('drops an overlong or hiding address', () => {
    expect(
      fromVcards(card('FN:A', `IMPP:sip:${'a'.repeat(300)}@x.example`, 'TEL:1'))[0]?.address,
    ).toBe('')
    expect(fromVcards(card('FN:A', 'IMPP:sip:bob@x.example\u202e', 'TEL:1'))[0]?.address).toBe('')
  })

  it('keeps names on one line without bidi or invisible characters', () => {
    expect(fromVcards(card('FN:Bob\\nSmith\u202e\u200b', 'TEL:1'))[0]?.name).toBe('Bob Smith')
    expect(fromVcards(card('N:\u2066Smith;Bob', 'TEL:1'))[0]?.name).toBe('Bob Smith')
    expect(fromVcards(card(`FN:${'x'.repeat(500)}`, 'TEL:1'))[0]?.name).toHaveLength(200)
  })

  it('checks a file’s size before reading it', async () => {
    let read = false
    const huge = {
      size: 6 * 1024 * 1024,
      text: async () => {
        read = true
        return ''
      },
    }
    expect(await readVcardFile(huge)).toMatchObject({ ok: false, error: 'too-big' })
    expect(read).toBe(false)
    const small = { size: 40, text: async () => card('FN:A', 'TEL:1') }
    expect(await readVcardFile(small)).toMatchObject({ ok: true, contacts: [{ name: 'A' }] })
  })
})
