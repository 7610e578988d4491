// vCard files: the contacts read from them (name, address, numbers), or none.
export interface CardOutcome {
  name: string
  address: string
  numbers: string[]
}
export type VcardCase = [name: string, text: string, contacts: CardOutcome[]]

const card = (...lines: string[]) =>
  ['BEGIN:VCARD', 'VERSION:4.0', ...lines, 'END:VCARD', ''].join('\r\n')
const one = (name: string, address: string, numbers: string[] = []): CardOutcome[] => [
  { name, address, numbers },
]

export const vcardCases: VcardCase[] = [
  ['plain', card('FN:Bob', 'IMPP:sip:bob@example.com'), one('Bob', 'sip:bob@example.com')],
  ['no address or number', card('FN:Nobody'), []],
  ['no BEGIN', 'FN:Bob\r\nTEL:1\r\nEND:VCARD', []],
  ['no END', 'BEGIN:VCARD\r\nFN:Bob\r\nTEL:1', []],
  ['empty', '', []],
  ['binary junk', '\u0000\u0001\u0002BEGIN', []],
  ['FN with RLO', card('FN:Bob \u202eevil', 'TEL:1'), one('Bob evil', '', ['1'])],
  ['FN with escaped newline', card('FN:Bob\\nSmith', 'TEL:1'), one('Bob Smith', '', ['1'])],
  ['FN with raw CR', card('FN:Bob\rSmith', 'TEL:1'), one('Bob', '', ['1'])],
  ['FN with ZWSP and BOM', card('FN:\ufeffB\u200bob', 'TEL:1'), one('Bob', '', ['1'])],
  ['FN with isolates', card('FN:\u2066Bob\u2069', 'TEL:1'), one('Bob', '', ['1'])],
  ['FN 500 chars', card(`FN:${'x'.repeat(500)}`, 'TEL:1'), one('x'.repeat(200), '', ['1'])],
  ['FN with NUL', card('FN:Bo\u0000b', 'TEL:1'), one('Bo b', '', ['1'])],
  ['N fallback', card('N:Smith;Bob;;;', 'TEL:1'), one('Bob Smith', '', ['1'])],
  ['TEL 4.9 MB', card('FN:Big', `TEL:${'5'.repeat(4_900_000)}`), []],
  ['TEL 65 chars', card('FN:A', `TEL:${'5'.repeat(65)}`, 'TEL:2'), one('A', '', ['2'])],
  ['TEL with RLO', card('FN:A', 'TEL:+1\u202e555', 'TEL:2'), one('A', '', ['2'])],
  ['TEL uri', card('FN:A', 'TEL;VALUE=uri:tel:+15550100'), one('A', '', ['+15550100'])],
  [
    '25 numbers kept to 20',
    card('FN:A', ...Array.from({ length: 25 }, (_, i) => `TEL:${i}`)),
    one(
      'A',
      '',
      Array.from({ length: 20 }, (_, i) => String(i)),
    ),
  ],
  [
    'address 300 chars',
    card('FN:A', `IMPP:sip:${'a'.repeat(300)}@x.example`, 'TEL:1'),
    one('A', '', ['1']),
  ],
  ['address with ZWSP', card('FN:A', 'IMPP:sip:b\u200bob@x.example', 'TEL:1'), one('A', '', ['1'])],
  ['address javascript:', card('FN:A', 'URL:javascript:alert(1)', 'TEL:1'), one('A', '', ['1'])],
  ['X-SIP bare', card('FN:A', 'X-SIP:bob@x.example'), one('A', 'sip:bob@x.example')],
  ['grouped property', card('FN:A', 'item1.IMPP:sip:a@x.example'), one('A', 'sip:a@x.example')],
  ['folded FN', 'BEGIN:VCARD\r\nFN:Bo\r\n b\r\nTEL:1\r\nEND:VCARD', one('Bob', '', ['1'])],
  ['LF only', 'BEGIN:VCARD\nFN:Bob\nTEL:1\nEND:VCARD', one('Bob', '', ['1'])],
  ['nested BEGIN restarts', card('FN:A', 'BEGIN:VCARD', 'FN:B', 'TEL:2'), one('B', '', ['2'])],
  ['over 5 MB', card('FN:A', 'TEL:1') + ' '.repeat(5 * 1024 * 1024), []],
  [
    'first address wins',
    card('FN:A', 'IMPP:sip:a@x.example', 'IMPP:sip:b@x.example'),
    one('A', 'sip:a@x.example'),
  ],
  ['lower-case keys', card('fn:Bob', 'tel:1'), one('Bob', '', ['1'])],
]
