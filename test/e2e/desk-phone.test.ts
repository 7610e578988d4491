// Desk-phone features between real Chromium pages through the project's own Kamailio (dialog +
// pua_dialoginfo + presence_dialoginfo): busy lamps read from the server's dialog-event NOTIFYs,
// never from the watcher's own calls (alice takes no part in the calls she watches).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'
import { isVisible, railButton, textOf } from './support/app'
import { inboundAudio } from './support/peer-connections'

const world = useWorld()
const { signedIn } = world

const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))

async function dial(page: Page, target: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
  await page.getByRole('button', { name: 'Call', exact: true }).click()
}

/** Adds a contact by the "Add contact" dialog and turns its busy lamp on. */
async function addLamp(page: Page, name: string, address: string): Promise<void> {
  await railButton(page, 'Contacts').click()
  await page.getByRole('button', { name: 'Add contact' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add contact' })
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByLabel('SIP address').fill(address)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect.poll(() => isVisible(dialog)).toBe(false)
  const item = page
    .getByRole('list', { name: 'Contacts' })
    .getByRole('listitem')
    .filter({ hasText: name })
  await item.getByRole('button', { name: 'Busy lamp' }).click()
  await expect
    .poll(() => item.getByRole('button', { name: 'Busy lamp' }).getAttribute('aria-pressed'))
    .toBe('true')
}

/** The lamp for `name` in the Lamps strip, as text (whitespace collapsed). */
function lamp(page: Page, name: string) {
  return page.getByRole('region', { name: 'Lamps' }).getByRole('listitem').filter({ hasText: name })
}
const lampText = async (page: Page, name: string): Promise<string> =>
  ((await textOf(lamp(page, name))) ?? '').replace(/\s+/g, ' ')

/** Audio packets received keep rising: a real media path into this page. */
async function hears(page: Page): Promise<void> {
  const before = (await inboundAudio(page)).packetsReceived
  await expect
    .poll(async () => (await inboundAudio(page)).packetsReceived, { timeout: 15_000 })
    .toBeGreaterThan(before + 10)
}

/** The history list's entries, newest first, as text. */
async function history(page: Page): Promise<string[]> {
  await railButton(page, 'Calls').click()
  const items = page.getByRole('list', { name: 'Call history' }).getByRole('listitem')
  return (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))
}

describe('busy lamps', () => {
  it("alice's lamp for dave follows carol's call to him: Ringing, In a call, Idle", async () => {
    const [alice, carol, dave] = await Promise.all([
      signedIn('alice'),
      signedIn('carol'),
      signedIn('dave'),
    ])
    await addLamp(alice, 'Dave', 'dave')
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 10_000 }).toMatch(/Dave Idle/)

    await dial(carol, 'dave')
    const ringing = dave.getByRole('alertdialog', { name: 'Incoming call' })
    await expect.poll(() => isVisible(ringing), { timeout: 10_000 }).toBe(true)
    // Who is calling, as the server's NOTIFY names her.
    await expect
      .poll(() => lampText(alice, 'Dave'), { timeout: 10_000 })
      .toMatch(/Dave Ringing: .*carol/i)

    await ringing.getByRole('button', { name: 'Answer', exact: true }).click()
    await expect.poll(() => callState(carol), { timeout: 10_000 }).toBe('Connected')
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 10_000 }).toMatch(/Dave In a call/)

    await carol.getByRole('button', { name: 'Hang up' }).click()
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 10_000 }).toMatch(/Dave Idle/)
    // Alice never took part: she has no call.
    expect(await isVisible(alice.getByRole('button', { name: 'Hang up' }))).toBe(false)
  })

  it.each([
    ['an INVITE with Replaces from the lamp', 'Replaces'],
    ['the pickup code', 'code'],
  ])('alice picks up carol\'s call to dave by %s', async (_how, how) => {
    const [alice, carol, dave] = await Promise.all([
      signedIn('alice'),
      signedIn('carol'),
      signedIn('dave'),
    ])
    await addLamp(alice, 'Dave', 'dave')
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 10_000 }).toMatch(/Dave Idle/)

    await dial(carol, 'dave')
    const ringing = dave.getByRole('alertdialog', { name: 'Incoming call' })
    await expect.poll(() => isVisible(ringing), { timeout: 10_000 }).toBe(true)
    await expect.poll(() => lampText(alice, 'Dave'), { timeout: 10_000 }).toMatch(/Ringing/)

    if (how === 'Replaces') {
      await lamp(alice, 'Dave').getByRole('button', { name: 'Pick up' }).click()
    } else {
      await dial(alice, '*8dave')
    }

    // Alice and carol talk, read from the peer connections' own stats on both pages.
    await expect.poll(() => callState(alice), { timeout: 15_000 }).toBe('Connected')
    await expect.poll(() => callState(carol), { timeout: 15_000 }).toBe('Connected')
    await hears(alice)
    await hears(carol)
    // Dave's phone stops ringing, and his history keeps the call as picked up elsewhere.
    await expect.poll(() => isVisible(ringing), { timeout: 10_000 }).toBe(false)
    await expect
      .poll(async () => (await history(dave))[0] ?? '', { timeout: 10_000 })
      .toMatch(/Carol.*Picked up elsewhere/)
    await alice.getByRole('button', { name: 'Hang up' }).click()
  })
})
