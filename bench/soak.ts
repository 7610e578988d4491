// `npm run soak [-- --minutes N]`: a compressed day of use between two Switchboard pages (alice and
// bob) on the project's Kamailio. In a loop until the time is up: a call (audio, every 5th with
// video, every 3rd put on hold and resumed, either side hangs up), ten chat messages bob → alice,
// a status change of bob (alice watches him among 50 contacts), and Kamailio restarted at random
// times (20 over 30 minutes, scaled), after which both register, subscribe and publish again
// (the app's own refresh interval, 9 of 600 s, is not shortened). Each page is sampled every 30 s: JS heap after a
// forced GC, DOM nodes, event listeners (CDP Performance metrics), IndexedDB usage (storage
// estimate), open RTCPeerConnections and live capture tracks (the page's own registry). The end
// prints start / end / max per figure, and counts messages lost and duplicated (from alice's own
// IndexedDB) and calls that got stuck. Exit code 1 when a limit is broken.
// Needs a build (`npx electron-vite build`). Not part of `npm test`.
import type { Browser, CDPSession, Page } from 'playwright-core'
import { DEMO_USERS, startSipServer, type SipServer } from '../scripts/sip-server/server'
import { serveStatic, type StaticServer } from '../scripts/serve-static'
import { launchBrowser, openUserPage } from '../test/e2e/support/browser'
import { signIn, textOf, registrationStatus, railButton } from '../test/e2e/support/app'
import { openMedia } from '../test/e2e/support/peer-connections'
import { printTable } from './table'

const minutes = Number(argument('--minutes') ?? 30)
const DURATION_MS = minutes * 60_000
const SAMPLE_MS = 30_000
const RESTARTS = Math.max(1, Math.round((20 * minutes) / 30))
const WATCHED_CONTACTS = 50
const MESSAGES_PER_CYCLE = 10
const STATUSES = ['Available', 'Away', 'Busy', 'Available']

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}

interface Sample {
  heapMb: number
  nodes: number
  listeners: number
  idbKb: number
  peerConnections: number
  liveTracks: number
}

interface Soaker {
  name: string
  page: Page
  cdp: CDPSession
  samples: Sample[]
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms))

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true
    await sleep(100)
  }
  console.warn(`soak: ${what} not within ${timeoutMs} ms`)
  return false
}

const callState = (page: Page) => textOf(page.getByRole('status', { name: 'Call state' }))

async function sample(s: Soaker): Promise<void> {
  await s.cdp.send('HeapProfiler.collectGarbage')
  const heap = await s.cdp.send('Runtime.getHeapUsage')
  const { metrics } = await s.cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
  const usage = await s.page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0)
  const media = await openMedia(s.page)
  s.samples.push({
    heapMb: heap.usedSize / 1024 / 1024,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    idbKb: usage / 1024,
    peerConnections: media.connections,
    liveTracks: media.tracks,
  })
}

async function open(
  browser: Browser,
  url: string,
  name: string,
  server: SipServer,
): Promise<Soaker> {
  const { page } = await openUserPage(browser, url, { recordMedia: true })
  const user = server.users.find((u) => u.username === name)!
  await signIn(page, {
    aor: user.aor,
    server: server.wsUrl,
    password: user.password,
    displayName: user.displayName,
  })
  await until(
    `${name} registered`,
    async () => (await textOf(registrationStatus(page))) === 'Registered',
    15_000,
  )
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  return { name, page, cdp, samples: [] }
}

async function addContact(page: Page, name: string, address: string): Promise<void> {
  await page.getByRole('button', { name: 'Add contact' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add contact' })
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByLabel('SIP address').fill(address)
  await dialog.getByRole('button', { name: 'Save' }).click()
}

/** One call alice → bob; false when it got stuck somewhere. */
async function oneCall(alice: Page, bob: Page, n: number): Promise<boolean> {
  const video = n % 5 === 0
  await alice.getByRole('textbox', { name: 'Number or SIP address' }).fill('bob')
  await alice.getByRole('button', { name: video ? 'Video call' : 'Call', exact: true }).click()
  const dialog = bob.getByRole('alertdialog', { name: 'Incoming call' })
  if (!(await until('incoming call', () => dialog.isVisible(), 10_000))) return false
  await dialog
    .getByRole('button', { name: video ? 'Answer with video' : 'Answer', exact: true })
    .click()
  const connected = async () =>
    (await callState(alice)) === 'Connected' && (await callState(bob)) === 'Connected'
  if (!(await until('Connected', connected, 15_000))) return false
  await sleep(1000)
  if (n % 3 === 0) {
    await alice.getByRole('button', { name: 'Hold', exact: true }).click()
    if (!(await until('On hold', async () => (await callState(alice)) === 'On hold', 5_000)))
      return false
    await alice.getByRole('button', { name: 'Resume', exact: true }).click()
    if (!(await until('resumed', connected, 5_000))) return false
  }
  const hanger = n % 2 === 0 ? alice : bob
  await hanger.getByRole('button', { name: 'Hang up', exact: true }).click()
  const ended = async () =>
    /^Ended/.test((await callState(alice)) ?? 'Ended') &&
    /^Ended/.test((await callState(bob)) ?? 'Ended')
  return until('both ended', ended, 10_000)
}

async function sendMessages(bob: Page, from: number, count: number): Promise<void> {
  const box = bob.getByRole('textbox', { name: 'Message' })
  for (let i = from; i < from + count; i++) {
    await until('message box cleared', async () => (await box.inputValue()) === '', 5_000)
    await box.fill(`soak ${i}`)
    await box.press('Enter')
  }
}

interface Received {
  body: string
  key: string
  at: number
}

/** alice's received soak messages (text, dedup key, time), from her own IndexedDB. */
async function receivedRows(alice: Page): Promise<Received[]> {
  return alice.evaluate(
    () =>
      new Promise<Received[]>((resolve, reject) => {
        const request = indexedDB.open('switchboard')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const all = db.transaction('messages').objectStore('messages').getAll()
          all.onsuccess = () => {
            const rows = all.result as (Received & { direction: string })[]
            resolve(
              rows
                .filter((r) => r.direction === 'in' && r.body.startsWith('soak '))
                .map(({ body, key, at }) => ({ body, key, at })),
            )
            db.close()
          }
          all.onerror = () => reject(all.error)
        }
      }),
  )
}

async function received(alice: Page): Promise<string[]> {
  return (await receivedRows(alice)).map((r) => r.body)
}

async function main(): Promise<void> {
  const server = await startSipServer({ memoryMb: 128 })
  const web: StaticServer = await serveStatic()
  const browser = await launchBrowser()
  let exitCode = 0
  try {
    const alice = await open(browser, web.url, 'alice', server)
    const bob = await open(browser, web.url, 'bob', server)

    // alice watches bob and 49 others (the other demo users, then addresses nobody registers).
    await railButton(alice.page, 'Contacts').click()
    await addContact(alice.page, 'Bob', DEMO_USERS[1]!.aor)
    for (let i = 1; i < WATCHED_CONTACTS; i++) {
      await addContact(alice.page, `Watched ${i}`, `sip:watched${i}@${server.domain}`)
    }
    // bob's thread with alice stays open for the messages.
    await bob.page.getByRole('textbox', { name: 'Number or SIP address' }).fill('alice')
    await bob.page.getByRole('button', { name: 'Message', exact: true }).click()
    await railButton(alice.page, 'Calls').click()

    const start = Date.now()
    const restartAt = Array.from(
      { length: RESTARTS },
      () => start + Math.random() * DURATION_MS,
    ).sort((a, b) => a - b)
    await Promise.all([sample(alice), sample(bob)])
    let nextSample = Date.now() + SAMPLE_MS
    let calls = 0
    let stuck = 0
    let sent = 0
    let restarts = 0
    while (Date.now() - start < DURATION_MS) {
      calls += 1
      if (!(await oneCall(alice.page, bob.page, calls))) {
        stuck += 1
        for (const p of [alice.page, bob.page]) {
          await p
            .getByRole('button', { name: 'Hang up', exact: true })
            .click({ timeout: 1000 })
            .catch(() => undefined)
        }
      }
      await sendMessages(bob.page, sent, MESSAGES_PER_CYCLE)
      sent += MESSAGES_PER_CYCLE
      await bob.page
        .getByRole('combobox', { name: 'My status' })
        .selectOption({ label: STATUSES[calls % STATUSES.length]! })
      if (restartAt.length > 0 && Date.now() >= restartAt[0]!) {
        restartAt.shift()
        restarts += 1
        await server.stop()
        await server.start()
        for (const s of [alice, bob]) {
          await until(
            `${s.name} registered again`,
            async () => (await textOf(registrationStatus(s.page))) === 'Registered',
            30_000,
          )
        }
      }
      if (Date.now() >= nextSample) {
        await Promise.all([sample(alice), sample(bob)])
        nextSample = Date.now() + SAMPLE_MS
      }
    }
    // Let the last messages land, then the figures at rest.
    await until(
      'all messages stored',
      async () => new Set(await received(alice.page)).size >= sent,
      30_000,
    )
    await sleep(2000)
    await Promise.all([sample(alice), sample(bob)])

    const rowsIn = await receivedRows(alice.page)
    const got = rowsIn.map((r) => r.body)
    const unique = new Set(got)
    // What a duplicate looked like: the same text stored under two keys.
    for (const body of unique) {
      const copies = rowsIn.filter((r) => r.body === body)
      if (copies.length > 1) console.warn(`soak: "${body}" stored ${copies.length}×`, copies)
    }
    const lost = sent - unique.size
    if (lost > 0) {
      // How the sender saw the missing ones (its own IndexedDB): Failed, still Sending …
      const missing = new Set(
        Array.from({ length: sent }, (_, i) => `soak ${i}`).filter((b) => !unique.has(b)),
      )
      const states = await bob.page.evaluate(
        (bodies) =>
          new Promise<unknown[]>((resolve, reject) => {
            const request = indexedDB.open('switchboard')
            request.onerror = () => reject(request.error)
            request.onsuccess = () => {
              const db = request.result
              const all = db.transaction('messages').objectStore('messages').getAll()
              all.onsuccess = () => {
                const rows = all.result as { body: string; state: string; reason?: string }[]
                resolve(rows.filter((r) => bodies.includes(r.body)))
                db.close()
              }
              all.onerror = () => reject(all.error)
            }
          }),
        [...missing],
      )
      console.warn('soak: lost messages as bob stored them', states)
    }
    const duplicated = got.length - unique.size
    const rows: string[][] = []
    const figures: [keyof Sample, string, number][] = [
      ['heapMb', 'JS heap after GC (MB)', 1],
      ['nodes', 'DOM nodes', 0],
      ['listeners', 'Event listeners', 0],
      ['idbKb', 'IndexedDB (kB)', 0],
      ['peerConnections', 'Open peer connections', 0],
      ['liveTracks', 'Live capture tracks', 0],
    ]
    for (const s of [alice, bob]) {
      for (const [key, label, digits] of figures) {
        const values = s.samples.map((x) => x[key])
        rows.push([
          s.name,
          label,
          values[0]!.toFixed(digits),
          values.at(-1)!.toFixed(digits),
          Math.max(...values).toFixed(digits),
        ])
      }
    }
    printTable(
      `Soak: ${minutes} min, ${calls} calls, ${sent} messages, ${restarts} Kamailio restarts, ${WATCHED_CONTACTS} watched contacts`,
      ['page', 'figure', 'start', 'end', 'max'],
      rows,
    )
    printTable(
      'Soak: outcomes',
      ['figure', 'count'],
      [
        ['messages lost', String(lost)],
        ['messages duplicated', String(duplicated)],
        ['calls stuck', String(stuck)],
      ],
    )
    // Limits: heap after GC grows < 10 % from the first sample past the first fifth of the run
    // (the "hour 1", scaled) to the end; nothing open at rest; no losses.
    for (const s of [alice, bob]) {
      const settled = s.samples[Math.floor(s.samples.length / 5)]!
      const end = s.samples.at(-1)!
      if (end.heapMb > settled.heapMb * 1.1) {
        console.error(
          `${s.name}: heap grew ${settled.heapMb.toFixed(1)} → ${end.heapMb.toFixed(1)} MB`,
        )
        exitCode = 1
      }
      if (end.peerConnections !== 0 || end.liveTracks !== 0) exitCode = 1
    }
    if (lost !== 0 || duplicated !== 0 || stuck !== 0) exitCode = 1
  } finally {
    await browser.close()
    await web.close()
    await server.dispose()
  }
  process.exitCode = exitCode
}

await main()
