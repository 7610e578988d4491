// Read receipts (IMDN, RFC 5438) between two Switchboard users through the project's Kamailio:
// the sender's message reads "Delivered", then "Read" once the recipient has the thread on
// screen, never "Read" when the recipient turned "Send read receipts" off, and the
// notifications themselves never show up as messages in either thread.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'
import { isVisible, railButton, textOf } from './support/app'

const world = useWorld()
const { signedIn } = world

const log = (page: Page) => page.getByRole('log')
const bodies = async (page: Page): Promise<string[]> =>
  (await log(page).locator('.body').allInnerTexts()).map((b) => b.trim())
const stateOf = (page: Page, text: string) =>
  textOf(log(page).locator('.message', { hasText: text }).locator('.state'))

async function messageTo(page: Page, address: string, text: string): Promise<void> {
  await page.getByLabel('Number or SIP address').fill(address)
  await page.getByRole('button', { name: 'Message', exact: true }).click()
  const box = page.getByRole('textbox', { name: 'Message' })
  await expect.poll(() => isVisible(box), { timeout: 10_000 }).toBe(true)
  await box.fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
}

async function openThread(page: Page, name: string): Promise<void> {
  await railButton(page, 'Chat').click()
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name })
    .click()
}

describe('read receipts between two Switchboard users', () => {
  it('Delivered while bob is elsewhere, Read once he opens the thread; no stray items', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await messageTo(alice, 'bob', 'Did you read this?')
    await expect
      .poll(() => stateOf(alice, 'Did you read this?'), { timeout: 10_000 })
      .toBe('Delivered')
    // Bob is in Calls: the message is stored (and delivered), not displayed.
    await alice.waitForTimeout(1500)
    expect(await stateOf(alice, 'Did you read this?')).toBe('Delivered')

    await openThread(bob, 'Alice Liddell')
    await expect.poll(() => bodies(bob), { timeout: 10_000 }).toEqual(['Did you read this?'])
    await expect.poll(() => stateOf(alice, 'Did you read this?'), { timeout: 10_000 }).toBe('Read')
    // Neither thread shows a notification as a message.
    expect(await bodies(alice)).toEqual(['Did you read this?'])
    expect(await bodies(bob)).toEqual(['Did you read this?'])
    expect(await textOf(log(alice))).not.toMatch(/unsupported/i)
    expect(await textOf(log(bob))).not.toMatch(/unsupported/i)
  })

  it('never Read when the recipient turned "Send read receipts" off', async () => {
    const [dave, carol] = await Promise.all([signedIn('dave'), signedIn('carol')])
    await railButton(carol, 'Settings').click()
    const setting = carol.getByRole('checkbox', { name: 'Send read receipts' })
    expect(await setting.isChecked()).toBe(true) // on by default
    await setting.uncheck()
    await expect.poll(() => setting.isChecked()).toBe(false)

    await messageTo(dave, 'carol', 'Private reading')
    await expect.poll(() => stateOf(dave, 'Private reading'), { timeout: 10_000 }).toBe('Delivered')
    await openThread(carol, 'Dave Lister')
    await expect.poll(() => bodies(carol), { timeout: 10_000 }).toEqual(['Private reading'])
    // Carol answers in the open thread (her message asks dave for receipts; his are on).
    await carol.getByRole('textbox', { name: 'Message' }).fill('Seen, quietly')
    await carol.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => bodies(dave), { timeout: 10_000 }).toContain('Seen, quietly')
    await expect.poll(() => stateOf(carol, 'Seen, quietly'), { timeout: 10_000 }).toBe('Read')
    await dave.waitForTimeout(2000)
    expect(await stateOf(dave, 'Private reading')).toBe('Delivered')
  })
})
