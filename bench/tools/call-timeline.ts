// Diagnostic, not a benchmark: the timeline of one call on a Switchboard pair and on the bare
// SIP.js pair, from the pages themselves — every SIP message on the WebSocket, each ICE
// candidate, getUserMedia/enumerateDevices/permissions calls, and the call-state text the user
// reads. `npx tsx bench/tools/call-timeline.ts [rounds]`; ms from the caller's click.
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { startSipServer, type DemoUser } from '../../scripts/sip-server/server'
import { RENDERER_DIR, serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { signIn } from '../../test/e2e/support/app'

type Entry = [at: number, what: string]
declare global {
  interface Window {
    __log?: Entry[]
    __dial?: (target: string) => void
    __hangup?: () => void
  }
}

// A string: it runs in the page before the app (see support/peer-connections.ts for why).
const RECORD = `
  window.__log = []
  const t = () => performance.timeOrigin + performance.now()
  const log = (what) => window.__log.push([t(), what])
  const line = (d) => d.split('\\r\\n')[0] + ' ' + ((d.match(/CSeq: (.*)/) || [])[1] || '')
  const OrigWS = window.WebSocket
  window.WebSocket = class extends OrigWS {
    constructor(...a) {
      super(...a)
      this.addEventListener('message', (e) => { if (typeof e.data === 'string') log('<= ' + line(e.data)) })
    }
    send(d) { if (typeof d === 'string') log('=> ' + line(d)); return super.send(d) }
  }
  for (const [obj, name] of [[navigator.mediaDevices, 'enumerateDevices'], [navigator.mediaDevices, 'getUserMedia'], [navigator.permissions, 'query']]) {
    const orig = obj[name].bind(obj)
    obj[name] = async (...a) => { log(name + ' start'); try { return await orig(...a) } finally { log(name + ' end') } }
  }
  const OrigPC = window.RTCPeerConnection
  window.RTCPeerConnection = class extends OrigPC {
    constructor(c) {
      super(c)
      log('pc created')
      this.addEventListener('icegatheringstatechange', () => log('gathering ' + this.iceGatheringState))
      this.addEventListener('icecandidate', (e) => log('candidate ' + (e.candidate ? e.candidate.candidate.split(' ').slice(2, 8).join(' ') : 'end')))
      this.addEventListener('connectionstatechange', () => log('pc ' + this.connectionState))
    }
  }
  new MutationObserver(() => {
    const answer = document.querySelector('[role=alertdialog] button')
    if (answer && answer.textContent.trim() === 'Answer' && !answer.dataset.clicked) {
      answer.dataset.clicked = '1'
      log('click Answer')
      answer.click()
    }
    const state = document.querySelector('[role=status][aria-label="Call state"]')
    if (state && state.textContent.trim() !== window.__shown) {
      window.__shown = state.textContent.trim()
      log('UI ' + window.__shown)
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
`

const rounds = Number(process.argv[2] ?? 1)
const server = await startSipServer()
const web = await serveStatic({
  '/': RENDERER_DIR,
  '/bench/': resolve(import.meta.dirname, '../pages'),
  '/sipjs/': resolve(import.meta.dirname, '../../node_modules/sip.js/lib'),
})
const browser = await launchBrowser()

async function open(b: Browser, url: string): Promise<Page> {
  const context = await b.newContext({ permissions: ['microphone', 'camera'] })
  await context.addInitScript(RECORD)
  const page = await context.newPage()
  await page.goto(url)
  return page
}

async function ours(u: DemoUser): Promise<Page> {
  const page = await open(browser, web.url)
  await signIn(page, {
    aor: u.aor,
    server: server.wsUrl,
    password: u.password,
    displayName: u.displayName,
  })
  await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor()
  return page
}

async function bare(u: DemoUser): Promise<Page> {
  const q = new URLSearchParams({
    aor: u.aor,
    server: server.wsUrl,
    user: u.username,
    password: u.password,
  })
  const page = await open(browser, `${web.url}bench/bare-call.html?${q}`)
  await page.getByText('Registered').waitFor()
  return page
}

async function print(label: string, [caller, callee]: Page[], t0: number): Promise<void> {
  const logs = await Promise.all(
    [caller!, callee!].map((p) => p.evaluate(() => window.__log ?? [])),
  )
  const rows = logs
    .flatMap((log, i) =>
      log
        .filter(([at]) => at >= t0 - 5)
        .map(([at, what]): Entry => [at - t0, `${i === 0 ? 'caller' : '    callee'} ${what}`]),
    )
    .sort((a, b) => a[0] - b[0])
  console.log(`\n== ${label}`)
  for (const [at, what] of rows) console.log(`${at.toFixed(1).padStart(8)} ${what}`)
}

const clear = (pages: Page[]): Promise<unknown> =>
  Promise.all(pages.map((p) => p.evaluate(() => void (window.__log = []))))
const [a, b, c, d] = server.users as [DemoUser, DemoUser, DemoUser, DemoUser]
const oursPair = [await ours(a), await ours(b)]
const barePair = [await bare(c), await bare(d)]
for (let round = 0; round < rounds; round++) {
  await clear([...oursPair, ...barePair])
  const [caller] = oursPair as [Page, Page]
  await caller.getByRole('textbox', { name: 'Number or SIP address' }).fill(b.username)
  const t0 = await caller.evaluate(() => {
    const at = performance.timeOrigin + performance.now()
    ;[...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Call')?.click()
    return at
  })
  await caller
    .getByRole('status', { name: 'Call state' })
    .filter({ hasText: 'Connected' })
    .waitFor()
  await caller.waitForTimeout(1500)
  await print('Switchboard', oursPair, t0)
  await caller.getByRole('button', { name: 'Hang up' }).click()
  await caller.waitForTimeout(800)

  const [bareCaller] = barePair as [Page, Page]
  const t1 = await bareCaller.evaluate((target) => {
    const at = performance.timeOrigin + performance.now()
    window.__dial?.(target)
    return at
  }, d.aor)
  await bareCaller.getByText('Connected').waitFor()
  await bareCaller.waitForTimeout(1500)
  await print('bare SIP.js', barePair, t1)
  await bareCaller.evaluate(() => window.__hangup?.())
  await bareCaller.waitForTimeout(800)
}
await browser.close()
await web.close()
await server.dispose()
