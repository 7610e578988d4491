// Diagnostic, not a benchmark: what each group of lazily loaded chunks costs the page's JS heap.
// A signed-in page is reloaded three times with nothing blocked, then with each group's chunks
// refused (BLOCK: comma-separated groups of chunk-name prefixes, `|` within a group), and the
// heap after GC is printed with the chunks the page loaded. Playwright's injected script (~1 MB)
// is in every figure alike: read the differences.
// `BLOCK="libphonenumber|metadata,database|chat-repository" npx tsx bench/tools/heap-blocking.ts`
import { startSipServer } from '../../scripts/sip-server/server'
import { RENDERER_DIR, serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { signIn } from '../../test/e2e/support/app'

const groups = (process.env.BLOCK ?? '').split(',').filter(Boolean)
const server = await startSipServer()
const web = await serveStatic({ '/': RENDERER_DIR })
const browser = await launchBrowser()
const alice = server.users[0]!
try {
  for (const group of ['', ...groups]) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(web.url)
    await signIn(page, { aor: alice.aor, server: server.wsUrl, password: alice.password })
    if (group) {
      await context.route(new RegExp(`/assets/(${group})-[^/]*\\.js$`), (route) => route.abort())
    }
    const sizes: string[] = []
    for (let i = 0; i < 3; i++) {
      await page.reload()
      await page.getByRole('status').filter({ hasText: 'Registered' }).first().waitFor()
      await new Promise((r) => setTimeout(r, 3000))
      const cdp = await context.newCDPSession(page)
      await cdp.send('HeapProfiler.collectGarbage')
      await cdp.send('HeapProfiler.collectGarbage')
      sizes.push(((await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6).toFixed(2))
      await cdp.detach()
    }
    const chunks = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((r) =>
        r.name
          .split('/')
          .pop()!
          .replace(/-[\w-]{8}\.(js|css)$/, '.$1'),
      ),
    )
    console.log(
      `${group || '(nothing blocked)'}: ${sizes.join(' ')} MB\n  loaded: ${chunks.join(' ')}`,
    )
    await context.close()
  }
} finally {
  await browser.close()
  await web.close()
  await server.dispose()
}
