// Size budget: the JavaScript a page must load before the app can register (the entry chunk and
// every chunk it imports statically), gzip -9, by package; the bare SIP.js page beside it. Builds
// the renderer once more into a temporary folder with hidden source maps (same code, no map
// comment) so each byte can be traced to its package. Exits 1 when the budget is missed.
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping'
import { build } from 'vite'
import { printTable } from './table'

const BUDGET_KB = Number(process.env.BENCH_JS_BUDGET_KB ?? 150)
const ROOT = resolve(import.meta.dirname, '..')

const gzipKb = (bytes: Buffer | string): number => gzipSync(bytes, { level: 9 }).length / 1000

// BENCH_SIZE_FILES=1 splits "own code" by source file (to find what else could load later).
const BY_FILE = process.env.BENCH_SIZE_FILES === '1'

/** `node_modules/@scope/name/…` → `@scope/name`; our own sources → "own code". */
export function packageOf(source: string): string {
  const at = source.lastIndexOf('node_modules/')
  if (at < 0 && BY_FILE && source) return source.replace(/^(\.\.\/)+/, '')
  if (at < 0) return source.includes('\0') || source === '' ? 'bundler runtime' : 'own code'
  const parts = source.slice(at + 'node_modules/'.length).split('/')
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
}

/** Relative chunk files a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`). */
export function staticImports(code: string): string[] {
  const found = new Set<string>()
  for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.\.?\/[^"']+\.js)["']/g)) {
    found.add(match[1]!)
  }
  return [...found]
}

/**
 * The chunks a page fetches before it is usable: its module script, every chunk the page
 * preloads (`modulepreload`: the app chunk main.ts evaluates once the REGISTER is out), and all
 * they import statically, as absolute paths.
 */
export function pageScripts(html: string): string[] {
  const entry = /<script type="module"[^>]*src="\.?\/?([^"]+)"/.exec(html)?.[1]
  if (!entry) throw new Error('No module script in index.html')
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.?\/?([^"]+)"/g)].map(
    (match) => match[1]!,
  )
  return [entry, ...preloads]
}

async function initialChunks(outDir: string, page = 'index.html'): Promise<string[]> {
  const html = await readFile(join(outDir, page), 'utf8')
  const seen = new Set<string>()
  const queue = pageScripts(html).map((file) => join(outDir, file))
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const code = await readFile(file, 'utf8')
    for (const imported of staticImports(code)) queue.push(resolve(dirname(file), imported))
  }
  return [...seen]
}

/** Bytes of the chunk by package, from its source map. */
async function bytesByPackage(file: string): Promise<Map<string, string[]>> {
  const code = await readFile(file, 'utf8')
  const spans = new Map<string, string[]>()
  const mapText = await readFile(`${file}.map`, 'utf8').catch(() => null)
  // The bundler's own helpers come without a map.
  if (mapText === null) return new Map([['bundler runtime', [code]]])
  const map = new TraceMap(mapText)
  const lines = code.split('\n')
  const add = (pkg: string, text: string): void => {
    if (!text) return
    const list = spans.get(pkg) ?? []
    list.push(text)
    spans.set(pkg, list)
  }
  // Each mapping owns the bytes up to the next mapping on its line.
  const byLine = new Map<number, { column: number; source: string }[]>()
  eachMapping(map, (m) => {
    const list = byLine.get(m.generatedLine) ?? []
    list.push({ column: m.generatedColumn, source: m.source ?? '' })
    byLine.set(m.generatedLine, list)
  })
  lines.forEach((line, index) => {
    const marks = byLine.get(index + 1) ?? []
    marks.sort((a, b) => a.column - b.column)
    add('bundler runtime', line.slice(0, marks[0]?.column ?? line.length))
    marks.forEach((mark, i) =>
      add(packageOf(mark.source), line.slice(mark.column, marks[i + 1]?.column ?? line.length)),
    )
  })
  return spans
}

async function buildWithMaps(outDir: string): Promise<void> {
  const result = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, SWITCHBOARD_RENDERER_OUT: outDir, SWITCHBOARD_SOURCEMAP: 'hidden' },
  })
  if (result.status !== 0) throw new Error('electron-vite build failed')
}

/** The bare SIP.js page (bench/pages/bare-sipjs.html), bundled by Vite: its JS, gzip -9. */
async function bareKb(): Promise<number> {
  const outDir = await mkdtemp(join(tmpdir(), 'switchboard-bare-'))
  try {
    await build({
      root: resolve(import.meta.dirname, 'pages'),
      base: './',
      logLevel: 'warn',
      configFile: false,
      build: {
        outDir,
        emptyOutDir: true,
        rollupOptions: { input: resolve(import.meta.dirname, 'pages/bare-sipjs.html') },
      },
    })
    const files = await initialChunks(outDir, 'bare-sipjs.html')
    let total = 0
    for (const file of files) total += gzipKb(await readFile(file))
    return total
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}

/** Packages the engine entry must not carry: it connects before the UI's code is evaluated. */
export const UI_PACKAGES =
  /^(@vue\/|vue$|vue-i18n$|@intlify\/|pinia$|dexie$|zod$|libphonenumber-js$)/

/** UI packages (and their kB) inside the entry chunk, from its source map. */
async function uiInEntry(outDir: string): Promise<string[]> {
  const html = await readFile(join(outDir, 'index.html'), 'utf8')
  const entry = join(outDir, pageScripts(html)[0]!)
  return [...(await bytesByPackage(entry))]
    .filter(([pkg]) => UI_PACKAGES.test(pkg))
    .map(([pkg, list]) => `${pkg} (${(Buffer.byteLength(list.join('')) / 1000).toFixed(1)} kB)`)
}

export async function benchSize(): Promise<boolean> {
  const outDir = await mkdtemp(join(tmpdir(), 'switchboard-size-'))
  try {
    await buildWithMaps(outDir)
    const files = await initialChunks(outDir)
    let totalKb = 0
    let rawKb = 0
    const spans = new Map<string, string[]>()
    for (const file of files) {
      const code = await readFile(file)
      totalKb += gzipKb(code)
      rawKb += code.length / 1000
      for (const [pkg, list] of await bytesByPackage(file)) {
        spans.set(pkg, [...(spans.get(pkg) ?? []), ...list])
      }
    }
    const rows = [...spans]
      .map(([pkg, list]) => {
        const text = list.join('')
        return { pkg, raw: Buffer.byteLength(text) / 1000, gzip: gzipKb(text) }
      })
      .sort((a, b) => b.gzip - a.gzip)
      .map((r) => [r.pkg, r.raw.toFixed(1), r.gzip.toFixed(1)])
    const bare = await bareKb()
    printTable(
      `Initial JS (${files.length} chunks before the app can register), by package; each package gzipped alone, so the parts add up to more than the whole`,
      ['package', 'minified kB', 'gzip -9 kB'],
      rows,
    )
    const ok = totalKb <= BUDGET_KB
    printTable(
      'Initial JS budget',
      ['page', 'minified kB', 'gzip -9 kB', 'ratio to bare SIP.js', 'budget'],
      [
        ['bare SIP.js page', '', bare.toFixed(1), '1.00', ''],
        [
          'Switchboard',
          rawKb.toFixed(1),
          totalKb.toFixed(1),
          (totalKb / bare).toFixed(2),
          `≤ ${BUDGET_KB} kB ${ok ? 'ok' : 'MISSED'}`,
        ],
      ],
    )
    if (!ok) {
      console.error(`Initial JS ${totalKb.toFixed(1)} kB gzip is over the ${BUDGET_KB} kB budget`)
      process.exitCode = 1
    }
    const leaked = await uiInEntry(outDir)
    if (leaked.length > 0) {
      console.error(`The engine entry (main.ts) carries UI code: ${leaked.join(', ')}`)
      process.exitCode = 1
    } else
      console.log('The engine entry carries no Vue, Pinia, i18n, Dexie, zod or libphonenumber.')
    return ok && leaked.length === 0
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}

// `npx tsx bench/size.ts` runs this one alone.
if (import.meta.url === `file://${process.argv[1]}`) await benchSize()
