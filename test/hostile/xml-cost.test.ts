// Issue 10 row 6: the XML reader's cost, counted (not timed) on the worst inputs we know, and its
// caps on namespace declarations and attributes. `npm run bench` prints the times.
import { describe, expect, it } from 'vitest'
import { parseXml, XmlError } from '@shared/presence/xml'
import type { XmlWorkCounter } from '@shared/presence/xml'
import { parsePidf } from '@shared/presence/pidf'
import { pidfWorstCases } from './worst-cases'

function stepsFor(source: string): number {
  const work: XmlWorkCounter = { steps: 0 }
  try {
    parseXml(source, undefined, work)
  } catch (error) {
    if (!(error instanceof XmlError)) throw error
  }
  return work.steps
}

describe('XML reader cost', () => {
  it.each(pidfWorstCases.map((c) => [c.name, c.make] as const))(
    '%s: work grows linearly with the input (16 KB → 64 KB)',
    (_name, make) => {
      const small = make(16 * 1024)
      const big = make(64 * 1024)
      const smallSteps = stepsFor(small)
      const bigSteps = stepsFor(big)
      expect(bigSteps).toBeGreaterThan(0)
      // At most a few steps per input character, whatever the shape.
      expect(bigSteps).toBeLessThanOrEqual(4 * big.length)
      // Four times the input, at most ~four times the work (not sixteen).
      expect(bigSteps).toBeLessThanOrEqual(4.5 * Math.max(smallSteps, 1))
    },
  )

  it('refuses the row 6 document (1000 namespace declarations) early', () => {
    const doc = pidfWorstCases[0]!.make(64 * 1024)
    expect(() => parseXml(doc)).toThrow(/too many attributes/)
    const work: XmlWorkCounter = { steps: 0 }
    expect(() => parseXml(doc, undefined, work)).toThrow(XmlError)
    // It stops at the 33rd attribute: it never reaches the 60 KB of elements behind them.
    expect(work.steps).toBeLessThan(8 * 1024)
    expect(parsePidf(doc)).toEqual({ kind: 'presence', presence: { status: 'unknown', note: '' } })
  })

  it('refuses an element with more than 32 attributes', () => {
    const attrs = Array.from({ length: 32 }, (_, i) => ` a${i}="x"`).join('')
    expect(() => parseXml(`<r xmlns="urn:a"${attrs}/>`)).toThrow(/too many attributes/)
    const ok = Array.from({ length: 31 }, (_, i) => ` a${i}="x"`).join('')
    expect(parseXml(`<r xmlns="urn:a"${ok}/>`).attributes.size).toBe(31)
  })

  it('refuses more than 128 namespace declarations in a document', () => {
    const level = (n: number) =>
      `<l${n} ${Array.from({ length: 30 }, (_, i) => `xmlns:p${n}x${i}="urn:${n}:${i}"`).join(' ')}>`
    const close = (n: number) => `</l${n}>`
    const doc = (levels: number) =>
      `<r xmlns="urn:a">${[...Array(levels).keys()].map(level).join('')}${[...Array(levels).keys()].reverse().map(close).join('')}</r>`
    expect(() => parseXml(doc(4))).not.toThrow()
    expect(() => parseXml(doc(5))).toThrow(/too many namespace declarations/)
  })

  it('still resolves prefixes declared far up, and shadowing', () => {
    const root = parseXml(
      '<r xmlns="urn:a" xmlns:p="urn:p"><m xmlns:q="urn:q"><p:x/><n xmlns:p="urn:p2"><p:y q:z="1"/></n></m></r>',
    )
    const m = root.children[0]!
    expect(m.children[0]).toMatchObject({ ns: 'urn:p', local: 'x' })
    const y = m.children[1]!.children[0]!
    expect(y).toMatchObject({ ns: 'urn:p2', local: 'y' })
    expect(y.attributes.get('{urn:q}z')).toBe('1')
    expect(() => parseXml('<r xmlns="urn:a"><p:x/></r>')).toThrow(/undeclared prefix p/)
  })
})
