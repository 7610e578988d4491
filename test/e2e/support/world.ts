import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  startSipServer,
  type DemoUser,
  type SipServer,
  type StartSipServerOptions,
} from '../../../scripts/sip-server/server'
import { serveStatic, type StaticServer } from '../../../scripts/serve-static'
import {
  launchBrowser,
  openUserPage,
  type BrowserOptions,
  type OpenOptions,
  type UserPage,
} from './browser'
import { registrationStatus, signIn, textOf } from './app'

/** What one e2e file runs against: its own Kamailio, the built renderer, one Chromium. */
export interface World {
  server: SipServer
  web: StaticServer
  browser: Browser
  /** Pages opened by the current test; checked for errors and closed after it. */
  pages: UserPage[]
  /** A demo user (alice, bob, carol, dave) of this world's server. */
  user(name: string): DemoUser
  /**
   * A fresh browser profile on the app (`path` after the app's address, e.g. `?dial=…`), its
   * RTCPeerConnections recorded; checked for errors and closed after the test.
   */
  open(options?: OpenOptions & { path?: string }): Promise<UserPage>
  /**
   * Signs a page in as a demo user and waits for the server's "Registered"; `server`: another
   * ws:// URL to reach this world's Kamailio through (a test's TCP proxy).
   */
  signInAs(page: Page, name: string, server?: string): Promise<void>
  /** open() then signInAs(). */
  signedIn(name: string, options?: OpenOptions & { server?: string }): Promise<Page>
}

/**
 * Starts the file's world before its tests and takes it down after; after each test, every page
 * it opened must have had no uncaught error (or dialog, where the file records those).
 * `options` choose this file's Chromium flags and server options (extra users …).
 */
export function useWorld(options: BrowserOptions & { server?: StartSipServerOptions } = {}): World {
  const world = { pages: [] as UserPage[] } as World
  world.user = (name) => {
    const found = world.server.users.find((u) => u.username === name)
    if (!found) throw new Error(`no demo user ${name}`)
    return found
  }
  world.open = async ({ path = '', ...options } = {}) => {
    const url = path === '' ? world.web.url : `${new URL('/', world.web.url).href}${path}`
    const opened = await openUserPage(world.browser, url, { recordMedia: true, ...options })
    world.pages.push(opened)
    return opened
  }
  world.signInAs = async (page, name, server = world.server.wsUrl) => {
    const u = world.user(name)
    await signIn(page, {
      aor: u.aor,
      server,
      password: u.password,
      displayName: u.displayName,
    })
    await expect
      .poll(() => textOf(registrationStatus(page)), { timeout: 20_000 })
      .toBe('Registered')
      .catch(async (error: unknown) => {
        // Seen once under a doubly loaded CI (two runs on 2 cores): say what the page showed.
        const shown = await page
          .locator('body')
          .innerText({ timeout: 1000 })
          .catch(() => '(page not readable)')
        throw new Error(
          `${name} not registered: ${String(error)}\npage: ${shown.slice(0, 400)}\n` +
            `Kamailio said:\n${world.server.logTail(3000)}`,
        )
      })
  }
  world.signedIn = async (name, { server, ...options } = {}) => {
    const { page } = await world.open(options)
    await world.signInAs(page, name, server)
    return page
  }
  beforeAll(async () => {
    ;[world.server, world.web, world.browser] = await Promise.all([
      startSipServer(options.server),
      serveStatic(),
      launchBrowser(options),
    ])
  })
  afterEach(async () => {
    for (const p of world.pages.splice(0)) {
      expect(p.errors, 'no uncaught errors on the page').toEqual([])
      await p.context.close()
    }
  })
  afterAll(async () => {
    await world.browser?.close()
    await world.web?.close()
    await world.server?.dispose()
  })
  return world
}
