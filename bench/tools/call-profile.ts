// Diagnostic, not a benchmark: where a call's main-thread time goes on one side. The callee
// (default): from the INVITE arriving on its WebSocket to its 200 going out, answering the moment
// the dialog shows (as bench/calls.ts does). SIDE=caller: from the 200 arriving to the ACK going
// out, SIDE=caller-ui to its call state reading "Connected". CPU profiles mapped through source maps; `npx tsx bench/tools/call-profile.ts [calls]`,
// WHO=fn1,fn2 to list those functions' callers, TIMELINE=1 for the first call's 2-ms slices.
import type { Page } from 'playwright-core'
import { startSipServer } from '../../scripts/sip-server/server'
import { serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { signIn } from '../../test/e2e/support/app'
import { buildWithMaps, ProfileTally, type Profile } from './cpu-profile'

const CALLS = Number(process.argv[2] ?? 5)
const CALLER = process.env.SIDE === 'caller' || process.env.SIDE === 'caller-ui'
// SIDE=caller-ui: on to the caller's call state reading "Connected" rather than the ACK.
const UNTIL_SHOWN = process.env.SIDE === 'caller-ui'
// console.profile/profileEnd around the measured part: the browser hands over exactly that.
const START = CALLER
  ? `text.startsWith('SIP/2.0 200') && /^CSeq: *\\d+ INVITE/im.test(text)`
  : `text.startsWith('INVITE ') && !/^To:.*;tag=/im.test(text)`
const END = UNTIL_SHOWN
  ? 'false'
  : CALLER
    ? `text.startsWith('ACK ')`
    : `text.startsWith('SIP/2.0 200') && /^CSeq: *\\d+ INVITE/im.test(text)`
const PROFILED = `
  let profiling = false
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', (event) => {
        const text = String(event.data)
        if (!profiling && ${START}) { profiling = true; console.profile('part') }
      })
    }
    send(data) {
      const text = String(data)
      if (profiling && ${END}) { profiling = false; console.profileEnd('part') }
      return super.send(data)
    }
  }
  if (${UNTIL_SHOWN}) new MutationObserver(() => {
    const state = document.querySelector('[role=status][aria-label="Call state"]')
    if (profiling && state && state.textContent.trim() === 'Connected') {
      profiling = false
      console.profileEnd('part')
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
`
// The callee answers the moment the dialog shows.
const ANSWERING = `
  new MutationObserver(() => {
    const answer = document.querySelector('[role=alertdialog] button')
    if (answer && answer.textContent.trim() === 'Answer' && !answer.dataset.clicked) {
      answer.dataset.clicked = '1'
      answer.click()
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
`

const build = buildWithMaps()
const tally = new ProfileTally(`${build.dir}/assets`, process.env.WHO?.split(',') ?? [])
const server = await startSipServer()
const web = await serveStatic({ '/': build.dir })
const browser = await launchBrowser()
const pages: Page[] = []
for (const [i, u] of [server.users[0]!, server.users[1]!].entries()) {
  const context = await browser.newContext({ permissions: ['microphone'] })
  if (i === 1) await context.addInitScript(ANSWERING)
  if ((i === 0) === CALLER) await context.addInitScript(PROFILED)
  const page = await context.newPage()
  await page.goto(web.url)
  await signIn(page, { aor: u.aor, server: server.wsUrl, password: u.password })
  await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor()
  pages.push(page)
}
const [caller, callee] = pages as [Page, Page]
const profiled = CALLER ? caller : callee
const cdp = await profiled.context().newCDPSession(profiled)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
const state = (page: Page) => page.getByRole('status', { name: 'Call state' })
let call = 0
cdp.on('Profiler.consoleProfileFinished', ({ profile }) => {
  // The first call also loads the call panel: left out, as the benchmark's warm-up is.
  if (call > 0) tally.add(profile as unknown as Profile)
})
for (; call < CALLS; call++) {
  await caller
    .getByRole('textbox', { name: 'Number or SIP address' })
    .fill(server.users[1]!.username)
  await caller.getByRole('button', { name: 'Call', exact: true }).click()
  await state(callee).filter({ hasText: 'Connected' }).waitFor()
  await caller.getByRole('button', { name: 'Hang up' }).click()
  await state(callee)
    .filter({ hasText: /^Ended/ })
    .waitFor()
  await new Promise((r) => setTimeout(r, 500))
}
tally.print(
  UNTIL_SHOWN
    ? 'of the caller, 200 in → "Connected"'
    : CALLER
      ? 'of the caller, 200 in → ACK out'
      : 'of the callee, INVITE in → 200 out',
)
await browser.close()
await web.close()
await server.dispose()
build.dispose()
