import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { cacheGrammarBytecode } from './sip-grammar-cache'

// The real grammar of the installed SIP.js, before and after the transform, on real headers.
const require = createRequire(import.meta.url)
const grammarPath = join(
  dirname(require.resolve('sip.js/package.json')),
  'lib/grammar/pegjs/dist/grammar.js',
)

type Parse = (input: string, options: { startRule: string; data?: unknown }) => unknown

let dir = ''
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function grammars(): Promise<{ original: Parse; cached: Parse; source: string }> {
  const source = await readFile(grammarPath, 'utf8')
  dir = await mkdtemp(join(tmpdir(), 'sip-grammar-'))
  // The copy lives elsewhere: point its relative imports back at the package.
  const libUrl = pathToFileURL(join(dirname(grammarPath), '../../')).href
  const copy = cacheGrammarBytecode(source).replaceAll('from "../../', `from "${libUrl}`)
  const file = join(dir, 'grammar.js')
  await writeFile(file, copy)
  const original = (await import(pathToFileURL(grammarPath).href)) as { parse: Parse }
  const cached = (await import(pathToFileURL(file).href)) as { parse: Parse }
  return { original: original.parse, cached: cached.parse, source }
}

const samples: [string, string][] = [
  ['Request_Response', 'MESSAGE sip:bob@127.0.0.1 SIP/2.0'],
  ['Request_Response', 'SIP/2.0 407 Proxy Authentication Required'],
  ['Via', 'SIP/2.0/WS 127.0.0.1:41195;branch=z9hG4bKc4d.70923b;rport=5060;received=10.0.0.1'],
  ['Name_Addr_Header', '"Alice Liddell" <sip:alice@127.0.0.1>;tag=4ad215e5f7'],
  ['Name_Addr_Header', '<sip:bob@127.0.0.1>'],
  ['Call_ID', '3e2731771e6f300a-13623@127.0.0.1'],
  ['CSeq', '10 MESSAGE'],
  ['Content_Length', '42'],
  ['Content_Type', 'text/plain; charset=UTF-8'],
  ['Contact', '<sip:7ps792hb@u2s0kvjfuvsu.invalid;transport=ws>;expires=600'],
  [
    'Proxy_Authenticate',
    'Digest realm="127.0.0.1", nonce="ZWJkMzQ1Njc4OQ", qop="auth", algorithm=MD5',
  ],
  ['SIP_URI', 'sip:carol@example.org:5061;transport=tcp?subject=hi'],
  ['Via', 'not a via at all'],
]

describe('SIP.js grammar with its bytecode decoded once', () => {
  it('parses exactly as the original, again and again', async () => {
    const { original, cached } = await grammars()
    // As SIP.js's Grammar.parse calls it: the result is what the rules leave in options.data.
    const run = (parse: Parse, rule: string, input: string) => {
      const options: { startRule: string; data?: unknown } = { startRule: rule }
      try {
        parse(input, options)
      } catch {
        return -1
      }
      return JSON.parse(JSON.stringify(options.data)) as unknown
    }
    for (let round = 0; round < 3; round++) {
      for (const [rule, input] of samples) {
        expect(run(cached, rule, input), `${rule}: ${input}`).toEqual(run(original, rule, input))
      }
    }
    expect(run(cached, 'Via', 'not a via at all')).toBe(-1)
    expect(run(cached, 'Name_Addr_Header', samples[3]![1])).toMatchObject({
      _displayName: 'Alice Liddell',
      parameters: { tag: '4ad215e5f7' },
    })
  }, 30_000) // loads and evaluates SIP.js's grammar twice: seconds on a loaded machine

  it('refuses a grammar that does not look as expected instead of shipping it unchanged', async () => {
    const { source } = await grammars()
    expect(() => cacheGrammarBytecode(source.replace('peg$decode(s)', 'decode(s)'))).toThrow(
      /expected peg\$decode/,
    )
    expect(cacheGrammarBytecode(source.replace(/\n/g, '\r\n'))).toContain('peg$decodedBytecode')
  })
})
