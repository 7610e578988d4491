import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import type { Browser, Page } from 'playwright-core'
import { startSipServer, type SipServer } from '../scripts/sip-server/server'
import { RENDERER_DIR, serveStatic } from '../scripts/serve-static'
import { launchBrowser } from '../test/e2e/support/browser'
import { signIn } from '../test/e2e/support/app'
import { median, percentile, printTable } from './table'

const RUNS = Number(process.env.BENCH_RUNS ?? 20)

// Records, in the page, the moment (ms since navigation start) the status first reads
// "Registered": no polling from outside skews the figure.
const OBSERVE_REGISTERED = `
  new MutationObserver(() => {
    if (window.__registeredAt !== undefined) return
    const s = document.querySelector('[role=status]')
    if (s && s.textContent.trim() === 'Registered') window.__registeredAt = performance.now()
  }).observe(document, { subtree: true, childList: true, characterData: true })
`

async function timeToRegistered(page: Page): Promise<number> {
  await page.waitForFunction(
    () => (window as { __registeredAt?: number }).__registeredAt !== undefined,
    null,
    {
      timeout: 15_000,
    },
  )
  return page.evaluate(() => (window as unknown as { __registeredAt: number }).__registeredAt)
}

/** Switchboard: sign in once, then each reload is a page load that signs in by itself. */
async function switchboard(browser: Browser, base: string, server: SipServer): Promise<number[]> {
  const context = await browser.newContext()
  await context.addInitScript(OBSERVE_REGISTERED)
  const page = await context.newPage()
  await page.goto(base)
  const alice = server.users[0]!
  await signIn(page, { aor: alice.aor, server: server.wsUrl, password: alice.password })
  await timeToRegistered(page)
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    await page.reload()
    times.push(await timeToRegistered(page))
  }
  await context.close()
  return times
}

/** The same account registering from a bare SIP.js page, loaded the same way. */
async function bareSipJs(browser: Browser, base: string, server: SipServer): Promise<number[]> {
  const bob = server.users[1]!
  const query = new URLSearchParams({
    aor: bob.aor,
    server: server.wsUrl,
    user: bob.username,
    password: bob.password,
  })
  const context = await browser.newContext()
  const page = await context.newPage()
  const times: number[] = []
  await page.goto(`${base}bench/bare-sipjs.html?${query}`)
  await timeToRegistered(page)
  for (let i = 0; i < RUNS; i++) {
    await page.reload()
    times.push(await timeToRegistered(page))
  }
  await context.close()
  return times
}

/** Bundles the bare SIP.js page with Vite, as the app is bundled, so neither loads loose modules. */
export async function buildBarePage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'))
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
  return outDir
}

export async function benchRegister(): Promise<void> {
  const barePage = await buildBarePage()
  const server = await startSipServer()
  const web = await serveStatic({ '/': RENDERER_DIR, '/bench/': barePage })
  const browser = await launchBrowser()
  try {
    // Alternate the order of the two so neither always runs on a warmer machine.
    const bare1 = await bareSipJs(browser, web.url, server)
    const ours = await switchboard(browser, web.url, server)
    const bare2 = await bareSipJs(browser, web.url, server)
    const bare = [...bare1, ...bare2]
    const row = (name: string, t: number[]) => [
      name,
      String(t.length),
      median(t).toFixed(0),
      percentile(t, 0.95).toFixed(0),
      Math.min(...t).toFixed(0),
      (median(t) / median(bare)).toFixed(2),
    ]
    printTable(
      `Page load → "Registered" (ms since navigation start), Kamailio over ws:// on 127.0.0.1`,
      ['client', 'runs', 'median', 'p95', 'min', 'ratio to bare SIP.js'],
      [row('bare SIP.js page', bare), row('Switchboard', ours)],
    )
  } finally {
    await browser.close()
    await web.close()
    await server.dispose()
    await rm(barePage, { recursive: true, force: true })
  }
}
