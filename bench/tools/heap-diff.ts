// Diagnostic, not a benchmark: what grows in the caller's JS heap over N calls. Takes a heap
// snapshot after call 1 and after call N (each after SIP.js's 32 s transaction timers), prints
// the growth by constructor and by node type (compiled code apart from objects), and for the
// constructors named in PATHS (e.g. PATHS=Object,pt, or a key as printed, e.g.
// 'PATHS=code:system / InstructionStream') the retainer path of a few instances born between the
// two; PATHS=auto picks the JS objects that grew most in number.
// `N=21 npx tsx bench/tools/heap-diff.ts`
// MODE=chat: instead of calls, the callee sends N×10 messages to the caller with its thread open
// (the soak's chat half); both pages are snapshotted, after the first 10 and at the end.
// MODE=restarts: the caller watches 10 contacts; Kamailio is restarted N times (after each, both
// pages register and subscribe again); both pages are snapshotted after the first and the last.
// MODE=transfers: a third page (carol); alice calls bob, bob blind-transfers her to carol (the
// soak's every 4th call), carol answers, alice hangs up; N times. carol and bob are snapshotted
// after the first transfer and after the last.
// WARMUP=k (restarts, transfers): the first snapshot after k rounds instead of 1, so that what
// the JIT compiles while the app warms up is not read as growth (the soak's first fifth), e.g.
// `MODE=transfers WARMUP=25 N=31 PATHS=auto npx tsx bench/tools/heap-diff.ts`.
import type { CDPSession, Page } from 'playwright-core'
import { startSipServer, type DemoUser } from '../../scripts/sip-server/server'
import { RENDERER_DIR, serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { signIn } from '../../test/e2e/support/app'
import { recordPeerConnections } from '../../test/e2e/support/peer-connections'

const CALLS = Number(process.env.N ?? 21)
/**
 * MODE=transfers|restarts: rounds before the first snapshot, so that what the JIT compiles while
 * the app warms up (as the soak's first fifth does) is not counted as growth.
 */
const WARMUP = Math.max(1, Number(process.env.WARMUP ?? 1))
const SETTLE_MS = Number(process.env.SETTLE ?? 35_000)
const PATHS = process.env.PATHS?.split(',').filter(Boolean) ?? []
const MODE = process.env.MODE ?? 'calls'

interface Snapshot {
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

type ByName = Map<string, [number, number]>

/**
 * The snapshot's nodes by constructor (`type:name` → count, bytes), and a way to print the
 * retainer paths of objects born since `seenBefore` whose name or key is one of `names`.
 */
function analyse(
  snap: Snapshot,
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
  const nameOf = (i: number): string => strings[nodes[i * nf + nName]!]!
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

interface HeapFigures {
  used: number
  byName: ByName
  paths: (names: string[]) => void
}

/**
 * One profiler session per page for the whole run: detaching disables the heap profiler, which
 * forgets the object ids that tell objects born between two snapshots from older ones.
 */
const profilers = new WeakMap<Page, CDPSession>()

async function profiler(page: Page): Promise<CDPSession> {
  let cdp = profilers.get(page)
  if (!cdp) {
    cdp = await page.context().newCDPSession(page)
    await cdp.send('HeapProfiler.enable')
    await cdp.send('Performance.enable')
    profilers.set(page, cdp)
  }
  return cdp
}

async function snapshot(page: Page): Promise<HeapFigures> {
  const cdp = await profiler(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  let chunks = ''
  const onChunk = (e: { chunk: string }) => (chunks += e.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  const { byName, ids, paths } = analyse(
    JSON.parse(chunks) as Snapshot,
    idsByPage.get(page) ?? new Set(),
  )
  idsByPage.set(page, ids)
  return { used: usedSize, byName, paths }
}

const server = await startSipServer()
const web = await serveStatic({ '/': RENDERER_DIR })
const browser = await launchBrowser()
const pages: Page[] = []
for (const u of server.users.slice(0, MODE === 'transfers' ? 3 : 2) as DemoUser[]) {
  const context = await browser.newContext({ permissions: ['microphone', 'camera'] })
  await recordPeerConnections(context)
  const page = await context.newPage()
  await page.goto(web.url)
  await signIn(page, {
    aor: u.aor,
    server: server.wsUrl,
    password: u.password,
    displayName: u.displayName,
  })
  await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor({ timeout: 15_000 })
  pages.push(page)
}
const [caller, callee, target] = pages as [Page, Page, Page | undefined]
const state = (page: Page) => page.getByRole('status', { name: 'Call state' })

async function oneCall(): Promise<void> {
  await caller
    .getByRole('textbox', { name: 'Number or SIP address' })
    .fill(server.users[1]!.username)
  await caller.getByRole('button', { name: 'Call', exact: true }).click()
  await callee
    .getByRole('alertdialog', { name: 'Incoming call' })
    .getByRole('button', { name: 'Answer', exact: true })
    .click()
  await state(caller).filter({ hasText: 'Connected' }).waitFor()
  await caller.waitForTimeout(300)
  await caller.getByRole('button', { name: 'Hang up' }).click()
  await state(caller)
    .filter({ hasText: /^Ended/ })
    .waitFor()
  await state(callee)
    .filter({ hasText: /^Ended/ })
    .waitFor()
}

/** alice → bob, bob transfers her (blind) to carol, carol answers, alice hangs up. */
async function oneTransfer(carol: Page): Promise<void> {
  await caller
    .getByRole('textbox', { name: 'Number or SIP address' })
    .fill(server.users[1]!.username)
  await caller.getByRole('button', { name: 'Call', exact: true }).click()
  await callee
    .getByRole('alertdialog', { name: 'Incoming call' })
    .getByRole('button', { name: 'Answer', exact: true })
    .click()
  await state(caller).filter({ hasText: 'Connected' }).waitFor()
  await state(callee).filter({ hasText: 'Connected' }).waitFor()
  await caller.waitForTimeout(300)
  await callee.getByRole('button', { name: 'Transfer', exact: true }).click()
  await callee.getByRole('textbox', { name: 'Transfer to' }).fill(server.users[2]!.username)
  await callee.getByRole('button', { name: 'Transfer now', exact: true }).click()
  await caller
    .getByRole('dialog', { name: 'Confirm call' })
    .getByRole('button', { name: 'Call', exact: true })
    .click()
  await carol
    .getByRole('alertdialog', { name: 'Incoming call' })
    .getByRole('button', { name: 'Answer', exact: true })
    .click()
  await state(carol).filter({ hasText: 'Connected' }).waitFor()
  await caller.waitForTimeout(300)
  await caller.getByRole('button', { name: 'Hang up', exact: true }).first().click()
  for (const page of pages) {
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[role=status][aria-label="Call state"]')].every((e) =>
        e.textContent?.trim().startsWith('Ended'),
      ),
    )
  }
}

let sent = 0
async function tenMessages(): Promise<void> {
  const box = callee.getByRole('textbox', { name: 'Message' })
  for (let i = 0; i < 10; i++, sent++) {
    await box.fill(`diff ${sent}`)
    await box.press('Enter')
    await callee
      .waitForFunction(() => document.querySelector('textarea')?.value === '')
      .catch(() => undefined)
  }
}

function report(label: string, first: HeapFigures, last: HeapFigures): void {
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
  last.paths(PATHS.flatMap((name) => (name === 'auto' ? auto : [name])))
}

async function domFigures(page: Page): Promise<string> {
  // The profiler's session: detaching a session of its own would make the heap profiler forget
  // object ids (see profilers).
  const cdp = await profiler(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const m = (n: string) => metrics.find((x) => x.name === n)?.value ?? 0
  return `nodes ${m('Nodes')}, listeners ${m('JSEventListeners')}`
}

async function restart(): Promise<void> {
  await server.stop()
  await server.start()
  for (const page of pages) {
    await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor({ timeout: 30_000 })
  }
  await caller.waitForTimeout(5000)
}

if (MODE === 'restarts') {
  await caller
    .getByRole('navigation')
    .getByRole('button', { name: /^Contacts/ })
    .click()
  for (let i = 0; i < 10; i++) {
    await caller.getByRole('button', { name: 'Add contact' }).click()
    const dialog = caller.getByRole('dialog', { name: 'Add contact' })
    await dialog.getByLabel('Name').fill(`Watched ${i}`)
    await dialog.getByLabel('SIP address').fill(`sip:watched${i}@${server.domain}`)
    await dialog.getByRole('button', { name: 'Save' }).click()
  }
  for (let i = 0; i < WARMUP; i++) await restart()
  await caller.waitForTimeout(SETTLE_MS)
  const firstCaller = await snapshot(caller)
  const firstCallee = await snapshot(callee)
  for (let i = 1; i < CALLS; i++) await restart()
  await caller.waitForTimeout(SETTLE_MS)
  report('watcher', firstCaller, await snapshot(caller))
  report('other', firstCallee, await snapshot(callee))
} else if (MODE === 'transfers') {
  const carol = target!
  for (let i = 0; i < WARMUP; i++) await oneTransfer(carol)
  await caller.waitForTimeout(SETTLE_MS)
  const firstTarget = await snapshot(carol)
  const firstCallee = await snapshot(callee)
  console.log(
    `after ${WARMUP}: target ${await domFigures(carol)}; transferor ${await domFigures(callee)}`,
  )
  for (let i = 1; i < CALLS; i++) await oneTransfer(carol)
  await caller.waitForTimeout(SETTLE_MS)
  console.log(
    `after ${WARMUP + CALLS - 1}: target ${await domFigures(carol)}; transferor ${await domFigures(callee)}`,
  )
  report('transfer target (carol)', firstTarget, await snapshot(carol))
  report('transferor (bob)', firstCallee, await snapshot(callee))
} else if (MODE === 'chat') {
  await callee
    .getByRole('textbox', { name: 'Number or SIP address' })
    .fill(server.users[0]!.username)
  await callee.getByRole('button', { name: 'Message', exact: true }).click()
  await tenMessages()
  await caller.waitForTimeout(SETTLE_MS)
  const firstCaller = await snapshot(caller)
  const firstCallee = await snapshot(callee)
  console.log(`after 10: caller ${await domFigures(caller)}; callee ${await domFigures(callee)}`)
  for (let i = 1; i < CALLS; i++) await tenMessages()
  await caller.waitForTimeout(SETTLE_MS)
  console.log(
    `after ${sent}: caller ${await domFigures(caller)}; callee ${await domFigures(callee)}`,
  )
  report('receiver (thread not open)', firstCaller, await snapshot(caller))
  report('sender (thread open)', firstCallee, await snapshot(callee))
} else {
  await oneCall()
  await caller.waitForTimeout(SETTLE_MS)
  const first = await snapshot(caller)
  for (let i = 1; i < CALLS; i++) await oneCall()
  await caller.waitForTimeout(SETTLE_MS)
  report('caller', first, await snapshot(caller))
}
await browser.close()
await web.close()
await server.dispose()
