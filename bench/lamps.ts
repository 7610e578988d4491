// Busy lamps with 100 colleagues, against the project's Kamailio (dialog + pua_dialoginfo +
// presence_dialoginfo): time from sign-in until every lamp's state is known, and the time from a
// call starting to ring at a colleague (the caller's INVITE) until the lamp reads Ringing on the
// watcher's screen. Baseline in the same run: a bare SIP.js subscriber in Node to the same 100
// people's dialog state (the shared reader and tracker, no UI) — the protocol's own floor here.
import { WebSocket } from 'ws'
import { Inviter, Registerer, RegistererState, Subscriber, UserAgent } from 'sip.js'
import type { Invitation } from 'sip.js'
import type { Page } from 'playwright-core'
import {
  startSipServer,
  SIP_DOMAIN,
  type DemoUser,
  type SipServer,
} from '../scripts/sip-server/server'
import { serveStatic } from '../scripts/serve-static'
import { launchBrowser } from '../test/e2e/support/browser'
import { signIn } from '../test/e2e/support/app'
import { toVcards } from '../shared/contacts/vcard'
import { parseDialogInfo } from '../shared/dialog/dialog-info'
import { LampTracker } from '../shared/dialog/lamp'
import { median, percentile, printTable } from './table'

const LAMPS = Number(process.env.BENCH_LAMPS ?? 100)
const RINGS = Number(process.env.BENCH_LAMP_RINGS ?? 20)

function makeUser(username: string): DemoUser {
  return {
    username,
    password: `${username}-secret`,
    displayName: username,
    aor: `sip:${username}@${SIP_DOMAIN}`,
  }
}

function nodeUserAgent(
  server: SipServer,
  u: DemoUser,
  onInvite?: (i: Invitation) => void,
): UserAgent {
  return new UserAgent({
    uri: UserAgent.makeURI(u.aor)!,
    transportOptions: { server: server.wsUrl },
    authorizationUsername: u.username,
    authorizationPassword: u.password,
    logLevel: 'error',
    ...(onInvite ? { delegate: { onInvite } } : {}),
  })
}

async function registered(server: SipServer, u: DemoUser, onInvite?: (i: Invitation) => void) {
  const ua = nodeUserAgent(server, u, onInvite)
  await ua.start()
  const registerer = new Registerer(ua)
  await new Promise<void>((resolve) => {
    registerer.stateChange.addListener((s) => s === RegistererState.Registered && resolve())
    void registerer.register()
  })
  return ua
}

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
  const subscribers: Subscriber[] = []
  const known = new Set<string>()
  await new Promise<void>((resolve) => {
    for (const u of people) {
      const tracker = new LampTracker()
      let wasRinging = false
      const sub = new Subscriber(ua, UserAgent.makeURI(u.aor)!, 'dialog', {
        extraHeaders: ['Accept: application/dialog-info+xml'],
      })
      sub.delegate = {
        onNotify: (n) => {
          void n.accept()
          const result = parseDialogInfo(n.request.body)
          if (result.kind !== 'dialog-info') return
          tracker.apply(result.info)
          const ringing = tracker.state.kind === 'ringing'
          if (ringing && !wasRinging)
            ringingAt.set(u.aor, [...(ringingAt.get(u.aor) ?? []), Date.now()])
          wasRinging = ringing
          known.add(u.aor)
          if (known.size === people.length) resolve()
        },
      }
      subscribers.push(sub)
      void sub.subscribe()
    }
  })
  return {
    allKnownMs: performance.now() - started,
    ringingAt,
    stop: async () => {
      await Promise.all(subscribers.map((s) => s.unsubscribe().catch(() => undefined)))
      await ua.stop().catch(() => undefined)
    },
  }
}

async function appWatcher(
  page: Page,
  server: SipServer,
  watcher: DemoUser,
  people: DemoUser[],
  base: string,
) {
  await page.goto(base)
  await signIn(page, { aor: watcher.aor, server: server.wsUrl, password: watcher.password })
  await page
    .getByRole('status')
    .first()
    .filter({ hasText: 'Registered' })
    .waitFor({ timeout: 20_000 })
  // The colleagues arrive as a vCard import; their lamps are turned on through the store's own
  // action (the toggle a user clicks calls it), 100 clicks being no part of what is measured.
  await page.getByRole('button', { name: 'Contacts', exact: true }).click()
  const cards = toVcards(
    people.map((u) => ({ name: u.username, address: u.aor, numbers: [], favourite: false })),
  )
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'people.vcf', mimeType: 'text/vcard', buffer: Buffer.from(cards) })
  await page.getByText(`Imported ${people.length} contacts`).waitFor({ timeout: 60_000 })
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
  // Sign-in measured on a reload: the saved account signs in by itself, lamps load from IndexedDB.
  await page.reload()
  const navigationStart = await page.evaluate(() => performance.timeOrigin)
  await page.waitForFunction(
    () => (window as { __allKnownAt?: number }).__allKnownAt !== undefined,
    null,
    {
      timeout: 60_000,
    },
  )
  const allKnownAt = await page.evaluate(
    () => (window as unknown as { __allKnownAt: number }).__allKnownAt,
  )
  return { allKnownMs: allKnownAt - navigationStart }
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
        [
          'sign-in → every lamp known',
          bare.allKnownMs.toFixed(0),
          app.allKnownMs.toFixed(0),
          (app.allKnownMs / bare.allKnownMs).toFixed(2),
        ],
        [
          `INVITE → Ringing shown, median (${RINGS} calls)`,
          median(bareLatency).toFixed(0),
          median(appLatency).toFixed(0),
          '',
        ],
        [
          'INVITE → Ringing shown, p95',
          percentile(bareLatency, 0.95).toFixed(0),
          percentile(appLatency, 0.95).toFixed(0),
          '',
        ],
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
