// What the start-up diagnostics share: the project's Kamailio, a renderer build (or the bare
// SIP.js page) served statically, and one page in its own context registered as alice, with an
// init script that runs before the page's own code on every load.
import type { BrowserContext, Page } from 'playwright-core'
import { startSipServer } from '../../scripts/sip-server/server'
import { serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { signIn } from '../../test/e2e/support/app'
import { buildBarePage } from '../register'

export interface RegisteredPage {
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/** Opens the app from `rendererDir` (or the bare page) and signs alice in; not yet waited for. */
export async function openRegisteredPage(options: {
  rendererDir: string
  bare: boolean
  initScript: string
}): Promise<RegisteredPage> {
  const server = await startSipServer()
  const barePage = options.bare ? await buildBarePage() : null
  const web = await serveStatic({
    '/': options.rendererDir,
    ...(barePage ? { '/bench/': barePage } : {}),
  })
  const browser = await launchBrowser()
  const context = await browser.newContext()
  await context.addInitScript(options.initScript)
  const page = await context.newPage()
  const u = server.users[0]!
  if (options.bare) {
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
  return {
    context,
    page,
    close: async () => {
      await browser.close()
      await web.close()
      await server.dispose()
    },
  }
}
