// Diagnostic, not a benchmark: which of the soak's steps leaves DOM nodes behind on alice's page.
// Repeats ONE kind of step N times (after WARMUP of them) and prints alice's `Nodes` and
// `JSEventListeners` (CDP Performance metrics after a forced GC, every Node object alive,
// detached ones included) before and after, then the growth of her heap by constructor with the
// detached DOM nodes ('native:Detached …') apart, and the retainer paths of new ones.
// STEP=call      alice calls bob (audio), bob answers, either hangs up (alternating)
// STEP=video     the same with "Video call" / "Answer with video"
// STEP=hold      a call that alice puts on hold and resumes
// STEP=transfer  bob blind-transfers alice to carol: "Confirm call" on alice, carol answers
// STEP=incoming  bob calls alice, alice answers, either hangs up
// THREAD=0: alice's chat thread with bob is not open (the soak keeps it open).
// PATHS=detached (default): paths of the new detached nodes that grew most; or keys as printed.
// `STEP=video N=20 npx tsx bench/tools/dom-steps.ts` (needs `npx electron-vite build`).
import type { Page } from 'playwright-core'
import { startSipServer } from '../../scripts/sip-server/server'
import { serveStatic } from '../../scripts/serve-static'
import { launchBrowser, openUserPage } from '../../test/e2e/support/browser'
import { signIn } from '../../test/e2e/support/app'
import { domFigures, report, snapshot, type HeapFigures } from './heap-snapshot'

const STEP = process.env.STEP ?? 'call'
const N = Number(process.env.N ?? 20)
const WARMUP = Number(process.env.WARMUP ?? 3)
/** SIP.js's transaction timers (32 s) hold a call's objects for a while after it ends. */
const SETTLE_MS = Number(process.env.SETTLE ?? 35_000)
const THREAD = process.env.THREAD !== '0'
/** Keys (as printed) whose growth in number is shown whatever their size, e.g. SHOW='audio|Undo'. */
const SHOW = process.env.SHOW ? new RegExp(process.env.SHOW) : null
const PATHS = (process.env.PATHS ?? 'detached').split(',').filter(Boolean)

const server = await startSipServer()
const web = await serveStatic()
const browser = await launchBrowser()
const pages: Page[] = []
for (const u of server.users.slice(0, 3)) {
  const { page } = await openUserPage(browser, web.url, { recordMedia: true })
  await signIn(page, {
    aor: u.aor,
    server: server.wsUrl,
    password: u.password,
    displayName: u.displayName,
  })
  await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor({ timeout: 15_000 })
  pages.push(page)
}
const [alice, bob, carol] = pages as [Page, Page, Page]
const [, bobUser, carolUser] = server.users
const state = (page: Page) => page.getByRole('status', { name: 'Call state' })

async function allEnded(): Promise<void> {
  for (const page of pages) {
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[role=status][aria-label="Call state"]')].every((e) =>
        e.textContent?.trim().startsWith('Ended'),
      ),
    )
  }
}

async function dial(from: Page, to: string, video: boolean): Promise<void> {
  await from.getByRole('textbox', { name: 'Number or SIP address' }).fill(to)
  await from.getByRole('button', { name: video ? 'Video call' : 'Call', exact: true }).click()
}

async function answer(page: Page, video: boolean): Promise<void> {
  await page
    .getByRole('alertdialog', { name: 'Incoming call' })
    .getByRole('button', { name: video ? 'Answer with video' : 'Answer', exact: true })
    .click()
}

async function connected(...which: Page[]): Promise<void> {
  for (const page of which) await state(page).filter({ hasText: 'Connected' }).first().waitFor()
}

async function hangUp(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Hang up', exact: true }).first().click()
  await allEnded()
}

async function step(n: number): Promise<void> {
  const video = STEP === 'video'
  if (STEP === 'incoming') {
    await dial(bob, 'alice', false)
    await answer(alice, false)
    await connected(alice, bob)
    await alice.waitForTimeout(500)
    return hangUp(n % 2 === 0 ? alice : bob)
  }
  await dial(alice, bobUser!.username, video)
  await answer(bob, video)
  await connected(alice, bob)
  await alice.waitForTimeout(500)
  if (STEP === 'hold') {
    await alice.getByRole('button', { name: 'Hold', exact: true }).click()
    await state(alice).filter({ hasText: 'On hold' }).waitFor()
    await alice.getByRole('button', { name: 'Resume', exact: true }).click()
    await connected(alice, bob)
  }
  if (STEP === 'transfer') {
    await bob.getByRole('button', { name: 'Transfer', exact: true }).click()
    await bob.getByRole('textbox', { name: 'Transfer to' }).fill(carolUser!.username)
    await bob.getByRole('button', { name: 'Transfer now', exact: true }).click()
    await alice
      .getByRole('dialog', { name: 'Confirm call' })
      .getByRole('button', { name: 'Call', exact: true })
      .click()
    await answer(carol, false)
    await connected(carol)
    await alice.waitForFunction(
      () =>
        [...document.querySelectorAll('[role=status][aria-label="Call state"]')]
          .map((e) => e.textContent?.trim())
          .join() === 'Connected',
    )
    return hangUp(n % 2 === 0 ? alice : carol)
  }
  return hangUp(n % 2 === 0 ? alice : bob)
}

// In the page as a string: tsx's helper names (__name) do not exist there.
const CENSUS = `(() => {
  const pathOf = (e) => {
    const parts = []
    for (let n = e; n && parts.length < 5; n = n.parentElement) {
      const cls = n.classList.length > 0 ? '.' + [...n.classList].join('.') : ''
      const role = n.getAttribute('role') ? '[role=' + n.getAttribute('role') + ']' : ''
      parts.unshift(n.tagName.toLowerCase() + cls + role)
    }
    return parts.join(' > ')
  }
  const counts = {}
  const walk = (root) => {
    for (const child of root.childNodes) {
      const kind = child.nodeType === Node.TEXT_NODE ? '#text' : child.nodeName.toLowerCase()
      const key = pathOf(root instanceof Element ? root : null) + ' :: ' + kind
      counts[key] = (counts[key] ?? 0) + 1
      walk(child)
    }
    if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot)
  }
  walk(document)
  return Object.entries(counts)
})()`

/**
 * The document's nodes by parent (a short CSS-like path of the parent → how many child nodes of
 * each kind), to tell where attached nodes pile up.
 */
async function census(page: Page): Promise<Map<string, number>> {
  const entries = (await page.evaluate(CENSUS)) as [string, number][]
  return new Map(entries)
}

function showCensus(before: Map<string, number>, after: Map<string, number>): void {
  const keys = new Set([...before.keys(), ...after.keys()])
  const changed = [...keys]
    .map((k) => ({ k, d: (after.get(k) ?? 0) - (before.get(k) ?? 0) }))
    .filter((x) => x.d !== 0)
  console.log(`
in the document, by parent: ${changed.length} places changed`)
  for (const { k, d } of changed.slice(0, 20)) console.log(`${d > 0 ? '+' : ''}${d}  ${k}`)
}

/** What a key is, for the detached DOM: Blink's nodes no longer in the document. */
const detached = (key: string) => key.startsWith('native:Detached ')

function showDetached(first: HeapFigures, last: HeapFigures): void {
  const growth = [...last.byName]
    .filter(([key]) => detached(key))
    .map(([key, [n]]) => ({ key, count: n - (first.byName.get(key)?.[0] ?? 0) }))
    .filter((g) => g.count !== 0)
    .sort((x, y) => y.count - x.count)
  const total = (f: HeapFigures) =>
    [...f.byName].filter(([key]) => detached(key)).reduce((sum, [, [n]]) => sum + n, 0)
  console.log(`\ndetached DOM objects in the snapshot: ${total(first)} → ${total(last)}`)
  for (const g of growth.slice(0, 20)) console.log(`${String(g.count).padStart(6)} × ${g.key}`)
  if (SHOW) {
    for (const [key, [n]] of last.byName) {
      const n0 = first.byName.get(key)?.[0] ?? 0
      if (SHOW.test(key) && n !== n0)
        console.log(`${String(n - n0).padStart(6)} × ${key} (${n0} → ${n})`)
    }
  }
  const names = PATHS.flatMap((p) =>
    p === 'detached' ? growth.slice(0, 3).map((g) => g.key) : [p],
  )
  report('alice', first, last, names)
}

try {
  if (THREAD) {
    await alice.getByRole('textbox', { name: 'Number or SIP address' }).fill(bobUser!.username)
    await alice.getByRole('button', { name: 'Message', exact: true }).click()
    // Opening the thread clears the address box a moment later: a call dialled before then
    // finds it empty.
    await alice.getByRole('textbox', { name: 'Message', exact: true }).waitFor()
    await alice.waitForTimeout(1000)
  }
  for (let i = 0; i < WARMUP; i++) await step(i)
  await alice.waitForTimeout(SETTLE_MS)
  const before = await domFigures(alice)
  const placesBefore = await census(alice)
  const first = await snapshot(alice)
  for (let i = 0; i < N; i++) await step(WARMUP + i)
  await alice.waitForTimeout(SETTLE_MS)
  const after = await domFigures(alice)
  const placesAfter = await census(alice)
  const last = await snapshot(alice)
  console.log(`\nSTEP=${STEP} ×${N} (after ${WARMUP} warm-up), thread open: ${THREAD}`)
  console.log(`alice before: ${before}`)
  console.log(`alice after:  ${after}`)
  showCensus(placesBefore, placesAfter)
  showDetached(first, last)
} catch (error) {
  // What each page showed when a step did not happen.
  for (const [i, page] of pages.entries())
    await page.screenshot({ path: `/tmp/dom-steps-${i}.png` })
  throw error
} finally {
  await browser.close()
  await web.close()
  await server.dispose()
}
