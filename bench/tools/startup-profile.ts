// Diagnostic, not a benchmark: where a reload's main-thread time goes until "Registered" shows,
// by source file and function (CPU profiles, mapped through a build with hidden source maps).
// `npx tsx bench/tools/startup-profile.ts [runs] [bare]`, WHO=fn1,fn2 to list those functions'
// callers. CPU time, so it holds up better under load than wall-clock timelines do.
import { startSipServer } from '../../scripts/sip-server/server'
import { serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { signIn } from '../../test/e2e/support/app'
import { buildBarePage } from '../register'
import { buildWithMaps, markerFunction, ProfileTally, type Profile } from './cpu-profile'

const RUNS = Number(process.argv[2] ?? 5)
// `bare` as the second argument: the bare SIP.js page instead (bench/pages), for comparison.
const BARE = process.argv[3] === 'bare'
// When "Registered" shows, the marker runs: the profile is cut at its first sample.
const OBSERVE = `
  ${markerFunction('registeredMarker')}
  new MutationObserver(() => {
    if (window.__registeredAt !== undefined) return
    for (const s of document.querySelectorAll('[role=status]')) {
      if (s.textContent.trim() === 'Registered') {
        window.__registeredAt = performance.now()
        registeredMarker()
        return
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
`

const build = buildWithMaps()
const tally = new ProfileTally(`${build.dir}/assets`, process.env.WHO?.split(',') ?? [])
const server = await startSipServer()
const barePage = BARE ? await buildBarePage() : null
const web = await serveStatic({ '/': build.dir, ...(barePage ? { '/bench/': barePage } : {}) })
const browser = await launchBrowser()
const context = await browser.newContext()
await context.addInitScript(OBSERVE)
const page = await context.newPage()
const u = server.users[0]!
if (BARE) {
  const q = new URLSearchParams({
    aor: u.aor,
    server: server.wsUrl,
    user: u.username,
    password: u.password,
  })
  await page.goto(`${web.url}bench/bare-sipjs.html?${q}`)
} else {
  await page.goto(web.url)
  await signIn(page, { aor: u.aor, server: server.wsUrl, password: u.password })
}
await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor()
const cdp = await context.newCDPSession(page)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
for (let run = 0; run < RUNS; run++) {
  await cdp.send('Profiler.start')
  await page.reload()
  await page.waitForFunction(
    () => (window as { __registeredAt?: number }).__registeredAt !== undefined,
  )
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
  tally.add(profile, 'registeredMarker')
}
tally.print('per reload until "Registered"')
await browser.close()
await web.close()
await server.dispose()
build.dispose()
