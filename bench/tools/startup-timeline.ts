// One reload of a signed-in page, as a timeline: WebSocket frames (with the first line of each
// SIP message), the app's own performance marks and the moment "Registered" shows. For finding
// where start-up time goes; `npx tsx bench/tools/startup-timeline.ts [bare]`.
import { RENDERER_DIR } from '../../scripts/serve-static'
import { openRegisteredPage } from './registered-page'

const OBSERVE = `
  window.__events = []
  const mark = (what) => window.__events.push([performance.now(), what])
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      mark('ws created')
      this.addEventListener('open', () => mark('ws open'))
      this.addEventListener('message', (e) => mark('in  ' + String(e.data).split('\\r\\n')[0]))
    }
    send(data) { mark('out ' + String(data).split('\\r\\n')[0]); return super.send(data) }
  }
  new MutationObserver(() => {
    if (window.__shownAt !== undefined) return
    for (const s of document.querySelectorAll('[role=status]')) {
      if (s.textContent.trim() === 'Registered' && s.checkVisibility()) {
        window.__shownAt = performance.now(); mark('Registered shown'); return
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
`

const { page, close } = await openRegisteredPage({
  rendererDir: RENDERER_DIR,
  bare: process.argv[2] === 'bare',
  initScript: OBSERVE,
})
await page.waitForFunction(() => (window as { __shownAt?: number }).__shownAt !== undefined)
for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) {
  await page.reload()
  await page.waitForFunction(() => (window as { __shownAt?: number }).__shownAt !== undefined)
  await new Promise((r) => setTimeout(r, 300))
  const events = await page.evaluate(() => {
    const w = window as unknown as { __events: [number, string][] }
    const marks = performance
      .getEntriesByType('mark')
      .map((m) => [m.startTime, `mark ${m.name}`] as [number, string])
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    const resources = performance
      .getEntriesByType('resource')
      .map(
        (r) =>
          [(r as PerformanceResourceTiming).responseEnd, `loaded ${r.name.split('/').pop()}`] as [
            number,
            string,
          ],
      )
    return [
      ...w.__events,
      ...marks,
      ...resources,
      [nav.domInteractive, 'domInteractive'] as [number, string],
    ].sort((a, b) => a[0] - b[0])
  })
  console.log(`\nreload ${i + 1}`)
  for (const [t, what] of events) console.log(`${t.toFixed(1).padStart(8)}  ${what}`)
}
await close()
