// Chat benchmarks, printed as tables:
//  1. a burst of 1000 MESSAGEs alice → bob through the project's Kamailio: Switchboard (two
//     Chromium pages, every message stored before it is sent and before it is answered) against
//     bare SIP.js Messagers in the same run (two UserAgents in this Node process over `ws`);
//  2. one thread of 100,000 stored messages: time to open it and time to search all messages.
// Switchboard is driven through its Pinia chat store (the same action the Send button calls),
// so the browser automation's own per-click cost is not measured.
import type { Browser, Page } from 'playwright-core'
import { WebSocket } from 'ws'
import { Messager, Registerer, RegistererState, UserAgent } from 'sip.js'
import { startSipServer, type DemoUser, type SipServer } from '../scripts/sip-server/server'
import { serveStatic } from '../scripts/serve-static'
import { launchBrowser } from '../test/e2e/support/browser'
import { signIn } from '../test/e2e/support/app'
import { printTable } from './table'

const BURST = Number(process.env.BENCH_BURST ?? 1000)
const STORED = Number(process.env.BENCH_STORED ?? 100_000)

interface BurstResult {
  ms: number
  lost: number
  outOfOrder: number
  /** Final answers other than 2xx, including SIP.js's own timeouts (timer F: 32 s). */
  failed: number
}

/** How many of 0..n-1 never arrived, and how many arrived after a later one. */
function tally(received: number[], n: number): { lost: number; outOfOrder: number } {
  const seen = new Set(received)
  let lost = 0
  for (let i = 0; i < n; i++) if (!seen.has(i)) lost++
  let outOfOrder = 0
  let highest = -1
  for (const i of received) {
    if (i < highest) outOfOrder++
    highest = Math.max(highest, i)
  }
  return { lost, outOfOrder }
}

// ── bare SIP.js ─────────────────────────────────────────────────────────────────────────────

async function bareUserAgent(server: SipServer, u: DemoUser, onMessage?: (body: string) => void) {
  const ua = new UserAgent({
    uri: UserAgent.makeURI(u.aor)!,
    transportOptions: { server: server.wsUrl },
    authorizationUsername: u.username,
    authorizationPassword: u.password,
    logLevel: 'error',
    ...(onMessage
      ? {
          delegate: {
            onMessage: (message) => {
              onMessage(message.request.body)
              void message.accept()
            },
          },
        }
      : {}),
  })
  await ua.start()
  const registerer = new Registerer(ua)
  await new Promise<void>((resolve) => {
    registerer.stateChange.addListener((s) => s === RegistererState.Registered && resolve())
    void registerer.register()
  })
  return { ua, registerer }
}

async function bareBurst(server: SipServer, alice: DemoUser, bob: DemoUser): Promise<BurstResult> {
  ;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket
  const received: number[] = []
  const receiver = await bareUserAgent(server, bob, (body) =>
    received.push(Number(body.split(' ')[1])),
  )
  const sender = await bareUserAgent(server, alice)
  const target = UserAgent.makeURI(bob.aor)!
  let answered = 0
  let failed = 0
  const start = performance.now()
  const done = new Promise<void>((resolve) => {
    const check = () => {
      if (answered >= BURST && received.length >= BURST) resolve()
    }
    for (let i = 0; i < BURST; i++) {
      const settle = (response: { message: { statusCode?: number } }) => {
        const code = response.message.statusCode ?? 0
        if (code < 200 || code >= 300) failed++
        answered++
        check()
      }
      void new Messager(sender.ua, target, `burst ${i}`).message({
        requestDelegate: { onAccept: settle, onReject: settle },
      })
    }
    const poll = setInterval(() => {
      if (answered >= BURST && received.length >= BURST) {
        clearInterval(poll)
        resolve()
      }
    }, 20)
  })
  await Promise.race([done, new Promise((r) => setTimeout(r, 120_000))])
  const ms = performance.now() - start
  for (const side of [sender, receiver]) {
    await side.registerer.unregister().catch(() => {})
    await side.ua.stop()
  }
  return { ms, failed, ...tally(received, BURST) }
}

// ── Switchboard ─────────────────────────────────────────────────────────────────────────────

/** The chat store of the page, through the app's Pinia (bench-only back door). */
const STORE = `document.querySelector('#app').__vue_app__.config.globalProperties.$pinia._s.get('chat')`

async function signedInPage(
  browser: Browser,
  base: string,
  server: SipServer,
  u: DemoUser,
): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(base)
  await signIn(page, {
    aor: u.aor,
    server: server.wsUrl,
    password: u.password,
    displayName: u.displayName,
  })
  await page
    .getByRole('status')
    .filter({ hasText: /^Registered$/ })
    .waitFor({ timeout: 15_000 })
  return page
}

async function switchboardBurst(
  browser: Browser,
  base: string,
  server: SipServer,
  alice: DemoUser,
  bob: DemoUser,
): Promise<BurstResult> {
  const [a, b] = [
    await signedInPage(browser, base, server, alice),
    await signedInPage(browser, base, server, bob),
  ]
  await b
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Chat' })
    .click()
  await a.getByLabel('Number or SIP address').fill(bob.aor)
  await a.getByRole('button', { name: 'Message', exact: true }).click()
  await a.getByRole('textbox', { name: 'Message' }).waitFor()
  const start = performance.now()
  await a.evaluate(
    ({ store, n }) => {
      const chat = new Function(`return ${store}`)() as { send(text: string): Promise<boolean> }
      for (let i = 0; i < n; i++) void chat.send(`burst ${i}`)
    },
    { store: STORE, n: BURST },
  )
  // Delivered: every message in alice's thread says so. Shown: bob's open thread holds them all.
  const deadline = Date.now() + 120_000
  for (;;) {
    const [delivered, shown] = await Promise.all([
      a.evaluate((store) => {
        const chat = new Function(`return ${store}`)() as { thread: { state: string }[] }
        return chat.thread.filter((m) => m.state === 'delivered').length
      }, STORE),
      b.evaluate((store) => {
        const chat = new Function(`return ${store}`)() as { thread: { body: string }[] }
        return chat.thread.length
      }, STORE),
    ])
    if (process.env.BENCH_TRACE)
      console.log(Math.round(performance.now() - start), delivered, shown)
    if ((delivered >= BURST && shown >= BURST) || Date.now() > deadline) break
    // Coarse enough not to slow the pages down; the burst takes seconds.
    await new Promise((r) => setTimeout(r, 50))
  }
  const ms = performance.now() - start
  const received = await b.evaluate((store) => {
    const chat = new Function(`return ${store}`)() as { thread: { body: string }[] }
    return chat.thread.map((m) => Number(m.body.split(' ')[1]))
  }, STORE)
  const failed = await a.evaluate((store) => {
    const chat = new Function(`return ${store}`)() as { thread: { state: string }[] }
    return chat.thread.filter((m) => m.state === 'failed').length
  }, STORE)
  await a.context().close()
  await b.context().close()
  return { ms, failed, ...tally(received, BURST) }
}

// ── 100,000 stored messages ─────────────────────────────────────────────────────────────────

async function bigThread(browser: Browser, base: string, server: SipServer, alice: DemoUser) {
  const page = await signedInPage(browser, base, server, alice)
  const peer = 'sip:history@127.0.0.1'
  // Straight into IndexedDB (the app's schema), in one transaction: seeding is not measured.
  await page.evaluate(
    ({ n, peer }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('switchboard')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const tx = db.transaction(['messages', 'conversations'], 'readwrite')
          const messages = tx.objectStore('messages')
          const now = Date.now() - n * 1000
          for (let i = 0; i < n; i++) {
            const body =
              i === n / 2
                ? `the needle is here ${i}`
                : `message ${i} about topic w${i % 1000} lorem ipsum`
            messages.add({
              key: `in:seed-${i}:1`,
              peer,
              direction: i % 2 ? 'in' : 'out',
              contentType: 'text/plain',
              body,
              at: now + i * 1000,
              state: i % 2 ? 'received' : 'delivered',
              words: [
                ...new Set(
                  body
                    .toLowerCase()
                    .split(/[^\p{L}\p{N}]+/u)
                    .filter(Boolean),
                ),
              ],
            })
          }
          tx.objectStore('conversations').put({
            peer,
            displayName: 'History',
            lastText: 'last',
            lastAt: Date.now(),
            unread: 0,
          })
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    { n: STORED, peer },
  )
  await page.reload()
  await page
    .getByRole('status')
    .filter({ hasText: /^Registered$/ })
    .waitFor({ timeout: 15_000 })
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Chat' })
    .click()
  const timed = (action: string) =>
    page.evaluate(
      async ({ store, action, peer }) => {
        const chat = new Function(`return ${store}`)() as {
          openConversation(p: string): Promise<void>
          search(q: string): Promise<void>
          searchResults: unknown[] | null
        }
        const start = performance.now()
        if (action === 'open') await chat.openConversation(peer)
        else await chat.search(action)
        // Until the result is on screen: the next frame after the DOM update.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
        return { ms: performance.now() - start, hits: chat.searchResults?.length ?? 0 }
      },
      { store: STORE, action, peer },
    )
  const open = await timed('open')
  const shownLast = await page.getByRole('log').innerText()
  if (!shownLast.includes(`message ${STORED - 1} `))
    throw new Error('the newest message is not shown')
  const rare = await timed('needle')
  const common = await timed('w123')
  await page.context().close()
  return { open, rare, common }
}

export async function benchChat(): Promise<void> {
  const server = await startSipServer()
  const web = await serveStatic()
  const browser = await launchBrowser()
  try {
    const [alice, bob, carol, dave] = server.users as [DemoUser, DemoUser, DemoUser, DemoUser]
    const bare = await bareBurst(server, carol, dave)
    const ours = await switchboardBurst(browser, web.url, server, alice, bob)
    const row = (name: string, r: BurstResult, base: BurstResult) => [
      name,
      String(BURST),
      (r.ms / 1000).toFixed(2),
      ((BURST / r.ms) * 1000).toFixed(0),
      String(r.lost),
      String(r.outOfOrder),
      String(r.failed),
      (base.ms / r.ms).toFixed(2),
    ]
    printTable(
      `${BURST} MESSAGEs fired at once, alice → bob via Kamailio (ws://127.0.0.1): until all answered and shown`,
      [
        'client',
        'messages',
        'seconds',
        'msg/s',
        'lost',
        'out of order',
        'not 2xx',
        'throughput vs bare SIP.js',
      ],
      [
        row('bare SIP.js Messager (Node, ws)', bare, bare),
        row('Switchboard (Chromium, stored + shown)', ours, bare),
      ],
    )
    const big = await bigThread(browser, web.url, server, alice)
    printTable(
      `One thread of ${STORED.toLocaleString('en')} stored messages (Chromium, IndexedDB)`,
      ['operation', 'ms', 'result', 'target'],
      [
        ['open the thread (newest page shown)', big.open.ms.toFixed(1), '50 newest', '< 100'],
        ['search a rare word ("needle")', big.rare.ms.toFixed(1), `${big.rare.hits} hit`, '< 200'],
        [
          'search a common word ("w123")',
          big.common.ms.toFixed(1),
          `${big.common.hits} hits (first 100)`,
          '< 200',
        ],
      ],
    )
  } finally {
    await browser.close()
    await web.close()
    await server.dispose()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchChat()
