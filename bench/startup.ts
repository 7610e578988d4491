// Start-up against a bare SIP.js page (bench/pages/bare-sipjs.js), same Kamailio, same run:
// page load → "Registered" on a reload (warm HTTP and code cache) and on a cold load (cache
// disabled), first sign-in (click → "Registered"), JS heap after GC once registered, and the
// main thread's task time over an idle minute. Ratios are what to read: absolute times move
// with the machine's load.
import { rm } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startSipServer, type SipServer } from '../scripts/sip-server/server'
import { RENDERER_DIR, serveStatic } from '../scripts/serve-static'
import { launchBrowser } from '../test/e2e/support/browser'
import { buildBarePage } from './register'
import { median, percentile, printTable } from './table'

const RUNS = Number(process.env.BENCH_RUNS ?? 20)
const SIGN_IN_RUNS = Number(process.env.BENCH_SIGN_IN_RUNS ?? 10)
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 60_000)
const IDLE_SETTLE_MS = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 15_000)
// Another build of the renderer (e.g. main's, built with SWITCHBOARD_RENDERER_OUT) measured in
// the same run as a third column: a change is judged against the build before it, same load.
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR

// In the page, on its own clock: when a visible status first reads "Registered", and when a
// "Sign in" button was pressed (capture phase, before the app's own handler).
const OBSERVE = `
  new MutationObserver(() => {
    if (window.__registeredAt !== undefined) return
    for (const s of document.querySelectorAll('[role=status]')) {
      if (s.textContent.trim() === 'Registered' && s.checkVisibility()) {
        window.__registeredAt = performance.now()
        return
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
  document.addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('button')
    if (button && button.textContent.trim() === 'Sign in' && window.__clickAt === undefined) {
      window.__clickAt = performance.now()
    }
  }, true)
`

type Marks = { registeredAt?: number; clickAt?: number }

async function registered(page: Page): Promise<Marks> {
  await page.waitForFunction(
    () => (window as { __registeredAt?: number }).__registeredAt !== undefined,
    null,
    {
      timeout: 15_000,
    },
  )
  return page.evaluate(() => {
    const w = window as unknown as Marks & { __registeredAt: number; __clickAt?: number }
    return { registeredAt: w.__registeredAt, clickAt: w.__clickAt }
  })
}

interface Client {
  name: string
  /** A page signed in (saved account), in its own context. */
  open(): Promise<{ context: BrowserContext; page: Page }>
  /** A fresh page, signed out; resolves once "Sign in" has been pressed. */
  signIn(context: BrowserContext): Promise<Page>
}

function switchboard(
  base: string,
  server: SipServer,
  browser: Browser,
  name = 'Switchboard',
): Client {
  const alice = server.users[0]!
  const fill = async (page: Page): Promise<void> => {
    await page.getByLabel('SIP address').fill(alice.aor)
    await page.getByLabel('WebSocket server').fill(server.wsUrl)
    await page.getByLabel('Password').fill(alice.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }
  return {
    name,
    async open() {
      const context = await browser.newContext()
      await context.addInitScript(OBSERVE)
      const page = await context.newPage()
      await page.goto(base)
      await fill(page)
      await registered(page)
      return { context, page }
    },
    async signIn(context) {
      const page = await context.newPage()
      await page.goto(base)
      await fill(page)
      return page
    },
  }
}

function bare(base: string, server: SipServer, browser: Browser): Client {
  const bob = server.users[1]!
  const query = new URLSearchParams({
    aor: bob.aor,
    server: server.wsUrl,
    user: bob.username,
    password: bob.password,
  })
  return {
    name: 'bare SIP.js page',
    async open() {
      const context = await browser.newContext()
      await context.addInitScript(OBSERVE)
      const page = await context.newPage()
      await page.goto(`${base}bench/bare-sipjs.html?${query}`)
      await registered(page)
      return { context, page }
    },
    async signIn(context) {
      const page = await context.newPage()
      await page.goto(`${base}bench/bare-sipjs.html?${query}&click=1`)
      await page.getByRole('button', { name: 'Sign in' }).click()
      return page
    },
  }
}

async function reloads(page: Page, runs: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    await page.reload()
    times.push((await registered(page)).registeredAt!)
  }
  return times
}

async function coldReloads(page: Page, runs: number): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const times = await reloads(page, runs)
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
  await cdp.detach()
  return times
}

async function firstSignIns(browser: Browser, client: Client, runs: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext()
    await context.addInitScript(OBSERVE)
    const page = await client.signIn(context)
    const marks = await registered(page)
    times.push(marks.registeredAt! - marks.clickAt!)
    await context.close()
  }
  return times
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 1e6
}

/** Main-thread task time (ms) over `ms` of doing nothing, from the page's own metrics. */
async function idleTaskMs(page: Page, ms: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const taskSeconds = async (): Promise<number> =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value
  const before = await taskSeconds()
  await new Promise((r) => setTimeout(r, ms))
  const after = await taskSeconds()
  await cdp.detach()
  return (after - before) * 1000
}

interface Result {
  reload: number[]
  cold: number[]
  signIn: number[]
  heap: number
  idle: number
}

export async function benchStartup(): Promise<void> {
  const barePage = await buildBarePage()
  const server = await startSipServer()
  const web = await serveStatic({
    '/': RENDERER_DIR,
    '/bench/': barePage,
    ...(BASELINE_DIR ? { '/baseline/': BASELINE_DIR } : {}),
  })
  const browser = await launchBrowser()
  try {
    const clients = [bare(web.url, server, browser), switchboard(web.url, server, browser)]
    if (BASELINE_DIR) {
      clients.push(
        switchboard(`${web.url}baseline/`, server, browser, 'Switchboard, baseline build'),
      )
    }
    const results = new Map<string, Result>()
    const opened = new Map<string, { context: BrowserContext; page: Page }>()
    for (const client of clients) {
      opened.set(client.name, await client.open())
      results.set(client.name, { reload: [], cold: [], signIn: [], heap: 0, idle: 0 })
    }
    // Half the runs each, alternating, so neither always runs on a warmer machine.
    for (const half of [0, 1]) {
      const order = half === 0 ? clients : [...clients].reverse()
      for (const client of order) {
        const { page } = opened.get(client.name)!
        const result = results.get(client.name)!
        result.reload.push(...(await reloads(page, RUNS / 2)))
        result.cold.push(...(await coldReloads(page, RUNS / 2)))
        result.signIn.push(...(await firstSignIns(browser, client, SIGN_IN_RUNS / 2)))
      }
    }
    // Registered and left alone, in fresh tabs (forty cold loads leave compiled code behind in
    // the tab above): heap after GC, then a quiet minute side by side. Reloaded and waited for
    // by plain evaluation: Playwright's injected script (for locators and waitForFunction,
    // ~1 MB of heap) must not count for either page.
    for (const { context } of opened.values()) await context.close()
    opened.clear()
    for (const client of clients) {
      const fresh = await client.open()
      opened.set(client.name, fresh)
      await fresh.page.reload()
      for (;;) {
        const at = await fresh.page.evaluate(
          () => (window as { __registeredAt?: number }).__registeredAt,
        )
        if (at !== undefined) break
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    await new Promise((r) => setTimeout(r, 3000))
    for (const client of clients) {
      results.get(client.name)!.heap = await heapMb(opened.get(client.name)!.page)
    }
    // A fresh tab still compiles and caches code for a while: the quiet minute starts after that.
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS))
    const idle = await Promise.all(
      clients.map((c) => idleTaskMs(opened.get(c.name)!.page, IDLE_MS)),
    )
    clients.forEach((c, i) => (results.get(c.name)!.idle = idle[i]!))

    const b = results.get(clients[0]!.name)!
    const others = clients.slice(1).map((c) => results.get(c.name)!)
    const times = (pick: (r: Result) => number[]): string[] =>
      [b, ...others].map(
        (r) => `${median(pick(r)).toFixed(0)} (p95 ${percentile(pick(r), 0.95).toFixed(0)})`,
      )
    const ratios = (pick: (r: Result) => number): string[] =>
      others.map((r) => (pick(r) / pick(b)).toFixed(2))
    const row = (label: string, pick: (r: Result) => number[], target: string): string[] => [
      label,
      ...times(pick),
      ...ratios((r) => median(pick(r))),
      target,
    ]
    printTable(
      `Start-up, Kamailio over ws:// on 127.0.0.1 (ms, median of ${RUNS} loads / ${SIGN_IN_RUNS} sign-ins)`,
      [
        'measure',
        ...clients.map((c) => c.name),
        ...clients.slice(1).map((c) => (others.length > 1 ? `ratio, ${c.name}` : 'ratio')),
        'target',
      ],
      [
        row('reload → "Registered"', (r) => r.reload, '≤ 1.2'),
        row('cold load (no cache) → "Registered"', (r) => r.cold, '≤ 1.5'),
        row('first sign-in: click → "Registered"', (r) => r.signIn, '≤ 1.3'),
        [
          'JS heap after GC, registered (MB)',
          ...[b, ...others].map((r) => r.heap.toFixed(2)),
          ...ratios((r) => r.heap),
          '≤ 2',
        ],
        [
          `idle main-thread task time over ${IDLE_MS / 1000} s (ms)`,
          ...[b, ...others].map((r) => r.idle.toFixed(1)),
          ...ratios((r) => r.idle),
          '≤ 3',
        ],
      ],
    )
    for (const { context } of opened.values()) await context.close()
  } finally {
    await browser.close()
    await web.close()
    await server.dispose()
    await rm(barePage, { recursive: true, force: true })
  }
}

// `npx tsx bench/startup.ts` runs this one alone.
if (import.meta.url === `file://${process.argv[1]}`) await benchStartup()
