// What the presence and busy-lamp benches share: test users and bare SIP.js user agents in Node
// on the project's Kamailio, the bare baseline's "SUBSCRIBE to everyone" loop, and the app's side
// (sign in, import the people as a vCard, reload and wait until every state is known).
import { Registerer, RegistererState, Subscriber, UserAgent } from 'sip.js'
import type { Invitation } from 'sip.js'
import type { Page } from 'playwright-core'
import { SIP_DOMAIN, type DemoUser, type SipServer } from '../scripts/sip-server/server'
import { signIn } from '../test/e2e/support/app'
import { toVcards } from '../shared/contacts/vcard'
import { median, percentile } from './table'

export function makeUser(username: string): DemoUser {
  return {
    username,
    password: `${username}-secret`,
    displayName: username,
    aor: `sip:${username}@${SIP_DOMAIN}`,
  }
}

export function nodeUserAgent(
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

/** A started user agent, once its REGISTER is accepted. */
export async function registeredUserAgent(
  server: SipServer,
  u: DemoUser,
  onInvite?: (i: Invitation) => void,
): Promise<UserAgent> {
  const ua = nodeUserAgent(server, u, onInvite)
  await ua.start()
  const registerer = new Registerer(ua)
  await new Promise<void>((resolve) => {
    registerer.stateChange.addListener((s) => s === RegistererState.Registered && resolve())
    void registerer.register()
  })
  return ua
}

/**
 * Bare SIP.js: SUBSCRIBEs `ua` to everyone at once (no pacing, no UI); resolves when `read` has
 * called each person's state known. `stop` unsubscribes and stops the user agent.
 */
export async function subscribeAll(
  ua: UserAgent,
  people: DemoUser[],
  event: string,
  accept: string,
  read: (u: DemoUser, body: string) => boolean,
): Promise<{ stop(): Promise<void> }> {
  const subscribers: Subscriber[] = []
  const known = new Set<string>()
  await new Promise<void>((resolve) => {
    for (const u of people) {
      const sub = new Subscriber(ua, UserAgent.makeURI(u.aor)!, event, {
        extraHeaders: [`Accept: ${accept}`],
      })
      sub.delegate = {
        onNotify: (n) => {
          void n.accept()
          if (!read(u, n.request.body)) return
          known.add(u.aor)
          if (known.size === people.length) resolve()
        },
      }
      subscribers.push(sub)
      void sub.subscribe()
    }
  })
  return {
    stop: async () => {
      await Promise.all(subscribers.map((s) => s.unsubscribe().catch(() => undefined)))
      await ua.stop().catch(() => undefined)
    },
  }
}

/** Opens the app and signs `watcher` in; resolves once "Registered" shows. */
export async function signInRegistered(
  page: Page,
  base: string,
  server: SipServer,
  watcher: DemoUser,
): Promise<void> {
  await page.goto(base)
  await signIn(page, { aor: watcher.aor, server: server.wsUrl, password: watcher.password })
  await page
    .getByRole('status')
    .first()
    .filter({ hasText: 'Registered' })
    .waitFor({ timeout: 20_000 })
}

/** Imports `people` as a vCard through the Contacts view; ms until the import is reported. */
export async function importContacts(page: Page, people: DemoUser[]): Promise<number> {
  await page.getByRole('button', { name: 'Contacts', exact: true }).click()
  const cards = toVcards(
    people.map((u) => ({ name: u.username, address: u.aor, numbers: [], favourite: false })),
  )
  const started = Date.now()
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'people.vcf', mimeType: 'text/vcard', buffer: Buffer.from(cards) })
  await page.getByText(`Imported ${people.length} contacts`).waitFor({ timeout: 120_000 })
  return Date.now() - started
}

/**
 * Sign-in measured on a reload (the saved account signs in by itself, the people load from
 * IndexedDB): ms from navigation until the page's observer set `window.__allKnownAt`, and that
 * moment (wall clock). `afterReload` runs first (e.g. opening a view).
 */
export async function reloadUntilAllKnown(
  page: Page,
  afterReload?: () => Promise<void>,
): Promise<{ allKnownMs: number; allKnownAt: number }> {
  await page.reload()
  const navigationStart = await page.evaluate(() => performance.timeOrigin)
  await afterReload?.()
  await page.waitForFunction(
    () => (window as { __allKnownAt?: number }).__allKnownAt !== undefined,
    null,
    { timeout: 60_000 },
  )
  const allKnownAt = await page.evaluate(
    () => (window as unknown as { __allKnownAt: number }).__allKnownAt,
  )
  return { allKnownMs: allKnownAt - navigationStart, allKnownAt }
}

/**
 * The rows both benches print against the bare baseline: sign-in until every state is known
 * (and the ratio), then the latency of a change until shown over `samples`, median and p95.
 */
export function baselineRows(
  known: string,
  change: string,
  samples: string,
  allKnownMs: { bare: number; app: number },
  latency: { bare: number[]; app: number[] },
): string[][] {
  return [
    [
      `sign-in → ${known}`,
      allKnownMs.bare.toFixed(0),
      allKnownMs.app.toFixed(0),
      (allKnownMs.app / allKnownMs.bare).toFixed(2),
    ],
    [
      `${change}, median (${samples})`,
      median(latency.bare).toFixed(0),
      median(latency.app).toFixed(0),
      '',
    ],
    [
      `${change}, p95`,
      percentile(latency.bare, 0.95).toFixed(0),
      percentile(latency.app, 0.95).toFixed(0),
      '',
    ],
  ]
}
