// Diagnostic, not a benchmark: where a reload's main-thread time goes until "Registered" shows,
// by source file and function (CPU profiles, mapped through a build with hidden source maps).
// `npx tsx bench/tools/startup-profile.ts [runs] [bare]`, WHO=fn1,fn2 to list those functions'
// callers. CPU time, so it holds up better under load than wall-clock timelines do.
import { openRegisteredPage } from './registered-page'
import { buildWithMaps, markerFunction, ProfileTally, type Profile } from './cpu-profile'

const RUNS = Number(process.argv[2] ?? 5)
// `bare` as the second argument: the bare SIP.js page instead (bench/pages), for comparison.
const BARE = process.argv[3] === 'bare'
// When "Registered" shows, the marker runs: the profile is cut at its first sample. A flag of
// its own: the bare page sets __registeredAt itself, before its text changes.
const OBSERVE = `
  ${markerFunction('registeredMarker')}
  new MutationObserver(() => {
    if (window.__shownAt !== undefined) return
    for (const s of document.querySelectorAll('[role=status]')) {
      if (s.textContent.trim() === 'Registered') {
        window.__shownAt = performance.now()
        registeredMarker()
        return
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
`

const build = buildWithMaps()
const tally = new ProfileTally(`${build.dir}/assets`, process.env.WHO?.split(',') ?? [])
const { context, page, close } = await openRegisteredPage({
  rendererDir: build.dir,
  bare: BARE,
  initScript: OBSERVE,
})
await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor()
const cdp = await context.newCDPSession(page)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
for (let run = 0; run < RUNS; run++) {
  await cdp.send('Profiler.start')
  await page.reload()
  await page.waitForFunction(() => (window as { __shownAt?: number }).__shownAt !== undefined)
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
  tally.add(profile, 'registeredMarker')
}
tally.print('per reload until "Registered"')
await close()
build.dispose()
