import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { Browser } from 'playwright-core'
import { startSipServer, type SipServer } from '../../../scripts/sip-server/server'
import { serveStatic, type StaticServer } from '../../../scripts/serve-static'
import { launchBrowser, type BrowserOptions, type UserPage } from './browser'

/** What one e2e file runs against: its own Kamailio, the built renderer, one Chromium. */
export interface World {
  server: SipServer
  web: StaticServer
  browser: Browser
  /** Pages opened by the current test; checked for errors and closed after it. */
  pages: UserPage[]
}

/**
 * Starts the file's world before its tests and takes it down after; after each test, every page
 * it opened must have had no uncaught error (or dialog, where the file records those).
 * `options` choose this file's Chromium flags.
 */
export function useWorld(options: BrowserOptions = {}): World {
  const world = { pages: [] as UserPage[] } as World
  beforeAll(async () => {
    ;[world.server, world.web, world.browser] = await Promise.all([
      startSipServer(),
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
