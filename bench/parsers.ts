// The parsers that read foreign text, on the worst inputs we know (test/hostile/worst-cases.ts),
// at 64 KB and 1 MB: median time of several runs and the parser's own work counter where it has
// one (a web link in chat is refused above 2048 characters before it is parsed, so it is not
// listed). No server or browser needed: `npx tsx bench/parsers.ts` (or `npm run bench -- parsers`).
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { fromVcards } from '../shared/contacts/vcard'
import { parseDialLink } from '../shared/links'
import { parsePidf } from '../shared/presence/pidf'
import { parseXml } from '../shared/presence/xml'
import { sanitizeText } from '../shared/text/sanitize'
import {
  chatWorstCases,
  linkWorstCases,
  pidfWorstCases,
  vcardWorstCases,
} from '../test/hostile/worst-cases'
import type { WorstCase } from '../test/hostile/worst-cases'
import { median, printTable } from './table'

const SIZES = [64 * 1024, 1024 * 1024]
const RUNS = Number(process.env.BENCH_PARSER_RUNS ?? 7)

type Run = (input: string, work: { steps: number }) => void

function swallow(run: () => void): void {
  try {
    run()
  } catch {
    // Documented refusals (XmlError) are part of the cost being measured.
  }
}

const parsers: { name: string; cases: WorstCase[]; run: Run }[] = [
  {
    name: 'dial link',
    cases: linkWorstCases,
    run: (s, w) => void parseDialLink(s, { defaultRegion: '' }, w),
  },
  {
    name: 'PIDF (parsePidf, 64 KB cap)',
    cases: pidfWorstCases,
    run: (s, w) => void parsePidf(s, w),
  },
  {
    name: 'XML reader (no cap)',
    cases: pidfWorstCases,
    run: (s, w) => swallow(() => parseXml(s, undefined, w)),
  },
  { name: 'vCard', cases: vcardWorstCases, run: (s, w) => void fromVcards(s, w) },
  {
    name: 'sanitiser',
    cases: chatWorstCases,
    run: (s) => void sanitizeText(s, { keepNewlines: true }),
  },
]

export async function benchParsers(): Promise<void> {
  const rows: string[][] = []
  for (const parser of parsers) {
    for (const worst of parser.cases) {
      const cells = [parser.name, worst.name]
      for (const size of SIZES) {
        const input = worst.make(size)
        const times: number[] = []
        let steps = 0
        // One warm-up run (JIT), not counted.
        for (let i = 0; i <= RUNS; i += 1) {
          const work = { steps: 0 }
          const start = performance.now()
          parser.run(input, work)
          if (i > 0) times.push(performance.now() - start)
          steps = work.steps
        }
        cells.push(median(times).toFixed(2), steps ? String(steps) : '–')
      }
      rows.push(cells)
    }
  }
  printTable(
    `Parsers on worst-case input (median of ${RUNS} runs after a warm-up; steps = the parser's work counter)`,
    ['parser', 'input', '64 KB ms', '64 KB steps', '1 MB ms', '1 MB steps'],
    rows,
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchParsers()
