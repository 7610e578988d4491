// Property-based tests over the three parsers that read foreign text: whatever the input, no
// throw (the link parser and the vCard reader never throw; the PIDF reader reports bad XML as
// "unknown" and lets only its documented XmlError out of parseXml), and the work — counted by
// each parser's own counter, not timed — grows at most linearly with the input.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDialLink } from '@shared/links'
import type { LinkWorkCounter } from '@shared/links/parse-link'
import { MAX_LINK_LENGTH } from '@shared/links/text'
import { parsePidf } from '@shared/presence/pidf'
import { parseXml, XmlError } from '@shared/presence/xml'
import type { XmlWorkCounter } from '@shared/presence/xml'
import { fromVcards } from '@shared/contacts/vcard'
import { hasUnsafeChars } from '@shared/text/sanitize'
import type { VcardWorkCounter } from '@shared/contacts/vcard'

const RUNS = { numRuns: 300 }

// Text that looks like what the parsers read, with hostile characters mixed in.
const hostileChar = fc.constantFrom(
  ' ',
  '\t',
  '\r',
  '\n',
  '\u0000',
  '\u202e',
  '\u200b',
  '%',
  ';',
  '?',
  '@',
  ':',
  '=',
  '&',
  '<',
  '>',
  '/',
  '"',
  "'",
  '!',
  '-',
  '#',
  '+',
  'a',
  '1',
  'é',
  '😀',
  '\ud800',
)
const hostileText = (max: number) =>
  fc
    .array(fc.oneof(hostileChar, fc.string({ maxLength: 4 })), { maxLength: max })
    .map((a) => a.join(''))

const linkLike = fc
  .tuple(
    fc.constantFrom('sip:', 'sips:', 'tel:', 'callto:', 'SIP:', '', 'http://'),
    hostileText(60),
  )
  .map(([scheme, rest]) => scheme + rest)

const xmlToken = fc.constantFrom(
  '<presence xmlns="urn:ietf:params:xml:ns:pidf">',
  '</presence>',
  '<tuple id="t">',
  '</tuple>',
  '<status>',
  '</status>',
  '<basic>open</basic>',
  '<note>',
  '</note>',
  '<a xmlns:p="urn:p">',
  '</a>',
  '<p:x/>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '&amp;',
  '&#x202E;',
  '&bogus;',
  '<!DOCTYPE x>',
  '<?pi?>',
  ' a="1"',
  'text',
  '\u202e',
  '<',
  '>',
  '/>',
  '"',
)
const xmlLike = fc.array(xmlToken, { maxLength: 80 }).map((a) => a.join(''))

const vcardToken = fc.constantFrom(
  'BEGIN:VCARD',
  'END:VCARD',
  'FN:',
  'N:',
  'TEL:',
  'IMPP:sip:',
  'X-SIP:',
  'item1.',
  ';TYPE=x',
  '\\n',
  '\\,',
  '\r\n',
  '\n',
  '\r\n ',
  ':',
  'bob@example.com',
  '+1555',
  '\u202e',
  '\u0000',
  'CATEGORIES:favourite',
)
const vcardLike = fc.array(vcardToken, { maxLength: 80 }).map((a) => a.join(''))

describe('link parser properties', () => {
  it('never throws, and its work is bounded by the capped length', () => {
    fc.assert(
      fc.property(linkLike, (link) => {
        const work: LinkWorkCounter = { steps: 0 }
        const result = parseDialLink(link, { defaultRegion: '' }, work)
        expect(typeof result.ok).toBe('boolean')
        expect(work.steps).toBeLessThanOrEqual(5 * Math.min(link.length, MAX_LINK_LENGTH) + 1)
      }),
      RUNS,
    )
  })

  it('refuses any link longer than the cap after one step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MAX_LINK_LENGTH + 1, max: 1_000_000 }),
        fc.constantFrom(' ', 'a', '%'),
        (n, c) => {
          const work: LinkWorkCounter = { steps: 0 }
          const result = parseDialLink(`sip:${c.repeat(n)}`, { defaultRegion: '' }, work)
          expect(result.ok ? 'ok' : result.error.code).toBe('too-long')
          expect(work.steps).toBe(1)
        },
      ),
      { numRuns: 30 },
    )
  })
})

describe('PIDF reader properties', () => {
  it('parsePidf never throws', () => {
    fc.assert(
      fc.property(xmlLike, (body) => {
        expect(['presence', 'ignored']).toContain(parsePidf(body).kind)
      }),
      RUNS,
    )
  })

  it('parseXml throws only XmlError, with work linear in the input', () => {
    fc.assert(
      fc.property(xmlLike, fc.integer({ min: 1, max: 8 }), (doc, times) => {
        for (const source of [doc, doc.repeat(times)]) {
          const work: XmlWorkCounter = { steps: 0 }
          try {
            parseXml(source, undefined, work)
          } catch (error) {
            expect(error).toBeInstanceOf(XmlError)
          }
          expect(work.steps).toBeLessThanOrEqual(4 * source.length + 8)
        }
      }),
      RUNS,
    )
  })
})

describe('vCard reader properties', () => {
  it('never throws, returns bounded clean contacts, with work linear in the input', () => {
    fc.assert(
      fc.property(vcardLike, (text) => {
        const work: VcardWorkCounter = { steps: 0 }
        const contacts = fromVcards(text, work)
        for (const c of contacts) {
          expect(c.name.length).toBeLessThanOrEqual(200)
          expect(hasUnsafeChars(c.name)).toBe(false)
          expect(c.address.length).toBeLessThanOrEqual(256)
          expect(c.numbers.length).toBeLessThanOrEqual(20)
        }
        expect(work.steps).toBeLessThanOrEqual(5 * text.length + 1)
      }),
      RUNS,
    )
  })
})
