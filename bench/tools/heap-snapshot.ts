// What the heap diagnostics share: heap snapshots of a page (after a forced GC) read by
// constructor and node type, growth between two of them, retainer paths of objects born between
// them, and the page's DOM node and listener counts (CDP Performance metrics); heap-code.ts
// reads the same snapshots for compiled code by script.
import type { CDPSession, Page } from 'playwright-core'

export interface HeapSnapshot {
  snapshot: {
    meta: {
      node_fields: string[]
      edge_fields: string[]
      node_types: [string[]]
      edge_types: [string[]]
    }
  }
  nodes: number[]
  edges: number[]
  strings: string[]
}

/** Node ids seen in a page's previous snapshot (stable within a page): paths go to new ones. */
const idsByPage = new WeakMap<Page, Set<number>>()

export type ByName = Map<string, [number, number]>

/**
 * The snapshot's nodes by constructor (`type:name` → count, bytes), and a way to print the
 * retainer paths of objects born since `seenBefore` whose name or key is one of `names`.
 */
function analyse(
  snap: HeapSnapshot,
  seenBefore: Set<number>,
): { byName: ByName; ids: Set<number>; paths: (names: string[]) => void } {
  const meta = snap.snapshot.meta
  const nf = meta.node_fields.length
  const ef = meta.edge_fields.length
  const { nodes, edges, strings } = snap
  const [nName, nType, nSize, nEdges, nId] = ['name', 'type', 'self_size', 'edge_count', 'id'].map(
    (f) => meta.node_fields.indexOf(f),
  ) as [number, number, number, number, number]
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) =>
    meta.edge_fields.indexOf(f),
  ) as [number, number, number]
  const nodeTypes = meta.node_types[0]
  const edgeTypes = meta.edge_types[0]
  const typeOf = (i: number): string => nodeTypes[nodes[i * nf + nType]!]!
  // DOM nodes out of the document (V8 marks them 2, "detached"): named as DevTools shows them.
  const nDetached = meta.node_fields.indexOf('detachedness')
  const nameOf = (i: number): string => {
    const name = strings[nodes[i * nf + nName]!]!
    return nDetached >= 0 && nodes[i * nf + nDetached] === 2 ? `Detached ${name}` : name
  }
  const keyOf = (i: number): string => {
    const type = typeOf(i)
    return `${type}:${type.includes('string') ? '' : nameOf(i).slice(0, 50)}`
  }
  const count = nodes.length / nf

  const byName: ByName = new Map()
  const ids = new Set<number>()
  for (let i = 0; i < count; i++) {
    const key = keyOf(i)
    const entry = byName.get(key) ?? [0, 0]
    entry[0] += 1
    entry[1] += nodes[i * nf + nSize]!
    byName.set(key, entry)
    ids.add(nodes[i * nf + nId]!)
  }

  const paths = (names: string[]): void => {
    if (names.length === 0 || seenBefore.size === 0) return
    const retainers: [from: number, edge: number][][] = Array.from({ length: count }, () => [])
    for (let i = 0, e = 0; i < count; i++) {
      const end = e + nodes[i * nf + nEdges]! * ef
      for (; e < end; e += ef) {
        if (edgeTypes[edges[e + eType]!] !== 'weak') retainers[edges[e + eTo]! / nf]!.push([i, e])
      }
    }
    const edgeName = (e: number): string => {
      const type = edgeTypes[edges[e + eType]!]
      const value = edges[e + eName]!
      return type === 'element' || type === 'hidden' ? `[${value}]` : strings[value]!
    }
    for (const name of names) {
      // Only objects born since the previous snapshot: what grew, not what was always there.
      const hits = [...Array(count).keys()].filter(
        (i) =>
          (keyOf(i) === name || (nameOf(i) === name && typeOf(i) === 'object')) &&
          !seenBefore.has(nodes[i * nf + nId]!),
      )
      const step = Math.max(1, Math.floor(hits.length / 3))
      for (const target of hits.filter((_, k) => k % step === 0).slice(0, 3)) {
        // Breadth-first towards a GC root: the shortest chain that keeps `target` alive.
        const previous = new Map<number, [number, number]>([[target, [-1, -1]]])
        const queue = [target]
        let root = -1
        while (queue.length > 0 && root < 0) {
          const node = queue.shift()!
          if (typeOf(node) === 'synthetic') root = node
          for (const [from, edge] of retainers[node]!) {
            if (!previous.has(from)) {
              previous.set(from, [node, edge])
              queue.push(from)
            }
          }
        }
        const path: string[] = []
        for (let node = root; node !== -1 && node !== target;) {
          const [child, edge] = previous.get(node)!
          path.push(`${typeOf(node)}:${nameOf(node).slice(0, 70)} --${edgeName(edge)}-->`)
          node = child
        }
        console.log(
          `\n[${name}, ${hits.length} new]\n  ${path.slice(-12).join('\n  ')}\n  ${keyOf(target)}`,
        )
      }
    }
  }
  return { byName, ids, paths }
}

export interface HeapFigures {
  used: number
  byName: ByName
  paths: (names: string[]) => void
}

/**
 * One profiler session per page for the whole run: detaching disables the heap profiler, which
 * forgets the object ids that tell objects born between two snapshots from older ones.
 */
const profilers = new WeakMap<Page, CDPSession>()

export async function profiler(page: Page): Promise<CDPSession> {
  let cdp = profilers.get(page)
  if (!cdp) {
    cdp = await page.context().newCDPSession(page)
    await cdp.send('HeapProfiler.enable')
    await cdp.send('Performance.enable')
    profilers.set(page, cdp)
  }
  return cdp
}

/** Takes a snapshot (after a full GC) and parses it. */
export async function takeHeapSnapshot(cdp: CDPSession): Promise<HeapSnapshot> {
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  let chunks = ''
  const onChunk = (e: { chunk: string }) => (chunks += e.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  return JSON.parse(chunks) as HeapSnapshot
}

export async function snapshot(page: Page): Promise<HeapFigures> {
  const cdp = await profiler(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const { byName, ids, paths } = analyse(
    await takeHeapSnapshot(cdp),
    idsByPage.get(page) ?? new Set(),
  )
  idsByPage.set(page, ids)
  return { used: usedSize, byName, paths }
}

/**
 * Growth between two snapshots of one page: by node type, the 30 largest constructors, then the
 * retainer paths of new objects named in `pathNames` ('auto': the JS objects grown most in number).
 */
export function report(
  label: string,
  first: HeapFigures,
  last: HeapFigures,
  pathNames: readonly string[] = [],
): void {
  console.log(
    `\n${label}: heap used after GC: ${(first.used / 1e6).toFixed(2)} MB → ${(last.used / 1e6).toFixed(2)} MB`,
  )
  const growth = [...last.byName].map(([key, [n, bytes]]) => {
    const [n0, bytes0] = first.byName.get(key) ?? [0, 0]
    return { key, count: n - n0, bytes: bytes - bytes0 }
  })
  growth.sort((x, y) => y.bytes - x.bytes)
  // By node type: compiled code (the JIT) apart from objects, strings and the DOM's natives.
  const byType = new Map<string, number>()
  for (const g of growth) {
    const type = g.key.slice(0, g.key.indexOf(':'))
    byType.set(type, (byType.get(type) ?? 0) + g.bytes)
  }
  console.log(
    [...byType]
      .sort((x, y) => y[1] - x[1])
      .map(([type, bytes]) => `${type} ${(bytes / 1e3).toFixed(0)} kB`)
      .join(', '),
  )
  for (const g of growth.slice(0, 30)) {
    console.log(`${String(g.bytes).padStart(9)} B ${String(g.count).padStart(6)} × ${g.key}`)
  }
  // PATHS=auto: the JS objects and closures that grew most in number.
  const auto = growth
    .filter((g) => /^(object|closure|array):/.test(g.key) && g.count > 0)
    .sort((x, y) => y.count - x.count)
    .slice(0, 6)
    .map((g) => g.key)
  last.paths(pathNames.flatMap((name) => (name === 'auto' ? auto : [name])))
}

export async function domFigures(page: Page): Promise<string> {
  // The profiler's session: detaching a session of its own would make the heap profiler forget
  // object ids (see profilers).
  const cdp = await profiler(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const m = (n: string) => metrics.find((x) => x.name === n)?.value ?? 0
  return `nodes ${m('Nodes')}, listeners ${m('JSEventListeners')}`
}
