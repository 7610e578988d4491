// Busy lamps with 100 colleagues, against the project's Kamailio (dialog + pua_dialoginfo +
// presence_dialoginfo): time from sign-in until every lamp's state is known, and the time from a
// call starting to ring at a colleague (the caller's INVITE) until the lamp reads Ringing on the
// watcher's screen. Baseline in the same run: a bare SIP.js subscriber in Node to the same 100
// people's dialog state (the shared reader and tracker, no UI) — the protocol's own floor here.
import { WebSocket } from 'ws'
import { Inviter, UserAgent } from 'sip.js'
import type { Page } from 'playwright-core'
import { startSipServer, type DemoUser, type SipServer } from '../scripts/sip-server/server'
import { serveStatic } from '../scripts/serve-static'
import { launchBrowser } from '../test/e2e/support/browser'
import { parseDialogInfo } from '../shared/dialog/dialog-info'
import { LampTracker } from '../shared/dialog/lamp'
import {
  baselineRows,
  importContacts,
  makeUser,
  registeredUserAgent as registered,
  reloadUntilAllKnown,
  signInRegistered,
  subscribeAll,
} from './subscribing'
import { printTable } from './table'

const LAMPS = Number(process.env.BENCH_LAMPS ?? 100)
const RINGS = Number(process.env.BENCH_LAMP_RINGS ?? 20)

// In the page: every 20 ms, how many lamp contacts have a known state (the lamps store, which the
// strip renders); the first moment all do is kept.
const OBSERVE = `
  setInterval(() => {
    const state = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$pinia?.state.value
    const lamps = (state?.contacts?.contacts ?? []).filter((c) => c.lamp)
    const states = state?.lamps?.states ?? {}
    let known = 0
    for (const c of lamps) if ((states[c.aor]?.kind ?? 'unknown') !== 'unknown') known++
    if (lamps.length >= window.__expectLamps && known === lamps.length && window.__allKnownAt === undefined) {
      window.__allKnownAt = performance.timeOrigin + performance.now()
    }
  }, 20)
`

/** Bare SIP.js: SUBSCRIBE dialog to everyone; the moments each one's lamp turns Ringing. */
async function bareWatcher(server: SipServer, watcher: DemoUser, people: DemoUser[]) {
  const started = performance.now()
  const ua = await registered(server, watcher)
  const ringingAt = new Map<string, number[]>()
  const lamps = new Map(people.map((u) => [u.aor, { tracker: new LampTracker(), ringing: false }]))
  const { stop } = await subscribeAll(
    ua,
    people,
    'dialog',
    'application/dialog-info+xml',
    (u, body) => {
      const lamp = lamps.get(u.aor)!
      const result = parseDialogInfo(body)
      if (result.kind !== 'dialog-info') return false
      lamp.tracker.apply(result.info)
      const ringing = lamp.tracker.state.kind === 'ringing'
      if (ringing && !lamp.ringing)
        ringingAt.set(u.aor, [...(ringingAt.get(u.aor) ?? []), Date.now()])
      lamp.ringing = ringing
      return true
    },
  )
  return { allKnownMs: performance.now() - started, ringingAt, stop }
}

async function appWatcher(
  page: Page,
  server: SipServer,
  watcher: DemoUser,
  people: DemoUser[],
  base: string,
) {
  await signInRegistered(page, base, server, watcher)
  // The colleagues arrive as a vCard import; their lamps are turned on through the store's own
  // action (the toggle a user clicks calls it), 100 clicks being no part of what is measured.
  await importContacts(page, people)
  await page.evaluate(async () => {
    const pinia = (
      document.querySelector('#app') as unknown as {
        __vue_app__: { config: { globalProperties: { $pinia: { _s: Map<string, unknown> } } } }
      }
    ).__vue_app__.config.globalProperties.$pinia
    const store = pinia._s.get('contacts') as {
      contacts: { id: number }[]
      setLamp(id: number, on: boolean): Promise<void>
    }
    for (const c of store.contacts) await store.setLamp(c.id, true)
  })
  const { allKnownMs } = await reloadUntilAllKnown(page)
  return { allKnownMs }
}

export async function benchLamps(): Promise<void> {
  ;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket
  const watcherApp = makeUser('lampwatch')
  const watcherBare = makeUser('lampbase')
  const caller = makeUser('caller')
  const people = Array.from({ length: LAMPS }, (_, i) => makeUser(`l${String(i).padStart(3, '0')}`))
  const server = await startSipServer({
    users: [watcherApp, watcherBare, caller, ...people],
    memoryMb: 256,
  })
  const web = await serveStatic()
  const browser = await launchBrowser()
  const context = await browser.newContext()
  await context.addInitScript(`window.__expectLamps = ${people.length};${OBSERVE}`)
  try {
    const page = await context.newPage()
    const bare = await bareWatcher(server, watcherBare, people)
    const app = await appWatcher(page, server, watcherApp, people, web.url)

    // One colleague at a time rings (registered, never answers) and the caller gives up.
    const callerUa = await registered(server, caller)
    const bareLatency: number[] = []
    const appLatency: number[] = []
    for (let i = 0; i < RINGS; i++) {
      const u = people[(i * 7) % people.length]!
      const phone = await registered(server, u, (invitation) => void invitation.progress())
      const lamp = page
        .getByRole('region', { name: 'Lamps' })
        .getByRole('listitem')
        .filter({ hasText: u.username })
      const inviter = new Inviter(callerUa, UserAgent.makeURI(u.aor)!, { inviteWithoutSdp: true })
      const sentAt = Date.now()
      void inviter.invite().catch(() => undefined)
      await lamp.filter({ hasText: 'Ringing' }).waitFor({ timeout: 10_000 })
      appLatency.push(Date.now() - sentAt)
      const seen = bare.ringingAt.get(u.aor)?.find((at) => at >= sentAt)
      if (seen !== undefined) bareLatency.push(seen - sentAt)
      await inviter.cancel().catch(() => undefined)
      await lamp.filter({ hasText: 'Idle' }).waitFor({ timeout: 10_000 })
      await phone.stop().catch(() => undefined)
    }

    printTable(
      `Busy lamps, ${LAMPS} colleagues, Kamailio over ws:// on 127.0.0.1 (ms)`,
      ['measure', 'bare SIP.js in Node', 'Switchboard', 'ratio'],
      [
        ...baselineRows(
          'every lamp known',
          'INVITE → Ringing shown',
          `${RINGS} calls`,
          { bare: bare.allKnownMs, app: app.allKnownMs },
          { bare: bareLatency, app: appLatency },
        ),
      ],
    )
    await bare.stop()
    await callerUa.stop().catch(() => undefined)
  } finally {
    await context.close()
    await browser.close()
    await web.close()
    await server.dispose()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLamps()
