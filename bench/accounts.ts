// Several accounts: page load → every account "Registered" with 1 and with 5 saved accounts,
// against the bare SIP.js page (one UserAgent) in the same run and on the same Kamailio, and the
// JS heap each extra account costs. The accounts are saved before the page loads (settings and
// passwords as the browser bridge keeps them), so each load signs them all in by itself.
import { rm } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DEMO_USERS, startSipServer, type DemoUser, type SipServer } from '../scripts/sip-server/server'
import { RENDERER_DIR, serveStatic } from '../scripts/serve-static'
import { launchBrowser } from '../test/e2e/support/browser'
import { buildBarePage } from './register'
import { median, percentile, printTable } from './table'

const RUNS = Number(process.env.BENCH_RUNS ?? 20)
const MANY = 5

// In the page, on its own clock: when every account first reads "Registered" — the one status
// line with one account, each entry of "Account status" with several (the bare page has only
// the status line).
const observe = (accounts: number): string => `
  new MutationObserver(() => {
    if (window.__registeredAt !== undefined) return
    const items = [...document.querySelectorAll('[aria-label="Account status"] li')]
    const status = document.querySelector('[role=status]')
    const all = ${accounts} > 1
      ? items.length === ${accounts} && items.every((li) => li.textContent.trim().endsWith(': Registered'))
      : status !== null && status.textContent.trim() === 'Registered'
    if (all) window.__registeredAt = performance.now()
  }).observe(document, { subtree: true, childList: true, characterData: true })
`

/** Settings and passwords as the browser bridge keeps them, for `users` (the first is default). */
function savedAccounts(users: readonly DemoUser[], server: SipServer): string {
  const accounts = users.map((u, i) => ({
    id: `bench-${i + 1}`,
    enabled: true,
    aor: u.aor,
    server: server.wsUrl,
    username: u.username,
    realm: '',
    displayName: u.displayName,
    iceServers: [],
    icePolicy: 'all',
    dtmfMethod: 'rfc4733',
    defaultRegion: '',
    registerExpires: 600,
    outboundProxy: '',
  }))
  const settings = JSON.stringify({ version: 2, accounts, defaultAccountId: 'bench-1' })
  const passwords = users.map((u, i) => [`switchboard.password:bench-${i + 1}`, u.password])
  return `
    localStorage.setItem('switchboard.settings', ${JSON.stringify(settings)})
    for (const [key, value] of ${JSON.stringify(passwords)}) sessionStorage.setItem(key, value)
  `
}

async function registeredAt(page: Page): Promise<number> {
  for (;;) {
    const at = await page.evaluate(() => (window as { __registeredAt?: number }).__registeredAt)
    if (at !== undefined) return at
    await new Promise((r) => setTimeout(r, 25))
  }
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 1e6
}

interface Client {
  name: string
  open(): Promise<{ context: BrowserContext; page: Page }>
}

function switchboard(browser: Browser, base: string, server: SipServer, users: DemoUser[]): Client {
  return {
    name: `Switchboard, ${users.length} account${users.length === 1 ? '' : 's'}`,
    async open() {
      const context = await browser.newContext()
      await context.addInitScript(savedAccounts(users, server))
      await context.addInitScript(observe(users.length))
      const page = await context.newPage()
      await page.goto(base)
      await registeredAt(page)
      return { context, page }
    },
  }
}

function bare(browser: Browser, base: string, server: SipServer, user: DemoUser): Client {
  const query = new URLSearchParams({
    aor: user.aor,
    server: server.wsUrl,
    user: user.username,
    password: user.password,
  })
  return {
    name: 'bare SIP.js page (1 UA)',
    async open() {
      const context = await browser.newContext()
      await context.addInitScript(observe(1))
      const page = await context.newPage()
      await page.goto(`${base}bench/bare-sipjs.html?${query}`)
      await registeredAt(page)
      return { context, page }
    },
  }
}

async function reloads(page: Page, runs: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    await page.reload()
    times.push(await registeredAt(page))
  }
  return times
}

/** Demo users plus numbered ones, so every client registers users of its own. */
function benchUsers(): DemoUser[] {
  const extra = Array.from({ length: 2 * MANY }, (_, i) => ({
    username: `bench${i + 1}`,
    password: `bench${i + 1}-secret`,
    displayName: `Bench ${i + 1}`,
    aor: `sip:bench${i + 1}@127.0.0.1`,
  }))
  return [...DEMO_USERS, ...extra]
}

export async function benchAccounts(): Promise<void> {
  const barePage = await buildBarePage()
  const users = benchUsers()
  const server = await startSipServer({ users })
  const web = await serveStatic({ '/': RENDERER_DIR, '/bench/': barePage })
  const browser = await launchBrowser()
  const numbered = users.filter((u) => u.username.startsWith('bench'))
  try {
    const clients = [
      bare(browser, web.url, server, users[1]!),
      switchboard(browser, web.url, server, [users[0]!]),
      switchboard(browser, web.url, server, numbered.slice(0, MANY)),
    ]
    const times = new Map<string, number[]>(clients.map((c) => [c.name, []]))
    const heaps = new Map<string, number>()
    // Half the runs each, alternating, so none always runs on a warmer machine.
    for (const half of [0, 1]) {
      for (const client of half === 0 ? clients : [...clients].reverse()) {
        const { context, page } = await client.open()
        times.get(client.name)!.push(...(await reloads(page, RUNS / 2)))
        await context.close()
      }
    }
    // Registered and left alone in a fresh tab: heap after GC.
    for (const client of clients) {
      const { context, page } = await client.open()
      await new Promise((r) => setTimeout(r, 3000))
      heaps.set(client.name, await heapMb(page))
      await context.close()
    }
    const base = median(times.get(clients[0]!.name)!)
    const rows = clients.map((c) => {
      const t = times.get(c.name)!
      return [
        c.name,
        `${median(t).toFixed(0)} (p95 ${percentile(t, 0.95).toFixed(0)})`,
        (median(t) / base).toFixed(2),
        heaps.get(c.name)!.toFixed(2),
      ]
    })
    const one = heaps.get(clients[1]!.name)!
    const many = heaps.get(clients[2]!.name)!
    printTable(
      `Accounts: reload → every account "Registered", Kamailio over ws:// (ms, median of ${RUNS})`,
      ['client', 'reload → all Registered', 'ratio to bare', 'JS heap after GC (MB)'],
      [
        ...rows,
        ['per extra account (heap)', '', '', `${((many - one) / (MANY - 1)).toFixed(2)}`],
      ],
    )
  } finally {
    await browser.close()
    await web.close()
    await server.dispose()
    await rm(barePage, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchAccounts()
