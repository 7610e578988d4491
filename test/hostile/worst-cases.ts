// Inputs built to be as expensive as possible for each parser, at a given size. The tests count
// the parsers' work on them; `npm run bench` (bench/parsers.ts) times them at 64 KB and 1 MB.

const PIDF_NS = 'urn:ietf:params:xml:ns:pidf'

/** Fill `bytes` with `unit` repeated, between `head` and `tail`. */
function fill(head: string, unit: string, tail: string, bytes: number): string {
  const room = Math.max(0, bytes - head.length - tail.length)
  return head + unit.repeat(Math.floor(room / unit.length)) + tail
}

export interface WorstCase {
  name: string
  make: (bytes: number) => string
}

/**
 * PIDF/XML shapes: the one behind issue 10 row 6 (many namespace declarations, then many
 * elements that each had to copy them), the same within the caps (declarations spread over
 * nested elements, every element looking a prefix up through the chain), deep nesting, long
 * attribute lists, entity-heavy text.
 */
export const pidfWorstCases: WorstCase[] = [
  {
    name: 'declarations then elements (row 6)',
    make: (bytes) => {
      const decls = Array.from({ length: 1000 }, (_, i) => ` xmlns:p${i}="urn:x:${i}"`).join('')
      return fill(`<presence xmlns="${PIDF_NS}"${decls}>`, '<a/>', '</presence>', bytes)
    },
  },
  {
    name: 'capped declarations, deep prefix lookups',
    make: (bytes) => {
      const level = (n: number) =>
        `<l${n}${Array.from({ length: 31 }, (_, i) => ` xmlns:q${n}x${i}="urn:q:${n}:${i}"`).join('')}>`
      const head = `<presence xmlns="${PIDF_NS}" xmlns:p="urn:p">${[0, 1, 2].map(level).join('')}`
      return fill(head, '<p:a p:b="1"/>', '</l2></l1></l0></presence>', bytes)
    },
  },
  {
    name: 'nesting to the depth limit, repeated',
    make: (bytes) =>
      fill(
        `<presence xmlns="${PIDF_NS}">`,
        `${'<a>'.repeat(30)}${'</a>'.repeat(30)}`,
        '</presence>',
        bytes,
      ),
  },
  {
    name: 'character references in text',
    make: (bytes) =>
      fill(`<presence xmlns="${PIDF_NS}"><note>`, '&#x202E;&amp;', '</note></presence>', bytes),
  },
  {
    name: 'unterminated comment',
    make: (bytes) => fill(`<presence xmlns="${PIDF_NS}"><!--`, '-- ', '', bytes),
  },
]

export const vcardWorstCases: WorstCase[] = [
  {
    name: 'one huge TEL (row 14)',
    make: (bytes) =>
      fill('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Big\r\nTEL:', '5', '\r\nEND:VCARD\r\n', bytes),
  },
  {
    name: 'folded lines',
    make: (bytes) => fill('BEGIN:VCARD\r\nFN:Fold', '\r\n x', '\r\nTEL:1\r\nEND:VCARD\r\n', bytes),
  },
  {
    name: 'many tiny cards',
    make: (bytes) => fill('', 'BEGIN:VCARD\r\nTEL:1\r\nEND:VCARD\r\n', '', bytes),
  },
  {
    name: 'escapes in FN',
    make: (bytes) =>
      fill('BEGIN:VCARD\r\nFN:', '\\n\\,\u202e', '\r\nTEL:1\r\nEND:VCARD\r\n', bytes),
  },
]

export const linkWorstCases: WorstCase[] = [
  { name: 'inner spaces (row 2)', make: (bytes) => fill('sip:', ' ', 'x', bytes) },
  {
    name: 'surrounding spaces',
    make: (bytes) => fill(' '.repeat(bytes >> 1) + 'sip:a@b.c', ' ', '', bytes),
  },
  { name: 'parameters', make: (bytes) => fill('sip:bob@example.com', ';a=1', '', bytes) },
  { name: 'percent escapes', make: (bytes) => fill('sip:', '%41', '@example.com', bytes) },
]

export const chatWorstCases: WorstCase[] = [
  { name: 'links back to back', make: (bytes) => fill('', 'https://a.example/ ', '', bytes) },
  { name: 'bidi and invisible characters', make: (bytes) => fill('', '\u202e\u200bx', '', bytes) },
]
