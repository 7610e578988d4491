// Diagnostic: whose compiled code is in a page's heap. Sums the heap snapshot's code nodes
// (bytecode, the JIT's output, function metadata) by the script they were compiled from: the
// app's files, Playwright's injected script and the functions a test evaluates in the page (the
// harness, which a user's page never has), or none found. Run alone it signs alice in, takes a
// snapshot, then has Playwright read her status line POLLS times (as the soak's waits do), and
// prints what grew by script:
// `POLLS=3000 npx tsx bench/tools/heap-code.ts`
import type { CDPSession, Page } from 'playwright-core'
import { RENDERER_DIR } from '../../scripts/serve-static'
import { openRegisteredPage } from './registered-page'
import { takeHeapSnapshot, type HeapSnapshot } from './heap-snapshot'

const DETAIL = process.env.DETAIL === '1'

/** Bytes of code nodes by the name (URL) of the script they belong to. */
export function codeByScript(snap: HeapSnapshot): Map<string, number> {
  const meta = snap.snapshot.meta
  const nf = meta.node_fields.length
  const ef = meta.edge_fields.length
  const { nodes, edges, strings } = snap
  const [nName, nType, nSize, nEdges] = ['name', 'type', 'self_size', 'edge_count'].map((f) =>
    meta.node_fields.indexOf(f),
  ) as [number, number, number, number]
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) =>
    meta.edge_fields.indexOf(f),
  ) as [number, number, number]
  const codeType = meta.node_types[0].indexOf('code')
  const stringTypes = new Set(
    ['string', 'concatenated string', 'sliced string'].map((t) => meta.node_types[0].indexOf(t)),
  )
  const edgeTypes = meta.edge_types[0]
  const count = nodes.length / nf
  const firstEdge = new Int32Array(count + 1)
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e
    e += nodes[i * nf + nEdges]! * ef
  }
  firstEdge[count] = edges.length
  const named = (e: number): string | undefined => {
    const type = edgeTypes[edges[e + eType]!]
    return type === 'element' || type === 'hidden' ? undefined : strings[edges[e + eName]!]
  }
  const child = (node: number, name: string): number => {
    for (let e = firstEdge[node]!; e < firstEdge[node + 1]!; e += ef) {
      if (named(e) === name) return edges[e + eTo]! / nf
    }
    return -1
  }

  // A script's name (its URL; "" for code evaluated by a test or the DevTools protocol).
  const scriptName = (script: number): string => {
    const name = child(script, 'name')
    if (name >= 0 && stringTypes.has(nodes[name * nf + nType]!)) {
      return strings[nodes[name * nf + nName]!]!
    }
    const source = child(script, 'source')
    const text = source >= 0 ? (strings[nodes[source * nf + nName]!] ?? '') : ''
    // Playwright's injected script is evaluated without a URL; its source says what it is.
    return /InjectedScript|__playwright/.test(text) ? '(Playwright injected)' : '(evaluated)'
  }

  // Owner of each code node: the script of the nearest function info that retains it.
  const owner = new Int32Array(count).fill(-1)
  const scriptOfInfo = new Map<number, number>()
  for (let i = 0; i < count; i++) {
    const script = child(i, 'script')
    if (script >= 0) scriptOfInfo.set(i, script)
  }
  // Breadth-first from every function info along edges into code nodes (its bytecode, feedback
  // metadata, optimized code), so a code node goes to the first function info reaching it.
  let frontier = [...scriptOfInfo.keys()]
  for (const info of frontier) owner[info] = scriptOfInfo.get(info)!
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: number[] = []
    for (const node of frontier) {
      for (let e = firstEdge[node]!; e < firstEdge[node + 1]!; e += ef) {
        if (edgeTypes[edges[e + eType]!] === 'weak') continue
        const to = edges[e + eTo]! / nf
        if (owner[to] !== -1 || nodes[to * nf + nType] !== codeType) continue
        owner[to] = owner[node]!
        next.push(to)
      }
    }
    frontier = next
  }
  // JS functions point at their optimized code (Code → InstructionStream) and feedback (cell →
  // vector): those go to the function's info, a few code or hidden hops deep.
  const hiddenType = meta.node_types[0].indexOf('hidden')
  for (let i = 0; i < count; i++) {
    const info = child(i, 'shared')
    if (info < 0 || owner[info] === -1 || i === info) continue
    let around = [i]
    for (let depth = 0; depth < 3 && around.length > 0; depth++) {
      const next: number[] = []
      for (const node of around) {
        for (let e = firstEdge[node]!; e < firstEdge[node + 1]!; e += ef) {
          if (edgeTypes[edges[e + eType]!] === 'weak') continue
          const to = edges[e + eTo]! / nf
          const type = nodes[to * nf + nType]
          if (owner[to] !== -1 || (type !== codeType && type !== hiddenType)) continue
          if (type === codeType) owner[to] = owner[info]!
          next.push(to)
        }
      }
      around = next
    }
  }

  const names = new Map<number, string>()
  const bytes = new Map<string, number>()
  for (let i = 0; i < count; i++) {
    if (nodes[i * nf + nType] !== codeType) continue
    const script = owner[i]!
    // DETAIL=1: the unowned ones by their own name (builtins, regexps, handlers, caches).
    let name = DETAIL
      ? `(no script) ${strings[nodes[i * nf + nName]!]!.slice(0, 60)}`
      : '(no script found)'
    if (script >= 0) {
      name = names.get(script) ?? scriptName(script)
      names.set(script, name)
    }
    bytes.set(name, (bytes.get(name) ?? 0) + nodes[i * nf + nSize]!)
  }
  return bytes
}

export async function snapshotCode(cdp: CDPSession): Promise<Map<string, number>> {
  return codeByScript(await takeHeapSnapshot(cdp))
}

/** Groups a script URL as the harness, a package, or one of the app's files. */
export function scriptGroup(url: string): string {
  if (url.startsWith('(')) return url
  const file = url.replace(/^https?:\/\/[^/]+\//, '').replace(/-[\w-]{8}\.js$/, '.js')
  return file === '' ? '(page)' : file
}

/**
 * Compiled code of the harness (MB): Playwright's injected script and what a test evaluates in
 * the page, which a user's page never holds (the app has no inline or evaluated scripts: its CSP
 * allows only its own files).
 */
export function harnessCodeMb(bytes: Map<string, number>): number {
  let sum = 0
  for (const [url, b] of bytes) {
    const group = scriptGroup(url)
    if (group === '(page)' || group === '(evaluated)' || group === '(Playwright injected)') sum += b
  }
  return sum / 1024 / 1024
}

/** The same bytes by `scriptGroup`. */
export function bytesByGroup(bytes: Map<string, number>): Map<string, number> {
  const groups = new Map<string, number>()
  for (const [url, b] of bytes)
    groups.set(scriptGroup(url), (groups.get(scriptGroup(url)) ?? 0) + b)
  return groups
}

/** All compiled code (MB). */
export function allCodeMb(bytes: Map<string, number>): number {
  let sum = 0
  for (const b of bytes.values()) sum += b
  return sum / 1024 / 1024
}

async function poll(page: Page, times: number): Promise<void> {
  const status = page.getByRole('status').first()
  for (let i = 0; i < times; i++) await status.textContent()
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const polls = Number(process.env.POLLS ?? 3000)
  const opened = await openRegisteredPage({
    rendererDir: RENDERER_DIR,
    bare: false,
    initScript: '',
  })
  try {
    const page = opened.page
    await page.getByRole('status').filter({ hasText: 'Registered' }).first().waitFor()
    const cdp = await page.context().newCDPSession(page)
    await poll(page, 200)
    const before = await snapshotCode(cdp)
    await poll(page, polls)
    const after = await snapshotCode(cdp)
    const groups = new Map<string, [number, number]>()
    for (const [group, b] of bytesByGroup(before)) groups.set(group, [b, 0])
    for (const [group, b] of bytesByGroup(after)) {
      groups.set(group, [groups.get(group)?.[0] ?? 0, b])
    }
    const rows = [...groups].sort((a, b) => b[1][1] - a[1][1])
    console.log(`compiled code by script, before and after ${polls} status reads (kB)`)
    for (const [name, [b, a]] of rows) {
      console.log(
        `${(b / 1024).toFixed(1).padStart(8)} → ${(a / 1024).toFixed(1).padStart(8)}  ${name}`,
      )
    }
  } finally {
    await opened.close()
  }
}
