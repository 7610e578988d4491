// Diagnostic, not a benchmark: what grows in the caller's JS heap over N calls. Takes a heap
// snapshot after call 1 and after call N (each after SIP.js's 32 s transaction timers), prints
// the growth by constructor and by node type (compiled code apart from objects), and for the
// constructors named in PATHS (e.g. PATHS=Object,pt, or a key as printed, e.g.
// 'PATHS=code:system / InstructionStream') the retainer path of a few instances born between the
// two; PATHS=auto picks the JS objects that grew most in number.
// `N=21 npx tsx bench/tools/heap-diff.ts`
// MODE=chat: instead of calls, the callee sends N×10 messages to the caller with its thread open
// (the soak's chat half); both pages are snapshotted, after the first 10 and at the end.
// MODE=restarts: the caller watches 10 contacts; Kamailio is restarted N times (after each, both
// pages register and subscribe again); both pages are snapshotted after the first and the last.
// MODE=transfers: a third page (carol); alice calls bob, bob blind-transfers her to carol (the
// soak's every 4th call), carol answers, alice hangs up; N times. carol and bob are snapshotted
// after the first transfer and after the last.
// WARMUP=k (restarts, transfers): the first snapshot after k rounds instead of 1, so that what
// the JIT compiles while the app warms up is not read as growth (the soak's first fifth), e.g.
// `MODE=transfers WARMUP=25 N=31 PATHS=auto npx tsx bench/tools/heap-diff.ts`.
import type { Page } from 'playwright-core'
import { startSipServer, type DemoUser } from '../../scripts/sip-server/server'
import { RENDERER_DIR, serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { signIn } from '../../test/e2e/support/app'
import { recordPeerConnections } from '../../test/e2e/support/peer-connections'
import { domFigures, report, snapshot, type HeapFigures } from './heap-snapshot'

const CALLS = Number(process.env.N ?? 21)
/**
 * MODE=transfers|restarts: rounds before the first snapshot, so that what the JIT compiles while
 * the app warms up (as the soak's first fifth does) is not counted as growth.
 */
const WARMUP = Math.max(1, Number(process.env.WARMUP ?? 1))
const SETTLE_MS = Number(process.env.SETTLE ?? 35_000)
const PATHS = process.env.PATHS?.split(',').filter(Boolean) ?? []
const MODE = process.env.MODE ?? 'calls'

const server = await startSipServer()
const web = await serveStatic({ '/': RENDERER_DIR })
const browser = await launchBrowser()
const pages: Page[] = []
for (const u of server.users.slice(0, MODE === 'transfers' ? 3 : 2) as DemoUser[]) {
  const context = await browser.newContext({ permissions: ['microphone', 'camera'] })
  await recordPeerConnections(context)
  const page = await context.newPage()
  await page.goto(web.url)
  await signIn(page, {
    aor: u.aor,
    server: server.wsUrl,
    password: u.password,
    displayName: u.displayName,
  })
  await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor({ timeout: 15_000 })
  pages.push(page)
}
const [caller, callee, target] = pages as [Page, Page, Page | undefined]
const state = (page: Page) => page.getByRole('status', { name: 'Call state' })

/** alice calls bob and bob answers: alice reads Connected. */
async function connect(): Promise<void> {
  await caller
    .getByRole('textbox', { name: 'Number or SIP address' })
    .fill(server.users[1]!.username)
  await caller.getByRole('button', { name: 'Call', exact: true }).click()
  await callee
    .getByRole('alertdialog', { name: 'Incoming call' })
    .getByRole('button', { name: 'Answer', exact: true })
    .click()
  await state(caller).filter({ hasText: 'Connected' }).waitFor()
}

async function oneCall(): Promise<void> {
  await connect()
  await caller.waitForTimeout(300)
  await caller.getByRole('button', { name: 'Hang up' }).click()
  await state(caller)
    .filter({ hasText: /^Ended/ })
    .waitFor()
  await state(callee)
    .filter({ hasText: /^Ended/ })
    .waitFor()
}

/** alice → bob, bob transfers her (blind) to carol, carol answers, alice hangs up. */
async function oneTransfer(carol: Page): Promise<void> {
  await connect()
  await state(callee).filter({ hasText: 'Connected' }).waitFor()
  await caller.waitForTimeout(300)
  await callee.getByRole('button', { name: 'Transfer', exact: true }).click()
  await callee.getByRole('textbox', { name: 'Transfer to' }).fill(server.users[2]!.username)
  await callee.getByRole('button', { name: 'Transfer now', exact: true }).click()
  await caller
    .getByRole('dialog', { name: 'Confirm call' })
    .getByRole('button', { name: 'Call', exact: true })
    .click()
  await carol
    .getByRole('alertdialog', { name: 'Incoming call' })
    .getByRole('button', { name: 'Answer', exact: true })
    .click()
  await state(carol).filter({ hasText: 'Connected' }).waitFor()
  await caller.waitForTimeout(300)
  await caller.getByRole('button', { name: 'Hang up', exact: true }).first().click()
  for (const page of pages) {
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[role=status][aria-label="Call state"]')].every((e) =>
        e.textContent?.trim().startsWith('Ended'),
      ),
    )
  }
}

let sent = 0
async function tenMessages(): Promise<void> {
  const box = callee.getByRole('textbox', { name: 'Message' })
  for (let i = 0; i < 10; i++, sent++) {
    await box.fill(`diff ${sent}`)
    await box.press('Enter')
    await callee
      .waitForFunction(() => document.querySelector('textarea')?.value === '')
      .catch(() => undefined)
  }
}

function show(label: string, first: HeapFigures, last: HeapFigures): void {
  report(label, first, last, PATHS)
}

async function restart(): Promise<void> {
  await server.stop()
  await server.start()
  for (const page of pages) {
    await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor({ timeout: 30_000 })
  }
  await caller.waitForTimeout(5000)
}

if (MODE === 'restarts') {
  await caller
    .getByRole('navigation')
    .getByRole('button', { name: /^Contacts/ })
    .click()
  for (let i = 0; i < 10; i++) {
    await caller.getByRole('button', { name: 'Add contact' }).click()
    const dialog = caller.getByRole('dialog', { name: 'Add contact' })
    await dialog.getByLabel('Name').fill(`Watched ${i}`)
    await dialog.getByLabel('SIP address').fill(`sip:watched${i}@${server.domain}`)
    await dialog.getByRole('button', { name: 'Save' }).click()
  }
  for (let i = 0; i < WARMUP; i++) await restart()
  await caller.waitForTimeout(SETTLE_MS)
  const firstCaller = await snapshot(caller)
  const firstCallee = await snapshot(callee)
  for (let i = 1; i < CALLS; i++) await restart()
  await caller.waitForTimeout(SETTLE_MS)
  show('watcher', firstCaller, await snapshot(caller))
  show('other', firstCallee, await snapshot(callee))
} else if (MODE === 'transfers') {
  const carol = target!
  for (let i = 0; i < WARMUP; i++) await oneTransfer(carol)
  await caller.waitForTimeout(SETTLE_MS)
  const firstTarget = await snapshot(carol)
  const firstCallee = await snapshot(callee)
  console.log(
    `after ${WARMUP}: target ${await domFigures(carol)}; transferor ${await domFigures(callee)}`,
  )
  for (let i = 1; i < CALLS; i++) await oneTransfer(carol)
  await caller.waitForTimeout(SETTLE_MS)
  console.log(
    `after ${WARMUP + CALLS - 1}: target ${await domFigures(carol)}; transferor ${await domFigures(callee)}`,
  )
  show('transfer target (carol)', firstTarget, await snapshot(carol))
  show('transferor (bob)', firstCallee, await snapshot(callee))
} else if (MODE === 'chat') {
  await callee
    .getByRole('textbox', { name: 'Number or SIP address' })
    .fill(server.users[0]!.username)
  await callee.getByRole('button', { name: 'Message', exact: true }).click()
  await tenMessages()
  await caller.waitForTimeout(SETTLE_MS)
  const firstCaller = await snapshot(caller)
  const firstCallee = await snapshot(callee)
  console.log(`after 10: caller ${await domFigures(caller)}; callee ${await domFigures(callee)}`)
  for (let i = 1; i < CALLS; i++) await tenMessages()
  await caller.waitForTimeout(SETTLE_MS)
  console.log(
    `after ${sent}: caller ${await domFigures(caller)}; callee ${await domFigures(callee)}`,
  )
  show('receiver (thread not open)', firstCaller, await snapshot(caller))
  show('sender (thread open)', firstCallee, await snapshot(callee))
} else {
  await oneCall()
  await caller.waitForTimeout(SETTLE_MS)
  const first = await snapshot(caller)
  for (let i = 1; i < CALLS; i++) await oneCall()
  await caller.waitForTimeout(SETTLE_MS)
  show('caller', first, await snapshot(caller))
}
await browser.close()
await web.close()
await server.dispose()
