// A local conference with a party that is not a browser: Alice (Chromium) calls Bob (Chromium)
// and baresip (a SIP phone over UDP, G.711, registered as dave), and merges. Every party's
// microphone plays its own tone, so who hears whom is read from frequencies: on the pages from
// what each connection receives (support/tones.ts), on baresip from what its decoder wrote
// (support/baresip.ts, support/wav.ts).
import { afterAll, afterEach, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { useWorld } from './support/world'
import { useBaresip } from './support/baresip'
import { isVisible, textOf } from './support/app'
import { launchBrowser, openUserPage, type UserPage } from './support/browser'
import { receivedTones } from './support/tones'
import { toneWav } from './support/wav'

// baresip's source is 440 Hz (support/baresip.ts); the pages' tones are far from it, from each
// other and from their intermodulation products, and all below G.711's 4 kHz.
const TONES = { alice: 650, bob: 1000, baresip: 440 } as const
const FREQS = [TONES.alice, TONES.bob, TONES.baresip]
type Who = keyof typeof TONES

const dir = mkdtempSync(join(tmpdir(), 'switchboard-conference-baresip-'))
function voice(who: 'alice' | 'bob'): string {
  const path = join(dir, `${who}.wav`)
  writeFileSync(
    path,
    toneWav({ rate: 48_000, seconds: 4, hz: TONES[who], pulse: { on: 0.4, off: 0.1 } }),
  )
  return `--use-file-for-fake-audio-capture=${path}`
}

// No loopback ICE candidates: baresip skips loopback and would pick a pair Chromium did not
// nominate (see baresip.test.ts). Bob's browser the same, so the whole conference runs over the
// machine's own interface.
const world = useWorld({ loopbackIce: false, extraArgs: [voice('alice')] })
const baresip = useBaresip(() => world.server, 'dave')
let bobBrowser: Browser | undefined
const opened: UserPage[] = []

afterEach(async () => {
  for (const user of opened.splice(0)) {
    expect(user.errors, 'no uncaught errors on the page').toEqual([])
    await user.context.close()
  }
})

afterAll(async () => {
  await bobBrowser?.close()
  rmSync(dir, { recursive: true, force: true })
})

const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))
const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })
const conference = (page: Page) => page.getByRole('region', { name: 'Conference' })
const poll = { timeout: 20_000, interval: 500 }

/** As in conference.test.ts: a voice that arrives reads tens of dB above the spectrum's median. */
const HEARD_DB = 55
const UNHEARD_DB = 45

/** Which voices one page hears on its one call. */
async function pageHears(page: Page): Promise<Record<Who, number>> {
  const [levels = [0, 0, 0]] = await receivedTones(page, FREQS)
  return { alice: levels[0]!, bob: levels[1]!, baresip: levels[2]! }
}

/**
 * Which voices baresip hears over the last 1.5 s of its decoded audio: a share of the whole in
 * dB (about −3 to −9 for a voice in a two-voice mix, below −30 for one that is absent).
 */
async function baresipHears(): Promise<Record<Who, number>> {
  const [alice, bob, own] = await baresip.phone.receivedTones(FREQS, 1.5)
  return { alice: alice!, bob: bob!, baresip: own! }
}
const IN_MIX_DB = -15
const ABSENT_DB = -30

/** Polls `read` until `ok` holds; fails with the last levels read, which say what was heard. */
async function until(
  read: () => Promise<Record<Who, number>>,
  ok: (levels: Record<Who, number>) => boolean,
  message: string,
): Promise<void> {
  let last: Record<Who, number> | undefined
  const deadline = Date.now() + poll.timeout
  while (Date.now() < deadline) {
    last = await read()
    if (ok(last)) return
    await new Promise((r) => setTimeout(r, poll.interval))
  }
  throw new Error(`${message}: not within ${poll.timeout} ms (last levels ${JSON.stringify(last)})`)
}

it('baresip as a conference party: Bob hears baresip, baresip hears Bob, Alice hears both; removing Bob leaves Alice and baresip talking', async () => {
  const phone = baresip.phone
  const alice = await world.signedIn('alice')
  bobBrowser ??= await launchBrowser({ loopbackIce: false, extraArgs: [voice('bob')] })
  const bobUser = await openUserPage(bobBrowser, world.web.url, { recordMedia: true })
  opened.push(bobUser)
  const bob = bobUser.page
  await world.signInAs(bob, 'bob')

  // Alice calls Bob, then baresip (which puts Bob on hold), then merges.
  await alice.getByRole('textbox', { name: 'Number or SIP address' }).fill(world.user('bob').aor)
  await alice.getByRole('button', { name: 'Call', exact: true }).click()
  await expect.poll(() => isVisible(incoming(bob)), poll).toBe(true)
  await incoming(bob).getByRole('button', { name: 'Answer', exact: true }).click()
  await expect.poll(() => callState(bob), poll).toBe('Connected')
  // Alice's side too: her second call puts a connected first call on hold.
  await expect.poll(() => callState(alice), poll).toBe('Connected')

  const from = phone.eventCount()
  await alice.getByRole('textbox', { name: 'Number or SIP address' }).fill('dave')
  await alice.getByRole('button', { name: 'Call', exact: true }).click()
  // Failed once in CI (no CALL_INCOMING in 15 s, not reproduced in 3 full local runs): should it
  // again, the error says what Alice's page showed and what Kamailio logged, beside baresip's log.
  await phone.waitForEvent('CALL_INCOMING', 15_000, from).catch(async (error: unknown) => {
    const states = await alice
      .getByRole('status')
      .allTextContents()
      .catch(() => [])
    const alerts = await alice
      .getByRole('alert')
      .allTextContents()
      .catch(() => [])
    throw new Error(
      `${String(error)}\n--- Alice's page: status ${JSON.stringify(states)}, alerts ` +
        `${JSON.stringify(alerts)}\n--- Kamailio log (tail) ---\n${world.server.logTail(4000)}`,
      { cause: error },
    )
  })
  const accepted = await phone.command('accept')
  expect(accepted.ok, accepted.data).toBe(true)
  await phone.waitForEvent('CALL_ESTABLISHED', 10_000, from)
  await expect.poll(() => callState(alice), poll).toBe('Connected')
  // Before the merge baresip hears Alice only (Bob is held, and on another call).
  await until(baresipHears, (l) => l.alice > IN_MIX_DB, 'baresip hears Alice')
  expect((await baresipHears()).bob, 'baresip does not hear Bob before the merge').toBeLessThan(
    ABSENT_DB,
  )

  await alice.getByRole('button', { name: 'Merge calls', exact: true }).click()
  await expect.poll(() => conference(alice).getByRole('listitem').count(), poll).toBe(2)

  // Bob hears Alice and baresip, not himself.
  await until(
    () => pageHears(bob),
    (l) => l.alice > HEARD_DB && l.baresip > HEARD_DB,
    'Bob hears Alice and baresip',
  )
  expect((await pageHears(bob)).bob, 'Bob does not hear himself').toBeLessThan(UNHEARD_DB)
  // baresip hears Alice and Bob (through Alice's mix, transcoded Opus → G.711), not itself.
  await until(
    baresipHears,
    (l) => l.alice > IN_MIX_DB && l.bob > IN_MIX_DB,
    'baresip hears Alice and Bob',
  )
  expect((await baresipHears()).baresip, 'baresip does not hear itself').toBeLessThan(ABSENT_DB)
  // Alice hears both, one on each call.
  await expect
    .poll(
      async () => {
        const levels = await receivedTones(alice, FREQS)
        return {
          bob: levels.some((l) => l[1]! > HEARD_DB),
          baresip: levels.some((l) => l[2]! > HEARD_DB),
        }
      },
      { ...poll, message: 'Alice hears Bob and baresip' },
    )
    .toEqual({ bob: true, baresip: true })

  // Bob leaves the conference (held): Alice and baresip still talk, Bob's voice is gone.
  const bobAddress = world.user('bob').aor.replace(/^sip:/, '')
  await alice.getByRole('button', { name: `Remove ${bobAddress}`, exact: true }).click()
  await expect.poll(() => isVisible(conference(alice)), poll).toBe(false)
  await expect.poll(() => callState(bob), poll).toBe('Held by Alice Liddell')
  await until(
    baresipHears,
    (l) => l.alice > IN_MIX_DB && l.bob < ABSENT_DB,
    'baresip still hears Alice, and no longer Bob',
  )
  await expect
    .poll(async () => (await receivedTones(alice, FREQS)).some((l) => l[2]! > HEARD_DB), {
      ...poll,
      message: 'Alice still hears baresip',
    })
    .toBe(true)

  const hungUp = await phone.command('hangup')
  expect(hungUp.ok, hungUp.data).toBe(true)
  await phone.waitForEvent('CALL_CLOSED', 10_000, from)
})
