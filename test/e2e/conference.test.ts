// A local conference in Alice's page, through the project's Kamailio: she calls Bob and Carol and
// merges the calls. Each user's fake microphone plays its own tone (one Chromium per user: the
// audio file is a browser-wide flag), so who hears whom is read from the frequencies each
// connection receives (support/tones.ts), not from the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { useWorld } from './support/world'
import { isVisible, textOf } from './support/app'
import { launchBrowser, openUserPage, type UserPage } from './support/browser'
import { receivedTones } from './support/tones'
import { toneWav } from './support/wav'

// Far apart from each other's harmonics and intermodulation products (up to fourth order): a mix
// of two tones must not fake the third.
const TONES = { alice: 650, bob: 1000, carol: 1800 } as const
const FREQS = [TONES.alice, TONES.bob, TONES.carol]
type Who = keyof typeof TONES

const dir = mkdtempSync(join(tmpdir(), 'switchboard-conference-'))
function voice(who: Who): string {
  const path = join(dir, `${who}.wav`)
  writeFileSync(
    path,
    toneWav({ rate: 48_000, seconds: 4, hz: TONES[who], pulse: { on: 0.4, off: 0.1 } }),
  )
  return `--use-file-for-fake-audio-capture=${path}`
}

// Alice in the world's browser; Bob and Carol each in a browser of their own, below.
const world = useWorld({ extraArgs: [voice('alice')] })
const others: { browser: Browser; user: UserPage }[] = []

beforeAll(() => {
  voice('bob')
  voice('carol')
})

afterAll(async () => {
  for (const { browser } of others) await browser.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Bob or Carol, signed in, in a Chromium whose microphone plays their tone. */
async function ownBrowser(who: Exclude<Who, 'alice'>): Promise<Page> {
  const browser = await launchBrowser({
    extraArgs: [`--use-file-for-fake-audio-capture=${join(dir, `${who}.wav`)}`],
  })
  const user = await openUserPage(browser, world.web.url, { recordMedia: true })
  others.push({ browser, user })
  await world.signInAs(user.page, who)
  return user.page
}

const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))
const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })
const conference = (page: Page) => page.getByRole('region', { name: 'Conference' })

async function call(from: Page, to: Page, target: string): Promise<void> {
  await from.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
  await from.getByRole('button', { name: 'Call', exact: true }).click()
  await expect.poll(() => isVisible(incoming(to)), { timeout: 15_000 }).toBe(true)
  await incoming(to).getByRole('button', { name: 'Answer', exact: true }).click()
  await expect.poll(() => callState(to), { timeout: 15_000 }).toBe('Connected')
}

/**
 * A tone reads this many dB above the received spectrum's median when its voice arrives (seen:
 * 64–82)…
 */
const HEARD_DB = 55
/** …and below this when it does not (seen: 21–40, Opus noise and the other tones' spread). */
const UNHEARD_DB = 45

/** What one page hears on its one call: which of the three voices arrive. */
async function hears(page: Page): Promise<Record<Who, boolean>> {
  const [levels = [0, 0, 0]] = await receivedTones(page, FREQS)
  return {
    alice: levels[0]! > HEARD_DB,
    bob: levels[1]! > HEARD_DB,
    carol: levels[2]! > HEARD_DB,
  }
}

/** What one page does not hear: voices clearly absent. */
async function silent(page: Page): Promise<Record<Who, boolean>> {
  const [levels = [99, 99, 99]] = await receivedTones(page, FREQS)
  return {
    alice: levels[0]! < UNHEARD_DB,
    bob: levels[1]! < UNHEARD_DB,
    carol: levels[2]! < UNHEARD_DB,
  }
}

const poll = { timeout: 20_000, interval: 500 }

describe('local conference', () => {
  it('merges two calls: each remote hears the host and the other, not itself; removing one leaves the other talking', async () => {
    const alice = await world.signedIn('alice')
    const bob = await ownBrowser('bob')
    const carol = await ownBrowser('carol')

    await call(alice, bob, world.user('bob').aor)
    await call(alice, carol, world.user('carol').aor)
    // Dialling Carol held Bob: one call talks at a time until the merge.
    await alice.getByRole('button', { name: 'Merge calls', exact: true }).click()
    await expect.poll(() => isVisible(conference(alice)), poll).toBe(true)
    await expect.poll(() => conference(alice).getByRole('listitem').count(), poll).toBe(2)

    // Bob hears Alice and Carol; Carol hears Alice and Bob.
    await expect
      .poll(() => hears(bob), { ...poll, message: 'Bob hears Alice and Carol' })
      .toMatchObject({ alice: true, carol: true })
    await expect
      .poll(() => hears(carol), { ...poll, message: 'Carol hears Alice and Bob' })
      .toMatchObject({ alice: true, bob: true })
    // Nobody is sent their own voice back.
    expect((await silent(bob)).bob, 'Bob does not hear himself').toBe(true)
    expect((await silent(carol)).carol, 'Carol does not hear herself').toBe(true)
    // Alice hears both, one on each call.
    await expect
      .poll(
        async () => {
          const levels = await receivedTones(alice, FREQS)
          return {
            bob: levels.some((l) => l[1]! > HEARD_DB),
            carol: levels.some((l) => l[2]! > HEARD_DB),
          }
        },
        { ...poll, message: 'Alice hears Bob and Carol' },
      )
      .toEqual({ bob: true, carol: true })
    // Who is speaking comes from the mixer's levels.
    await expect.poll(() => textOf(conference(alice)), poll).toContain('Speaking')

    // Carol leaves the conference (her call goes on hold): Bob and Alice still talk.
    // Outgoing calls are named by the address dialled.
    const carolAddress = world.user('carol').aor.replace(/^sip:/, '')
    await alice.getByRole('button', { name: `Remove ${carolAddress}`, exact: true }).click()
    await expect.poll(() => isVisible(conference(alice)), poll).toBe(false)
    await expect.poll(() => callState(carol), poll).toBe('Held by Alice Liddell')
    await expect
      .poll(() => silent(bob), { ...poll, message: 'Bob no longer hears Carol' })
      .toMatchObject({ carol: true })
    await expect
      .poll(() => hears(bob), { ...poll, message: 'Bob still hears Alice' })
      .toMatchObject({ alice: true })
    await expect.poll(() => callState(alice), poll).toBe('Connected')
    await expect.poll(() => callState(bob), poll).toBe('Connected')
  })
})
