import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { cacheGrammarBytecode } from './sip-grammar-cache'
import { keepHostOverMaddr } from './sip-grammar-maddr'

// The installed SIP.js grammar, as shipped and as the build transforms it, on hostile headers.
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

async function load(transform: (source: string) => string): Promise<Parse> {
  const source = await readFile(grammarPath, 'utf8')
  dir ||= await mkdtemp(join(tmpdir(), 'sip-grammar-maddr-'))
  const libUrl = pathToFileURL(join(dirname(grammarPath), '../../')).href
  const file = join(dir, `grammar-${Math.random().toString(36).slice(2)}.js`)
  await writeFile(file, transform(source).replaceAll('from "../../', `from "${libUrl}`))
  return ((await import(pathToFileURL(file).href)) as { parse: Parse }).parse
}

function parsed(parse: Parse, rule: string, input: string): Record<string, unknown> {
  const options: { startRule: string; data?: unknown } = { startRule: rule }
  parse(input, options)
  return JSON.parse(JSON.stringify(options.data)) as Record<string, unknown>
}

const uriHost = (data: Record<string, unknown>): unknown =>
  (data['uri'] as { raw: { host: string } }).raw.host

describe('SIP.js grammar: maddr never replaces the host', () => {
  it('as shipped, a From with maddr poses as the maddr host (the bug this fixes)', async () => {
    const original = await load((s) => s)
    const from = parsed(
      original,
      'Name_Addr_Header',
      '<sip:bob@evil.example;maddr=127.0.0.1>;tag=1',
    )
    expect(uriHost(from)).toBe('127.0.0.1')
  })

  it.each([
    ['Name_Addr_Header', '<sip:bob@evil.example;maddr=127.0.0.1>;tag=1', 'evil.example'],
    ['Name_Addr_Header', '"Bob" <sip:bob@evil.example;MADDR=127.0.0.1;lr>', 'evil.example'],
    ['Name_Addr_Header', '<sip:bob@evil.example;maddr=[::1]>', 'evil.example'],
    ['Name_Addr_Header', '<sips:bob@[2001:db8::1]:5061;maddr=127.0.0.1>', '[2001:db8::1]'],
    ['Name_Addr_Header', '<sip:bob@127.0.0.1>;tag=x', '127.0.0.1'],
  ])('%s %s is filed under %s', async (rule, input, host) => {
    const fixed = await load((s) => keepHostOverMaddr(cacheGrammarBytecode(s)))
    const data = parsed(fixed, rule, input)
    expect(uriHost(data)).toBe(host)
    expect(JSON.stringify(data)).not.toContain('peg$')
  })

  it('keeps the maddr value as a parameter, and keeps a Via host too', async () => {
    const fixed = await load(keepHostOverMaddr)
    const uri = parsed(fixed, 'SIP_URI', 'sip:bob@evil.example;maddr=127.0.0.1')
    expect(uri).toMatchObject({ raw: { host: 'evil.example' }, parameters: { maddr: '127.0.0.1' } })
    const via = parsed(
      fixed,
      'Via',
      'SIP/2.0/UDP evil.example:5060;maddr=127.0.0.1;branch=z9hG4bK1',
    )
    expect(via).toMatchObject({ host: 'evil.example', maddr: '127.0.0.1', port: 5060 })
    const contacts = parsed(
      fixed,
      'Contact',
      '<sip:a@one.example;maddr=10.0.0.1>, <sip:b@two.example;maddr=10.0.0.2>',
    )
    expect(JSON.stringify(contacts)).toContain('one.example')
    expect(JSON.stringify(contacts)).toContain('two.example')
  })

  it('refuses a grammar whose actions moved instead of shipping it spoofable', async () => {
    const source = await readFile(grammarPath, 'utf8')
    expect(() => keepHostOverMaddr(source.replace("uri_params['maddr'] = maddr", 'x'))).toThrow(
      /expected host\/maddr actions/,
    )
    expect(keepHostOverMaddr(source.replace(/\n/g, '\r\n'))).toContain('peg$hostBeforeParam')
  })
})
