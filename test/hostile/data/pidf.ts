// NOTIFY bodies: the status and note shown, or 'ignored' (too big; the previous status stands).
import type { ContactStatus } from '@shared/presence/pidf'

export type PidfCase = [
  name: string,
  body: string,
  outcome: { status: ContactStatus; note?: string } | 'ignored',
]

const NS = 'urn:ietf:params:xml:ns:pidf'
const doc = (inner: string, extra = '') =>
  `<?xml version="1.0"?><presence xmlns="${NS}"${extra} entity="sip:bob@example.com">${inner}</presence>`
const open = '<tuple id="t"><status><basic>open</basic></status></tuple>'
const closed = '<tuple id="t"><status><basic>closed</basic></status></tuple>'
const note = (text: string) => doc(`${open}<note>${text}</note>`)
const unknown = { status: 'unknown' } as const

export const pidfCases: PidfCase[] = [
  ['empty body', '', { status: 'offline' }],
  ['open', doc(open), { status: 'available' }],
  ['closed', doc(closed), { status: 'offline' }],
  // Malformed or refused XML: unknown, never a throw.
  ['not XML', 'hello', unknown],
  ['JSON', '{"status":"open"}', unknown],
  ['unclosed root', `<presence xmlns="${NS}">`, unknown],
  ['mismatched tags', `<presence xmlns="${NS}"><a></b></presence>`, unknown],
  ['DOCTYPE', `<!DOCTYPE p [<!ENTITY x "y">]>${doc(open)}`, unknown],
  [
    'billion laughs',
    `<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><presence xmlns="${NS}">&b;</presence>`,
    unknown,
  ],
  ['external entity', `<!DOCTYPE p SYSTEM "file:///etc/passwd">${doc(open)}`, unknown],
  ['undefined entity', note('&nbsp;'), unknown],
  ['unterminated entity', note('&amp'), unknown],
  ['NUL character reference', note('&#0;'), unknown],
  ['surrogate character reference', note('&#xD800;'), unknown],
  ['out-of-range reference', note('&#x110000;'), unknown],
  ['two roots', doc(open) + doc(open), unknown],
  ['text outside root', `x${doc(open)}`, unknown],
  ['undeclared prefix', doc('<x:tuple/>'), unknown],
  ['empty prefix namespace', doc(open, ' xmlns:x=""'), unknown],
  ['duplicate attribute', `<presence xmlns="${NS}" a="1" a="2"/>`, unknown],
  ['< in attribute', `<presence xmlns="${NS}" a="<"/>`, unknown],
  ['unterminated comment', `${doc(open)}<!--`, unknown],
  ['unterminated CDATA', doc(`${open}<note><![CDATA[x</note>`), unknown],
  ['CDATA outside root', `<![CDATA[x]]>${doc(open)}`, unknown],
  ['depth 40', doc('<a>'.repeat(40) + '</a>'.repeat(40)), unknown],
  ['6000 elements', doc('<a/>'.repeat(6000)), unknown],
  [
    '33 attributes',
    `<presence xmlns="${NS}"${Array.from({ length: 33 }, (_, i) => ` a${i}="x"`).join('')}/>`,
    unknown,
  ],
  [
    '1000 namespace declarations (row 6)',
    doc(open, Array.from({ length: 1000 }, (_, i) => ` xmlns:p${i}="u${i}"`).join('')),
    unknown,
  ],
  ['bad element name', `<presence xmlns="${NS}"><1a/></presence>`, unknown],
  ['wrong root namespace', `<presence xmlns="urn:other">${open}</presence>`, unknown],
  // Size.
  ['70 KB', doc(`${open}<note>${'x'.repeat(70_000)}</note>`), 'ignored'],
  ['64 KB of multi-byte text', doc(`${open}<note>${'é'.repeat(33_000)}</note>`), 'ignored'],
  // Notes: control, bidi and invisible characters gone; long ones cut.
  ['note with RLO', note('Lunch \u202e1 ruoh'), { status: 'available', note: 'Lunch 1 ruoh' }],
  [
    'note with isolates',
    note('\u2066in\u2069 a meeting'),
    { status: 'available', note: 'in a meeting' },
  ],
  ['note with ZWSP', note('bu\u200bsy'), { status: 'available', note: 'busy' }],
  ['note with ALM', note('a\u061cb'), { status: 'available', note: 'ab' }],
  [
    'note with newlines',
    note('line 1\nline 2\r\n'),
    { status: 'available', note: 'line 1 line 2' },
  ],
  ['note with tab reference', note('a&#9;b'), { status: 'available', note: 'a b' }],
  ['note with C1 reference', note('a&#x85;b'), { status: 'available', note: 'a b' }],
  ['note with RLO reference', note('a&#x202E;b'), { status: 'available', note: 'ab' }],
  ['note with markup', note('&lt;b&gt;hi&lt;/b&gt;'), { status: 'available', note: '<b>hi</b>' }],
  ['note in CDATA', note('<![CDATA[<script>]]>'), { status: 'available', note: '<script>' }],
  ['long note', note('n'.repeat(500)), { status: 'available', note: `${'n'.repeat(199)}…` }],
  ['blank note', note('   '), { status: 'available', note: '' }],
  // Prefix spellings and shadowing.
  [
    'prefixed root',
    `<p:presence xmlns:p="${NS}" entity="x"><p:tuple id="t"><p:status><p:basic>open</p:basic></p:status></p:tuple></p:presence>`,
    { status: 'available' },
  ],
  ['comments and PIs', doc(`<!-- c -->${open}<?pi x?>`), { status: 'available' }],
  [
    'basic with spaces',
    doc('<tuple id="t"><status><basic> open </basic></status></tuple>'),
    { status: 'available' },
  ],
  [
    'basic unknown word (not open)',
    doc('<tuple id="t"><status><basic>maybe</basic></status></tuple>'),
    { status: 'offline' },
  ],
]
