// `npm run soak [-- --minutes N]`: a compressed day of use between Switchboard pages (alice, bob,
// and carol for transfers) on the project's Kamailio. In a loop until the time is up and at least
// 500 calls were made (both scaled by --minutes): a call
// alice → bob (audio, every 5th with video, every 3rd put on hold and resumed, every 4th
// transferred by bob to carol, either side hangs up), ten chat messages bob → alice (bob's
// thread with alice stays open, and so does alice's with bob), a status change of bob, and Kamailio restarted at random times (20 over
// 30 minutes, scaled), after which everyone registers, subscribes and publishes again (the app's
// own refresh interval, 9 of 600 s, is not shortened). Meanwhile 50 publishers (SIP.js in this
// Node process) change their status every few seconds; alice watches them and bob. Each page is
// sampled every 30 s: JS heap after a forced GC, DOM nodes, event listeners (CDP Performance
// metrics), IndexedDB usage (storage estimate), open RTCPeerConnections and live capture tracks
// (the page's own registry). The end prints start / end / max per figure, and counts messages
// lost and duplicated (from alice's own IndexedDB), calls that failed cleanly (a step did not
// happen, but every page came to rest by itself, showing why) and calls that got stuck (a page
// still showed a live call or a ringing dialog 25 s later), and watched statuses alice shows
// wrong at the end. Exit code 1 when a limit is broken.
// Needs a build (`npx electron-vite build`). Not part of `npm test`.
import type { Browser, CDPSession, Page } from 'playwright-core'
import { WebSocket } from 'ws'
import { Publisher, PublisherState, UserAgent } from 'sip.js'
import {
  DEMO_USERS,
  SIP_DOMAIN,
  VOICEMAIL_USER,
  startSipServer,
  type DemoUser,
  type SipServer,
} from '../scripts/sip-server/server'
import { buildPidf } from '../shared/presence/pidf'
import { serveStatic, type StaticServer } from '../scripts/serve-static'
import { launchBrowser, openUserPage } from '../test/e2e/support/browser'
import { signIn, textOf, registrationStatus, railButton } from '../test/e2e/support/app'
import { openMedia } from '../test/e2e/support/peer-connections'
import { printTable } from './table'
import { allCodeMb, bytesByGroup, harnessCodeMb, snapshotCode } from './tools/heap-code'

const minutes = Number(argument('--minutes') ?? 30)
const DURATION_MS = minutes * 60_000
const SAMPLE_MS = 30_000
const RESTARTS = Math.max(1, Math.round((20 * minutes) / 30))
/** The day: at least 500 calls (and 5000 messages) in 30 minutes, scaled; the run goes on past the time until they are made. */
const CALLS = Math.max(1, Math.round((500 * minutes) / 30))
const PUBLISHERS = 50
/** Each publisher changes its status this often (spread evenly over the interval). */
const PUBLISH_EVERY_MS = 5_000
const MESSAGES_PER_CYCLE = 10
const STATUSES = ['Available', 'Away', 'Busy', 'Available']
/** After a step fails: how long every page gets to come to rest by itself (recovery's 20 s bound). */
const REST_WITHIN_MS = 25_000

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}

interface Sample {
  /** ms since the soak started (sampling waits for a call to finish: not exactly every 30 s). */
  at: number
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
  /** Compiled code in the heap (MB, from a heap snapshot) after warm-up and at the end. */
  code: { sample: Sample; mb: number; harnessMb: number; byScript: Map<string, number> }[]
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

/** When the soak started (Sample.at counts from here). */
let soakStart = Date.now()

async function sample(s: Soaker): Promise<void> {
  await s.cdp.send('HeapProfiler.collectGarbage')
  const heap = await s.cdp.send('Runtime.getHeapUsage')
  const { metrics } = await s.cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
  const usage = await s.page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0)
  const media = await openMedia(s.page)
  s.samples.push({
    at: Date.now() - soakStart,
    heapMb: heap.usedSize / 1024 / 1024,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    idbKb: usage / 1024,
    peerConnections: media.connections,
    liveTracks: media.tracks,
  })
}

/**
 * How much of the heap is compiled code (V8's JIT output, which grows as functions get hot and
 * is not retained per call), and how much of that is the harness's own (Playwright's injected
 * script, compiled further by every wait the soak polls): from a heap snapshot, taken twice per
 * page per run.
 */
async function recordCode(s: Soaker): Promise<void> {
  const bytes = await snapshotCode(s.cdp)
  s.code.push({
    sample: s.samples.at(-1)!,
    mb: allCodeMb(bytes),
    harnessMb: harnessCodeMb(bytes),
    byScript: bytesByGroup(bytes),
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
  return { name, page, cdp, samples: [], code: [] }
}

async function addContact(page: Page, name: string, address: string): Promise<void> {
  await page.getByRole('button', { name: 'Add contact' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add contact' })
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByLabel('SIP address').fill(address)
  await dialog.getByRole('button', { name: 'Save' }).click()
}

type CallOutcome =
  | { kind: 'ok' }
  /** A step did not happen, yet every page came to rest by itself, saying why (`seen`). */
  | { kind: 'failed'; step: string; seen: string }
  /** A page still showed a live call or a ringing dialog REST_WITHIN_MS after the failed step. */
  | { kind: 'stuck'; step: string; seen: string }

/** Every "Call state" on a page (a transfer shows two calls for a moment). */
async function callStates(page: Page): Promise<string[]> {
  const all = await page.getByRole('status', { name: 'Call state' }).allInnerTexts()
  return all.map((t) => t.trim())
}

/** No live call (every state reads "Ended: …") and nothing ringing. */
async function atRest(page: Page): Promise<boolean> {
  const states = await callStates(page)
  const ringing = await page.getByRole('alertdialog', { name: 'Incoming call' }).isVisible()
  return !ringing && states.every((s) => s.startsWith('Ended'))
}

async function describePages(pages: Soaker[]): Promise<string> {
  const parts: string[] = []
  for (const s of pages) {
    const states = await callStates(s.page).catch(() => [])
    const ringing = await s.page
      .getByRole('alertdialog', { name: 'Incoming call' })
      .isVisible()
      .catch(() => false)
    parts.push(`${s.name}: ${[...states, ...(ringing ? ['ringing'] : [])].join(', ') || '-'}`)
  }
  return parts.join('; ')
}

/**
 * A step of a call did not happen in time: failed cleanly if every page then comes to rest by
 * itself, stuck if not; either way the soak then hangs up whatever is left.
 */
async function judge(step: string, pages: Soaker[]): Promise<CallOutcome> {
  const rested = await until(
    `rest after "${step}"`,
    async () => (await Promise.all(pages.map((s) => atRest(s.page)))).every(Boolean),
    REST_WITHIN_MS,
  )
  const seen = await describePages(pages)
  for (const s of pages) {
    for (let i = 0; i < 3; i++) {
      await s.page
        .getByRole('button', { name: 'Hang up', exact: true })
        .first()
        .click({ timeout: 1000 })
        .catch(() => undefined)
      await s.page
        .getByRole('alertdialog', { name: 'Incoming call' })
        .getByRole('button', { name: 'Decline', exact: true })
        .click({ timeout: 500 })
        .catch(() => undefined)
    }
  }
  return rested ? { kind: 'failed', step, seen } : { kind: 'stuck', step, seen }
}

/** One call alice → bob (every 4th transferred by bob to carol). */
async function oneCall(alice: Soaker, bob: Soaker, carol: Soaker, n: number): Promise<CallOutcome> {
  const pages = [alice, bob, carol]
  const video = n % 5 === 0
  const transfer = n % 4 === 2
  const dialled = await describePages(pages)
  await alice.page.getByRole('textbox', { name: 'Number or SIP address' }).fill('bob')
  await alice.page.getByRole('button', { name: video ? 'Video call' : 'Call', exact: true }).click()
  const dialog = bob.page.getByRole('alertdialog', { name: 'Incoming call' })
  if (!(await until('incoming call', () => dialog.isVisible(), 10_000))) {
    console.warn(`soak: call ${n} did not ring; before dialling: ${dialled}`)
    return judge('incoming call', pages)
  }
  await dialog
    .getByRole('button', { name: video ? 'Answer with video' : 'Answer', exact: true })
    .click()
  const connected = async () =>
    (await callState(alice.page)) === 'Connected' && (await callState(bob.page)) === 'Connected'
  if (!(await until('Connected', connected, 15_000))) return judge('Connected', pages)
  await sleep(1000)
  if (n % 3 === 0) {
    await alice.page.getByRole('button', { name: 'Hold', exact: true }).click()
    if (!(await until('On hold', async () => (await callState(alice.page)) === 'On hold', 5_000)))
      return judge('On hold', pages)
    await alice.page.getByRole('button', { name: 'Resume', exact: true }).click()
    if (!(await until('resumed', connected, 5_000))) return judge('resumed', pages)
  }
  let talking: [Page, Page] = [alice.page, bob.page]
  if (transfer) {
    // bob hands alice over to carol (blind); alice agrees; carol answers.
    await bob.page.getByRole('button', { name: 'Transfer', exact: true }).click()
    await bob.page.getByRole('textbox', { name: 'Transfer to' }).fill('carol')
    await bob.page.getByRole('button', { name: 'Transfer now', exact: true }).click()
    const confirm = alice.page.getByRole('dialog', { name: 'Confirm call' })
    if (!(await until('transfer offered', () => confirm.isVisible(), 10_000)))
      return judge('transfer offered', pages)
    await confirm.getByRole('button', { name: 'Call', exact: true }).click()
    const ringing = carol.page.getByRole('alertdialog', { name: 'Incoming call' })
    if (!(await until('transfer rings', () => ringing.isVisible(), 10_000)))
      return judge('transfer rings', pages)
    await ringing.getByRole('button', { name: 'Answer', exact: true }).click()
    const transferred = async () =>
      (await callState(carol.page)) === 'Connected' &&
      (await callStates(alice.page)).join() === 'Connected' &&
      (await atRest(bob.page))
    if (!(await until('transferred', transferred, 15_000))) return judge('transferred', pages)
    talking = [alice.page, carol.page]
  }
  const hanger = n % 2 === 0 ? talking[0] : talking[1]
  await hanger.getByRole('button', { name: 'Hang up', exact: true }).click()
  const ended = async () => (await Promise.all(pages.map((s) => atRest(s.page)))).every(Boolean)
  if (!(await until('all ended', ended, 10_000))) return judge('all ended', pages)
  return { kind: 'ok' }
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

/** Someone alice watches who changes status every few seconds: SIP.js in this process. */
function publisherUser(i: number): DemoUser {
  const username = `pub${String(i).padStart(2, '0')}`
  return {
    username,
    password: `${username}-secret`,
    displayName: `Publisher ${i}`,
    aor: `sip:${username}@${SIP_DOMAIN}`,
  }
}

const PIDF_STATUSES = ['available', 'away', 'busy', 'dnd'] as const
const SHOWN: Record<(typeof PIDF_STATUSES)[number], string> = {
  available: 'available',
  away: 'away',
  busy: 'busy',
  dnd: 'dnd',
}

interface Agent {
  user: DemoUser
  ua: UserAgent
  publisher: Publisher
  /** A PUBLISH is out and not yet finally answered. */
  busy: boolean
  /** What that PUBLISH says ("status|note"), recorded once it is accepted. */
  pending?: string | undefined
}

/** The 50 publishers: one PUBLISH each per PUBLISH_EVERY_MS, spread out; restartable. */
class Publishers {
  private agents: Agent[] = []
  private timer: ReturnType<typeof setInterval> | undefined
  private next = 0
  published = 0
  /** The status each one published last (what alice should show at the end). */
  readonly last = new Map<string, string>()

  constructor(
    private readonly server: SipServer,
    readonly users: DemoUser[],
  ) {}

  /** Connects everyone (in batches: a burst of sockets overflows the accept queue), then ticks. */
  async start(): Promise<void> {
    for (let i = 0; i < this.users.length; i += 10) {
      await Promise.all(
        this.users.slice(i, i + 10).map(async (user) => {
          const ua = new UserAgent({
            uri: UserAgent.makeURI(user.aor)!,
            transportOptions: { server: this.server.wsUrl },
            authorizationUsername: user.username,
            authorizationPassword: user.password,
            logLevel: 'error',
            logBuiltinEnabled: false,
          })
          await ua.start()
          const agent: Agent = {
            user,
            ua,
            publisher: undefined as unknown as Publisher,
            busy: false,
          }
          agent.publisher = this.makePublisher(agent)
          this.agents.push(agent)
        }),
      )
    }
    for (const agent of this.agents) await this.publish(agent)
    const step = PUBLISH_EVERY_MS / this.agents.length
    this.timer = setInterval(() => {
      const agent = this.agents[this.next++ % this.agents.length]
      if (agent) void this.publish(agent)
    }, step)
  }

  /**
   * Stops ticking and lets the PUBLISHes still out be answered (a 30-minute run counted one
   * status "wrong" that alice did show: its 200 was lost with the socket closed right after).
   */
  async settle(): Promise<void> {
    clearInterval(this.timer)
    const deadline = Date.now() + 5000
    while (this.agents.some((a) => a.busy) && Date.now() < deadline) await sleep(100)
  }

  /**
   * Stops ticking and drops the connections (a Kamailio restart took them anyway). Each
   * Publisher is disposed too: its refresh timer (0.9 × Expires, 54 min) otherwise outlived the
   * soak, so the process never exited after its tables. Nothing is unpublished (see
   * makePublisher): alice keeps showing the last status.
   */
  stop(): void {
    clearInterval(this.timer)
    for (const { ua, publisher } of this.agents) {
      void publisher.dispose()
      void ua.transport.dispose().catch(() => undefined)
    }
    this.agents = []
  }

  /**
   * A SIP.js Publisher whose final answers free the agent for its next PUBLISH (one at a time:
   * a second before the first is answered loops on 407). SIP.js throws from inside the socket's
   * message handler on an answer that reaches a Publisher it already ended (a failed refresh),
   * which would take the soak down: such answers are dropped, and an ended Publisher is replaced.
   */
  private makePublisher(agent: Agent): Publisher {
    const publisher = new Publisher(agent.ua, UserAgent.makeURI(agent.user.aor)!, 'presence', {
      contentType: 'application/pidf+xml',
      expires: 3600,
      // stop() disposes it without a PUBLISH: the status stays what alice should show.
      unpublishOnClose: false,
    })
    const inner = publisher as unknown as { receiveResponse(m: { statusCode?: number }): void }
    const receive = inner.receiveResponse.bind(publisher)
    inner.receiveResponse = (message) => {
      const code = message.statusCode ?? 0
      if (code >= 200 && code !== 401 && code !== 407) agent.busy = false
      // Only an accepted PUBLISH is what alice should see.
      if (code >= 200 && code < 300 && agent.pending !== undefined) {
        this.last.set(agent.user.aor, agent.pending)
        this.published += 1
        agent.pending = undefined
      }
      if (publisher.state === PublisherState.Terminated) return
      receive(message)
    }
    publisher.stateChange.addListener((state) => {
      if (state !== PublisherState.Terminated) return
      const current = this.agents.find((a) => a.publisher === publisher)
      if (current) current.publisher = this.makePublisher(current)
    })
    return publisher
  }

  private async publish(agent: Agent): Promise<void> {
    if (agent.busy) return
    agent.busy = true
    // Never stuck on a lost answer: the next tick after 10 s may go.
    const since = Date.now()
    setTimeout(() => {
      if (agent.busy && Date.now() - since >= 10_000) agent.busy = false
    }, 10_000)
    const status = PIDF_STATUSES[Math.floor(Math.random() * PIDF_STATUSES.length)]!
    const note = `n${this.published}`
    try {
      agent.pending = `${SHOWN[status]}|${note}`
      await agent.publisher.publish(
        buildPidf({ entity: agent.user.aor, status, note, id: agent.user.username }),
      )
    } catch {
      // A restart under it, or an ended Publisher (replaced): the next tick publishes afresh.
      agent.busy = false
    }
  }
}

/** What alice's presence store holds for each watched address ("status|note"). */
async function shownPresence(alice: Page): Promise<Record<string, string>> {
  return alice.evaluate(() => {
    interface Holder {
      __vue_app__?: {
        config: {
          globalProperties: {
            $pinia?: {
              state: {
                value: Record<
                  string,
                  { presence?: Record<string, { status?: string; note?: string }> }
                >
              }
            }
          }
        }
      }
    }
    const app = (document.querySelector('#app') as unknown as Holder | null)?.__vue_app__
    const presence = app?.config.globalProperties.$pinia?.state.value.presence?.presence ?? {}
    const out: Record<string, string> = {}
    for (const [aor, p] of Object.entries(presence)) out[aor] = `${p.status ?? ''}|${p.note ?? ''}`
    return out
  })
}

/**
 * Starts Kamailio again on its ports. Another job on this machine may hold one of them for a
 * moment (a short run ended with "port … already in use" at a restart): wait and try again.
 */
async function startAgain(server: SipServer): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start()
      return
    } catch (error) {
      if (attempt >= 20 || !/already in use/.test(String(error))) throw error
      console.warn(`soak: ${String(error)}; trying again`)
      await sleep(1000)
    }
  }
}

/** Least-squares slope of (ms, value) points, per hour; 0 with fewer than two distinct times. */
function slopePerHour(points: [number, number][]): number {
  const n = points.length
  if (n < 2) return 0
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n
  let sxy = 0
  let sxx = 0
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my)
    sxx += (x - mx) ** 2
  }
  return sxx === 0 ? 0 : (sxy / sxx) * 3_600_000
}

async function main(): Promise<void> {
  ;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket
  // The publishers are SIP.js in this process: one of its throws inside a socket handler must
  // not end the soak of the pages (counted and shown in the outcomes, never hidden).
  let publisherErrors = 0
  process.on('uncaughtException', (error) => {
    if (!/node_modules\/sip\.js\//.test(error.stack ?? '')) throw error
    publisherErrors += 1
    console.warn(`soak: a publisher's SIP.js threw: ${error.message}`)
  })
  const publisherUsers = Array.from({ length: PUBLISHERS }, (_, i) => publisherUser(i + 1))
  const server = await startSipServer({
    memoryMb: 128,
    users: [...DEMO_USERS, VOICEMAIL_USER, ...publisherUsers],
  })
  const web: StaticServer = await serveStatic()
  const browser = await launchBrowser()
  const publishers = new Publishers(server, publisherUsers)
  let exitCode = 0
  try {
    const alice = await open(browser, web.url, 'alice', server)
    const bob = await open(browser, web.url, 'bob', server)
    const carol = await open(browser, web.url, 'carol', server)

    // alice watches bob and the 50 publishers.
    await railButton(alice.page, 'Contacts').click()
    await addContact(alice.page, 'Bob', DEMO_USERS[1]!.aor)
    for (const u of publisherUsers) await addContact(alice.page, u.displayName, u.aor)
    await publishers.start()
    // bob's thread with alice stays open for the messages.
    await bob.page.getByRole('textbox', { name: 'Number or SIP address' }).fill('alice')
    await bob.page.getByRole('button', { name: 'Message', exact: true }).click()
    // alice reads along: her thread with bob stays open too, so an open thread receives every
    // message (its DOM and listeners must stay flat); calls show in the panel over any view.
    await alice.page.getByRole('textbox', { name: 'Number or SIP address' }).fill('bob')
    await alice.page.getByRole('button', { name: 'Message', exact: true }).click()

    const start = Date.now()
    soakStart = start
    const restartAt = Array.from(
      { length: RESTARTS },
      () => start + Math.random() * DURATION_MS,
    ).sort((a, b) => a - b)
    await Promise.all([sample(alice), sample(bob), sample(carol)])
    let nextSample = Date.now() + SAMPLE_MS
    let calls = 0
    let transfers = 0
    const failed: CallOutcome[] = []
    const stuck: CallOutcome[] = []
    let sent = 0
    let restarts = 0
    while (Date.now() - start < DURATION_MS || calls < CALLS) {
      calls += 1
      if (calls % 4 === 2) transfers += 1
      const outcome = await oneCall(alice, bob, carol, calls)
      if (outcome.kind !== 'ok') {
        console.warn(`soak: call ${calls} ${outcome.kind} at "${outcome.step}" (${outcome.seen})`)
        ;(outcome.kind === 'stuck' ? stuck : failed).push(outcome)
      }
      await sendMessages(bob.page, sent, MESSAGES_PER_CYCLE)
      sent += MESSAGES_PER_CYCLE
      await bob.page
        .getByRole('combobox', { name: 'My status' })
        .selectOption({ label: STATUSES[calls % STATUSES.length]! })
      if (restartAt.length > 0 && Date.now() >= restartAt[0]!) {
        restartAt.shift()
        restarts += 1
        publishers.stop()
        await server.stop()
        await startAgain(server)
        await publishers.start()
        for (const s of [alice, bob, carol]) {
          const back = await until(
            `${s.name} registered again`,
            async () => (await textOf(registrationStatus(s.page))) === 'Registered',
            30_000,
          )
          if (!back)
            console.warn(`soak: ${s.name} reads "${await textOf(registrationStatus(s.page))}"`)
        }
      }
      if (Date.now() >= nextSample) {
        await Promise.all([sample(alice), sample(bob), sample(carol)])
        nextSample = Date.now() + SAMPLE_MS
        // The first sample past warm-up: how much of the heap is compiled code at that point.
        if (alice.code.length === 0 && Date.now() - start >= DURATION_MS / 5) {
          for (const s of [alice, bob, carol]) await recordCode(s)
        }
      }
    }
    // Let the last messages land, then the figures at rest.
    await until(
      'all messages stored',
      async () => new Set(await received(alice.page)).size >= sent,
      30_000,
    )
    // The publishers stop; what alice shows for each must be what it published last.
    await publishers.settle()
    publishers.stop()
    await sleep(3000)
    const shown = await shownPresence(alice.page)
    const stale = [...publishers.last].filter(([aor, last]) => shown[aor] !== last)
    if (stale.length > 0) console.warn('soak: statuses alice shows wrong', stale.slice(0, 5), shown)
    await sleep(2000)
    await Promise.all([sample(alice), sample(bob), sample(carol)])
    for (const s of [alice, bob, carol]) await recordCode(s)

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
    for (const s of [alice, bob, carol]) {
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
      `Soak: ${minutes} min, ${calls} calls (${transfers} transferred), ${sent} messages, ${restarts} Kamailio restarts, ${PUBLISHERS} watched publishers (${publishers.published} status changes)`,
      ['page', 'figure', 'start', 'end', 'max'],
      rows,
    )
    printTable(
      'Soak: outcomes',
      ['figure', 'count'],
      [
        ['messages lost', String(lost)],
        ['messages duplicated', String(duplicated)],
        ['calls failed cleanly', String(failed.length)],
        ['calls stuck', String(stuck.length)],
        ['watched statuses wrong at the end', `${stale.length} of ${publishers.last.size}`],
        ['publisher (Node SIP.js) errors', String(publisherErrors)],
      ],
    )
    // The series themselves, so flatness after warm-up is seen rather than inferred from end ≈ max.
    console.log(
      `\nSoak: every sample per page (~${SAMPLE_MS / 1000} s apart); slope: least squares from the first sample after the first fifth (warm-up) to the end`,
    )
    const series: [keyof Sample, string, string, number][] = [
      ['heapMb', 'JS heap after GC (MB)', 'MB', 1],
      ['nodes', 'DOM nodes', 'nodes', 0],
      ['listeners', 'Event listeners', 'listeners', 0],
    ]
    for (const s of [alice, bob, carol]) {
      const warm = s.samples.slice(Math.floor(s.samples.length / 5))
      for (const [key, label, unit, digits] of series) {
        const perHour = slopePerHour(warm.map((x) => [x.at, x[key]]))
        const slope = `${perHour >= 0 ? '+' : ''}${perHour.toFixed(digits + 1)} ${unit}/h`
        console.log(
          `${s.name} · ${label} · slope after warm-up ${slope}: ${s.samples.map((x) => x[key].toFixed(digits)).join(' ')}`,
        )
      }
    }
    // Limits: heap after GC grows < 10 % from the first sample past the first fifth of the run
    // (the "hour 1", scaled) to the end, DOM nodes and listeners too (flat); nothing
    // open at rest; no losses. The heap is the page's without the harness's compiled code:
    // Playwright's injected script gets compiled further by every wait the soak polls, and a
    // user's page has none of it (bench/tools/heap-code.ts: 3000 status reads add ~90 kB).
    for (const s of [alice, bob, carol]) {
      const [warm, last] = s.code
      const settled = warm?.sample ?? s.samples[Math.floor(s.samples.length / 5)]!
      const end = last?.sample ?? s.samples.at(-1)!
      const pct = (from: number, to: number) =>
        `${to >= from ? '+' : ''}${((to / from - 1) * 100).toFixed(0)} %`
      console.log(
        `${s.name}: heap after GC ${settled.heapMb.toFixed(1)} MB after warm-up (${(settled.at / 60_000).toFixed(1)} min) → ${end.heapMb.toFixed(1)} MB at the end (${pct(settled.heapMb, end.heapMb)})`,
      )
      let appWarm = settled.heapMb
      let appEnd = end.heapMb
      if (warm && last) {
        appWarm -= warm.harnessMb
        appEnd -= last.harnessMb
        const restWarm = appWarm - (warm.mb - warm.harnessMb)
        const restEnd = appEnd - (last.mb - last.harnessMb)
        console.log(
          `${s.name}: the harness's compiled code ${warm.harnessMb.toFixed(2)} → ${last.harnessMb.toFixed(2)} MB; the page without it ${appWarm.toFixed(1)} → ${appEnd.toFixed(1)} MB (${pct(appWarm, appEnd)}), of which the app's compiled code ${(warm.mb - warm.harnessMb).toFixed(1)} → ${(last.mb - last.harnessMb).toFixed(1)} MB and everything else ${restWarm.toFixed(1)} → ${restEnd.toFixed(1)} MB (${pct(restWarm, restEnd)})`,
        )
        // Where compiled code grew: by file of the build (or the harness).
        const grown = [...last.byScript]
          .map(([file, bytes]) => [file, bytes - (warm.byScript.get(file) ?? 0)] as const)
          .filter(([, delta]) => Math.abs(delta) >= 20 * 1024)
          .sort((a, b) => b[1] - a[1])
          .map(([file, delta]) => `${file} ${delta >= 0 ? '+' : ''}${(delta / 1024).toFixed(0)} kB`)
        console.log(
          `${s.name}: compiled code grew by file: ${grown.join(', ') || 'nowhere by 20 kB'}`,
        )
      }
      if (appEnd > appWarm * 1.1) {
        console.error(`${s.name}: heap grew ${appWarm.toFixed(1)} → ${appEnd.toFixed(1)} MB`)
        exitCode = 1
      }
      // DOM nodes and listeners: the median of five samples from warm-up on against the last
      // five, so a banner or a call's panel showing at a sample is not read as growth.
      const at = s.samples.indexOf(settled)
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
      for (const [key, label] of [
        ['nodes', 'DOM nodes'],
        ['listeners', 'event listeners'],
      ] as const) {
        const from = median(s.samples.slice(at, at + 5).map((x) => x[key]))
        const to = median(s.samples.slice(-5).map((x) => x[key]))
        console.log(
          `${s.name}: ${label} ${from} after warm-up → ${to} at the end (medians of five samples)`,
        )
        if (to > from * 1.1) {
          console.error(`${s.name}: ${label} grew ${from} → ${to}`)
          exitCode = 1
        }
      }
      if (end.peerConnections !== 0 || end.liveTracks !== 0) exitCode = 1
    }
    if (lost !== 0 || duplicated !== 0 || stuck.length !== 0 || stale.length !== 0) exitCode = 1
  } finally {
    publishers.stop()
    await browser.close()
    await web.close()
    await server.dispose()
  }
  process.exitCode = exitCode
}

await main()
// Everything is closed by now; should something still hold the event loop, say what.
setTimeout(() => {
  console.warn('soak: still running 10 s after the end, held by', process.getActiveResourcesInfo())
}, 10_000).unref()
