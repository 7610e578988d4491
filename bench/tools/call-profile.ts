// Diagnostic, not a benchmark: where a call's main-thread time goes on one side. The callee
// (default): from the INVITE arriving on its WebSocket to its 200 going out, answering the moment
// the dialog shows (as bench/calls.ts does). SIDE=caller: from the 200 arriving to the ACK going
// out, SIDE=caller-ui to its call state reading "Connected". CPU profiles mapped through source maps; `npx tsx bench/tools/call-profile.ts [calls]`,
// WHO=fn1,fn2 to list those functions' callers, TIMELINE=1 for the first call's 2-ms slices.
import type { Page } from 'playwright-core'
import { startSipServer } from '../../scripts/sip-server/server'
import { serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { buildWithMaps, ProfileTally, type Profile } from './cpu-profile'
import { OBSERVE_CALL } from './observe-call'
import {
  dialUntilConnected,
  hangUpUntilEnded,
  registeredSwitchboard,
  SIP_TEXT,
  watchWebSocket,
} from './call-pages'

const CALLS = Number(process.argv[2] ?? 5)
const CALLER = process.env.SIDE === 'caller' || process.env.SIDE === 'caller-ui'
// SIDE=caller-ui: on to the caller's call state reading "Connected" rather than the ACK.
const UNTIL_SHOWN = process.env.SIDE === 'caller-ui'
// console.profile/profileEnd around the measured part: the browser hands over exactly that.
const START = CALLER ? SIP_TEXT.inviteOk : SIP_TEXT.initialInvite
const END = UNTIL_SHOWN ? 'false' : CALLER ? SIP_TEXT.ack : SIP_TEXT.inviteOk
const PROFILED =
  watchWebSocket(
    {
      received: `if (!profiling && ${START}) { profiling = true; console.profile('part') }`,
      sent: `if (profiling && ${END}) { profiling = false; console.profileEnd('part') }`,
    },
    'let profiling = false',
  ) +
  `
  // OBSERVE_CALL calls this when the call state first reads "Connected".
  if (${UNTIL_SHOWN}) window.__onConnected = () => {
    if (!profiling) return
    profiling = false
    console.profileEnd('part')
  }
`
const build = buildWithMaps()
const tally = new ProfileTally(`${build.dir}/assets`, process.env.WHO?.split(',') ?? [])
const server = await startSipServer()
const web = await serveStatic({ '/': build.dir })
const browser = await launchBrowser()
const pages: Page[] = []
for (const [i, u] of [server.users[0]!, server.users[1]!].entries()) {
  // The callee answers the moment the dialog shows; the caller notes "Connected".
  const initScripts = (i === 0) === CALLER ? [OBSERVE_CALL, PROFILED] : [OBSERVE_CALL]
  pages.push(await registeredSwitchboard(browser, web.url, server, u, { initScripts }))
}
const [caller, callee] = pages as [Page, Page]
const profiled = CALLER ? caller : callee
const cdp = await profiled.context().newCDPSession(profiled)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
let call = 0
cdp.on('Profiler.consoleProfileFinished', ({ profile }) => {
  // The first call also loads the call panel: left out, as the benchmark's warm-up is.
  if (call > 0) tally.add(profile as unknown as Profile)
})
for (; call < CALLS; call++) {
  await dialUntilConnected(caller, callee, server.users[1]!.username)
  await hangUpUntilEnded(caller, callee)
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
