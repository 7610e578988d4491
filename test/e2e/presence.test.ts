// Presence and contacts between real Chromium pages through the project's own Kamailio (PUBLISH,
// SUBSCRIBE/NOTIFY with PIDF): every "Done when" item of issue 5, in one story, as users see it.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'
import { isVisible, railButton, registrationStatus, textOf } from './support/app'

const world = useWorld()
const { signedIn } = world

const contactItem = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: name })

/** The contact's line as text, whitespace collapsed. */
async function contactLine(page: Page, name: string): Promise<string> {
  return ((await textOf(contactItem(page, name))) ?? '').replace(/\s+/g, ' ')
}

/** Within about a second of the NOTIFY: the poll allows 3 s for the PUBLISH → NOTIFY path too. */
async function expectContact(
  page: Page,
  name: string,
  pattern: RegExp,
  timeout = 3_000,
): Promise<void> {
  await expect.poll(() => contactLine(page, name), { timeout }).toMatch(pattern)
}

const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))

async function setMyStatus(page: Page, label: string, note?: string): Promise<void> {
  await page.getByRole('combobox', { name: 'My status' }).selectOption({ label })
  if (note !== undefined) {
    const field = page.getByRole('textbox', { name: 'Status note' })
    await field.fill(note)
    await field.press('Enter')
  }
}

async function dial(page: Page, target: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
  await page.getByRole('button', { name: 'Call', exact: true }).click()
}

describe('presence through Kamailio', () => {
  it('status, note, On the phone, Do not disturb, server restart and sign-out reach a watcher', async () => {
    const [alice, bob, carol] = await Promise.all([
      signedIn('alice'),
      signedIn('bob'),
      signedIn('carol'),
    ])

    // bob adds alice by the "Add contact" dialog; her published "Available" shows.
    await bob.getByRole('button', { name: 'Contacts', exact: true }).click()
    await bob.getByRole('button', { name: 'Add contact' }).click()
    const dialog = bob.getByRole('dialog', { name: 'Add contact' })
    await dialog.getByLabel('Name').fill('Alice')
    await dialog.getByLabel('SIP address').fill('alice')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => isVisible(dialog)).toBe(false)
    await expectContact(bob, 'Alice', /sip:alice@127\.0\.0\.1.*Available/, 5_000)

    // Away with a note.
    await setMyStatus(alice, 'Away', 'lunch')
    await expectContact(bob, 'Alice', /Away lunch/)

    // The same status where bob chats with her: the conversation list and the thread header.
    await bob.getByRole('button', { name: 'Message Alice' }).click()
    const chatView = bob.getByRole('region', { name: 'Chat' })
    await expect
      .poll(() => textOf(chatView.locator('header')), { timeout: 5_000 })
      .toMatch(/Away\s*lunch/)
    await expect
      .poll(() => textOf(bob.getByRole('navigation', { name: 'Conversations' })), {
        timeout: 5_000,
      })
      .toMatch(/Away\s*lunch/)
    await bob
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Contacts' })
      .click()

    // A call makes her "On the phone"; hanging up brings back what she chose.
    await dial(alice, 'carol')
    const ringing = carol.getByRole('alertdialog', { name: 'Incoming call' })
    await expect.poll(() => isVisible(ringing), { timeout: 10_000 }).toBe(true)
    await ringing.getByRole('button', { name: 'Answer', exact: true }).click()
    await expect.poll(() => callState(alice), { timeout: 10_000 }).toBe('Connected')
    await expectContact(bob, 'Alice', /On the phone/)
    await alice.getByRole('button', { name: 'Hang up' }).click()
    await expectContact(bob, 'Alice', /Away lunch/)

    // Do not disturb: bob's call ends "Busy", nothing rings at alice, and she has a missed call.
    await setMyStatus(alice, 'Do not disturb')
    await expectContact(bob, 'Alice', /Do not disturb/)
    let aliceRang = false
    const watchRinging = setInterval(() => {
      void isVisible(alice.getByRole('alertdialog', { name: 'Incoming call' })).then((v) => {
        aliceRang ||= v
      })
    }, 50)
    await bob.getByRole('button', { name: 'Call Alice' }).click()
    await expect.poll(() => callState(bob), { timeout: 10_000 }).toBe('Ended: Busy')
    clearInterval(watchRinging)
    expect(aliceRang, 'no incoming call shown at alice').toBe(false)
    // bob's call screen shows why: alice's status, as a watched contact.
    expect(await textOf(bob.getByRole('region', { name: 'Call' }))).toContain('Do not disturb')
    // Her panel may still show the ended call with carol; never one with bob.
    expect((await textOf(alice.getByRole('region', { name: 'Call' }))) ?? '').not.toMatch(/Bob/)
    await railButton(alice, 'Calls').click()
    const history = alice.getByRole('list', { name: 'Call history' }).getByRole('listitem')
    await expect
      .poll(async () => ((await history.allInnerTexts())[0] ?? '').replace(/\s+/g, ' '), {
        timeout: 5_000,
      })
      .toMatch(/Bob Builder.*Missed/)

    // Kamailio restarts (presence lives in its memory only): everything comes back, no clicks.
    await world.server.stop()
    await expect
      .poll(() => textOf(registrationStatus(bob).first()), { timeout: 10_000 })
      .not.toBe('Registered')
    await world.server.start()
    await expect
      .poll(() => textOf(registrationStatus(bob).first()), { timeout: 30_000 })
      .toBe('Registered')
    await expect
      .poll(() => textOf(registrationStatus(alice).first()), { timeout: 30_000 })
      .toBe('Registered')
    await expectContact(bob, 'Alice', /Do not disturb/, 15_000)

    // alice signs out: her publication is removed, bob reads "Offline".
    await alice.getByRole('button', { name: 'Sign out' }).click()
    await expectContact(bob, 'Alice', /Offline/)
  })
})
