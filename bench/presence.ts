// Presence with 500 contacts, against the project's Kamailio: time from sign-in until every
// contact's status is on screen, PUBLISH → watcher's screen latency, and the renderer's JS heap.
// Baseline in the same run: a bare SIP.js watcher in Node subscribing to the same 500 people
// and receiving the same PUBLISHes (no UI, no storage) — the protocol's own floor here.
import { WebSocket } from 'ws'
import { Publisher, UserAgent } from 'sip.js'
import type { Browser, Page } from 'playwright-core'
import { startSipServer, type DemoUser, type SipServer } from '../scripts/sip-server/server'
import { serveStatic } from '../scripts/serve-static'
import { launchBrowser } from '../test/e2e/support/browser'
import { buildPidf, parsePidf } from '../shared/presence/pidf'
import {
  baselineRows,
  importContacts,
  makeUser,
  nodeUserAgent,
  registeredUserAgent,
  reloadUntilAllKnown,
  signInRegistered,
  subscribeAll,
} from './subscribing'
import { printTable } from './table'

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 500)
const MANY_CONTACTS = Number(process.env.BENCH_MANY_CONTACTS ?? 5000)
const CHANGES = Number(process.env.BENCH_PRESENCE_CHANGES ?? 30)

// In the page: once per 50 ms, how many contacts have a status other than "Unknown", read from
// the store the Contacts view renders (a virtual list shows only the rows in view); the first
// moment all do is kept, with the moment "Registered" first shows (wall clock, to compare with
// Node's).
const OBSERVE = `
  setInterval(() => {
    const pinia = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$pinia
    const state = pinia?.state.value
    const contacts = state?.contacts?.contacts ?? []
    const presence = state?.presence?.presence ?? {}
    let known = 0
    for (const c of contacts) if ((presence[c.aor]?.status ?? 'unknown') !== 'unknown') known++
    if (contacts.length >= window.__expectContacts && known === contacts.length && window.__allKnownAt === undefined) {
      window.__allKnownAt = performance.timeOrigin + performance.now()
    }
  }, 50)
  new MutationObserver(() => {
    if (window.__registeredAt !== undefined) return
    for (const s of document.querySelectorAll('[role=status]')) {
      if (s.textContent.trim() === 'Registered') window.__registeredAt = performance.timeOrigin + performance.now()
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
`

/** Elements in the document (the Contacts view open). */
async function domNodes(page: Page): Promise<number> {
  return page.evaluate(() => document.getElementsByTagName('*').length)
}

/** Contacts for the big import: addresses nobody registered (their SUBSCRIBEs fail and retry). */
function manyPeople(count: number): DemoUser[] {
  return Array.from({ length: count }, (_, i) => makeUser(`m${String(i).padStart(4, '0')}`))
}

/** Publishes each person's first status (every one "Available" with a note). */
async function publishAll(
  server: SipServer,
  people: DemoUser[],
): Promise<Map<string, { ua: UserAgent; publisher: Publisher }>> {
  const publishers = new Map<string, { ua: UserAgent; publisher: Publisher }>()
  // In batches: 500 WebSockets opened in the same instant overflow the server's accept queue.
  for (let i = 0; i < people.length; i += 25) {
    await Promise.all(
      people.slice(i, i + 25).map(async (u) => {
        const ua = nodeUserAgent(server, u)
        await ua.start()
        const publisher = new Publisher(ua, UserAgent.makeURI(u.aor)!, 'presence', {
          contentType: 'application/pidf+xml',
          expires: 3600,
        })
        publisher.publish(
          buildPidf({ entity: u.aor, status: 'available', note: 'v0', id: u.username }),
        )
        publishers.set(u.aor, { ua, publisher })
      }),
    )
  }
  await new Promise((r) => setTimeout(r, 2000))
  return publishers
}

/** Bare SIP.js watcher: REGISTER, then SUBSCRIBE to everyone; resolves when all have a NOTIFY. */
async function bareWatcher(server: SipServer, watcher: DemoUser, people: DemoUser[]) {
  const notes = new Map<string, { note: string; at: number }[]>()
  const started = performance.now()
  const ua = await registeredUserAgent(server, watcher)
  const { stop } = await subscribeAll(ua, people, 'presence', 'application/pidf+xml', (u, body) => {
    const parsed = parsePidf(body)
    const list = notes.get(u.aor) ?? []
    list.push({ note: parsed.kind === 'presence' ? parsed.presence.note : '', at: Date.now() })
    notes.set(u.aor, list)
    return true
  })
  return { allKnownMs: performance.now() - started, notes, stop }
}

async function heapMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page)
  await session.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number }
  await session.detach()
  return usedSize / 1024 / 1024
}

async function appWatcher(
  browser: Browser,
  base: string,
  server: SipServer,
  watcher: DemoUser,
  people: DemoUser[],
) {
  const context = await browser.newContext()
  await context.addInitScript(`window.__expectContacts = ${people.length};${OBSERVE}`)
  const page = await context.newPage()
  await signInRegistered(page, base, server, watcher)
  // The contacts arrive the way a user would bring them: a vCard import.
  const importMs = await importContacts(page, people)
  const { allKnownMs, allKnownAt } = await reloadUntilAllKnown(page, () =>
    page.getByRole('button', { name: 'Contacts', exact: true }).click(),
  )
  const registeredAt = await page.evaluate(
    () => (window as unknown as { __registeredAt: number }).__registeredAt,
  )
  return { page, context, importMs, allKnownMs, afterRegisteredMs: allKnownAt - registeredAt }
}

/** A fresh account importing `people` at once: import time and the Contacts view's DOM size. */
async function bigImport(
  browser: Browser,
  base: string,
  server: SipServer,
  watcher: DemoUser,
  people: DemoUser[],
) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signInRegistered(page, base, server, watcher)
  const importMs = await importContacts(page, people)
  await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').first().waitFor()
  const nodes = await domNodes(page)
  await context.close()
  return { importMs, nodes }
}

export async function benchPresence(): Promise<void> {
  ;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket
  const watcherApp = makeUser('watcher')
  const watcherBare = makeUser('baseline')
  const watcherMany = makeUser('many')
  const people = Array.from({ length: CONTACTS }, (_, i) =>
    makeUser(`p${String(i).padStart(3, '0')}`),
  )
  const server = await startSipServer({
    users: [watcherApp, watcherBare, watcherMany, ...people],
    memoryMb: 256,
  })
  const web = await serveStatic()
  const browser = await launchBrowser()
  try {
    const publishers = await publishAll(server, people)
    const bare = await bareWatcher(server, watcherBare, people)
    const app = await appWatcher(browser, web.url, server, watcherApp, people)

    // Change one person's note at a time; time until the bare watcher has it and until the
    // app's screen shows it (the list searched down to that person first: only rows in view
    // exist).
    const bareLatency: number[] = []
    const appLatency: number[] = []
    const search = app.page.getByRole('searchbox', { name: 'Search contacts' })
    for (let i = 0; i < CHANGES; i++) {
      const u = people[(i * 17) % people.length]!
      const note = `v${i + 1}`
      const entry = publishers.get(u.aor)!
      await search.fill(u.aor)
      await app.page.getByRole('list', { name: 'Contacts' }).getByText(u.aor).waitFor()
      const sentAt = Date.now()
      entry.publisher.publish(buildPidf({ entity: u.aor, status: 'away', note, id: u.username }))
      const shownAt = await app.page
        .waitForFunction(
          (text) =>
            [...document.querySelectorAll('[aria-label="Contacts"] .presence-status')].some((s) =>
              (s.textContent ?? '').includes(text),
            ),
          note,
          { timeout: 10_000, polling: 10 },
        )
        .then(() => Date.now())
      appLatency.push(shownAt - sentAt)
      const seen = bare.notes.get(u.aor)?.find((n) => n.note === note)
      if (seen) bareLatency.push(seen.at - sentAt)
    }
    await search.fill('')
    const heap = await heapMb(app.page)

    printTable(
      `Presence, ${CONTACTS} contacts, Kamailio over ws:// on 127.0.0.1 (ms unless noted)`,
      ['measure', 'bare SIP.js in Node', 'Switchboard', 'ratio'],
      [
        ...baselineRows(
          "every contact's status known",
          'PUBLISH → shown',
          `${CHANGES} changes`,
          { bare: bare.allKnownMs, app: app.allKnownMs },
          { bare: bareLatency, app: appLatency },
        ),
        ['renderer JS heap after GC (MB)', '', heap.toFixed(1), ''],
        [
          'every status known, after "Registered" shows (target < 3000)',
          '',
          app.afterRegisteredMs.toFixed(0),
          '',
        ],
      ],
    )
    const many = await bigImport(browser, web.url, server, watcherMany, manyPeople(MANY_CONTACTS))
    printTable(
      'Contacts at scale: vCard import (one file, through the Contacts view) and the view after it',
      ['measure', 'Switchboard', 'target'],
      [
        [`import ${CONTACTS} contacts (ms)`, app.importMs.toFixed(0), '< 1000'],
        [`import ${MANY_CONTACTS} contacts (ms)`, many.importMs.toFixed(0), '< 5000'],
        [
          `DOM elements, Contacts view with ${MANY_CONTACTS} contacts`,
          String(many.nodes),
          '< 1500',
        ],
      ],
    )
    await bare.stop()
    await app.context.close()
    await Promise.all([...publishers.values()].map(({ ua }) => ua.stop().catch(() => undefined)))
  } finally {
    await browser.close()
    await web.close()
    await server.dispose()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPresence()
