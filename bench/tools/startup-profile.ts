// Diagnostic, not a benchmark: where a reload's main-thread time goes until "Registered" shows,
// by source file and function (a CPU profile, mapped through a build with hidden source maps).
// `npx tsx bench/tools/startup-profile.ts [runs]`; CPU time, so it holds up better under load
// than wall-clock timelines do.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'
import { startSipServer } from '../../scripts/sip-server/server'
import { serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { signIn } from '../../test/e2e/support/app'
import { buildBarePage } from '../register'

const RUNS = Number(process.argv[2] ?? 5)
// `bare` as the second argument: the bare SIP.js page instead (bench/pages), for comparison.
const BARE = process.argv[3] === 'bare'
// When "Registered" shows, a function of a known name spins for 2 ms: its first sample is where
// the profile is cut (the profiler's clock is not the page's).
const OBSERVE = `
  function registeredMarker() { const t = performance.now(); while (performance.now() - t < 2) {} }
  new MutationObserver(() => {
    if (window.__registeredAt !== undefined) return
    for (const s of document.querySelectorAll('[role=status]')) {
      if (s.textContent.trim() === 'Registered') {
        window.__registeredAt = performance.now()
        registeredMarker()
        return
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
`

interface ProfileNode {
  id: number
  children?: number[]
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const out = mkdtempSync(join(tmpdir(), 'switchboard-profile-'))
const built = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
  env: { ...process.env, SWITCHBOARD_RENDERER_OUT: out, SWITCHBOARD_SOURCEMAP: 'hidden' },
})
if (built.status !== 0) throw new Error('electron-vite build failed')

const maps = new Map<string, TraceMap | null>()
function mapOf(url: string): TraceMap | null {
  const file = url.split('/').pop() ?? ''
  if (!maps.has(file)) {
    try {
      maps.set(file, new TraceMap(readFileSync(join(out, 'assets', `${file}.map`), 'utf8')))
    } catch {
      maps.set(file, null)
    }
  }
  return maps.get(file)!
}

/** "package" or "own/file.ts", and the function, for one frame. */
function place(frame: ProfileNode['callFrame']): [string, string] {
  if (!frame.url) return [frame.functionName || '(native)', '']
  const map = mapOf(frame.url)
  if (!map || frame.lineNumber < 0)
    return [frame.url.split('/').pop() ?? frame.url, frame.functionName]
  const at = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber })
  const source = at.source ?? '?'
  const nm = source.lastIndexOf('node_modules/')
  const where =
    nm >= 0
      ? source
          .slice(nm + 13)
          .split('/')
          .slice(0, source.slice(nm + 13).startsWith('@') ? 2 : 1)
          .join('/')
      : source.replace(/^.*renderer\/src\//, '').replace(/^.*\/shared\//, 'shared/')
  return [where, `${at.name ?? frame.functionName}:${at.line ?? '?'}`]
}

const server = await startSipServer()
const barePage = BARE ? await buildBarePage() : null
const web = await serveStatic({ '/': out, ...(barePage ? { '/bench/': barePage } : {}) })
const browser = await launchBrowser()
const context = await browser.newContext()
await context.addInitScript(OBSERVE)
const page = await context.newPage()
const u = server.users[0]!
if (BARE) {
  const q = new URLSearchParams({
    aor: u.aor,
    server: server.wsUrl,
    user: u.username,
    password: u.password,
  })
  await page.goto(`${web.url}bench/bare-sipjs.html?${q}`)
} else {
  await page.goto(web.url)
  await signIn(page, { aor: u.aor, server: server.wsUrl, password: u.password })
}
await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor()
const cdp = await context.newCDPSession(page)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
// For the functions named in WHO (e.g. WHO=appendChild,peg$parseRule): who calls them, by the
// first few frames of own code above them.
const WHO = process.env.WHO?.split(',').filter(Boolean) ?? []
const callers = new Map<string, number>()
const byFile = new Map<string, number>()
const byFunction = new Map<string, number>()
let total = 0
for (let run = 0; run < RUNS; run++) {
  await cdp.send('Profiler.start')
  await page.reload()
  await page.waitForFunction(
    () => (window as { __registeredAt?: number }).__registeredAt !== undefined,
  )
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const cut = profile.samples.findIndex(
    (id) => nodes.get(id)!.callFrame.functionName === 'registeredMarker',
  )
  for (let i = 0; i < (cut < 0 ? profile.samples.length : cut); i++) {
    const node = nodes.get(profile.samples[i]!)!
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') {
      continue
    }
    const [where, fn] = place(node.callFrame)
    total += ms
    byFile.set(where, (byFile.get(where) ?? 0) + ms)
    byFunction.set(`${where} ${fn}`, (byFunction.get(`${where} ${fn}`) ?? 0) + ms)
    if (WHO.includes(node.callFrame.functionName) || WHO.includes(fn.split(':')[0]!)) {
      const chain: string[] = []
      for (
        let id = parent.get(node.id);
        id !== undefined && chain.length < 6;
        id = parent.get(id)
      ) {
        const frame = nodes.get(id)!.callFrame
        if (frame.url) chain.push(place(frame).join(' '))
      }
      const key = `${fn || node.callFrame.functionName} ⇐ ${chain.join(' ⇐ ')}`
      callers.set(key, (callers.get(key) ?? 0) + ms)
    }
  }
}
const top = (m: Map<string, number>, n: number): string[] =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${(v / RUNS).toFixed(1).padStart(7)} ms  ${k}`)
console.log(
  `main-thread CPU per reload until "Registered" (mean of ${RUNS}): ${(total / RUNS).toFixed(1)} ms`,
)
console.log('\nby file or package')
console.log(top(byFile, 30).join('\n'))
console.log('\nby function')
console.log(top(byFunction, 40).join('\n'))
if (WHO.length > 0) console.log(`\ncallers\n${top(callers, 25).join('\n')}`)
await browser.close()
await web.close()
await server.dispose()
rmSync(out, { recursive: true, force: true })
