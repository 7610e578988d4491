// Diagnostic, not a benchmark: where the callee's main-thread time goes from the INVITE arriving
// on its WebSocket to its 200 going out, answering the moment the dialog shows (as bench/calls.ts
// does). CPU profiles mapped through source maps; `npx tsx bench/tools/answer-profile.ts [calls]`,
// WHO=fn1,fn2 to list those functions' callers.
import type { Page } from 'playwright-core'
import { startSipServer } from '../../scripts/sip-server/server'
import { serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { signIn } from '../../test/e2e/support/app'
import { buildWithMaps, ProfileTally, type Profile } from './cpu-profile'

const CALLS = Number(process.argv[2] ?? 5)
// console.profile/profileEnd around the answer: the browser hands over exactly that profile.
const CALLEE = `
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', (event) => {
        const text = String(event.data)
        if (text.startsWith('INVITE ') && !/^To:.*;tag=/im.test(text)) console.profile('answer')
      })
    }
    send(data) {
      const text = String(data)
      if (text.startsWith('SIP/2.0 200') && /^CSeq: *\\d+ INVITE/im.test(text)) console.profileEnd('answer')
      return super.send(data)
    }
  }
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
  if (i === 1) await context.addInitScript(CALLEE)
  const page = await context.newPage()
  await page.goto(web.url)
  await signIn(page, { aor: u.aor, server: server.wsUrl, password: u.password })
  await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor()
  pages.push(page)
}
const [caller, callee] = pages as [Page, Page]
const cdp = await callee.context().newCDPSession(callee)
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
tally.print('of the callee, INVITE in → 200 out')
await browser.close()
await web.close()
await server.dispose()
build.dispose()
