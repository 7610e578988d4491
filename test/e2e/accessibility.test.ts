// axe-core on every view and dialog of the real app (signed in to the project's Kamailio, light
// and dark): sign-in (and its provisioning section), calls (idle, ringing, in a call), chat,
// contacts and its dialog, dial pad, settings, suggestions, "Keyboard shortcuts", "Confirm call".
// Zero violations, best practices included. Also the top bar: the name once, the address
// beneath, one row at 1280 px.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'
import { isVisible, railButton, textOf } from './support/app'
import { axeViolations } from './support/axe'

const world = useWorld()
const { signedIn, signInAs } = world

async function expectClean(page: Page, where: string): Promise<void> {
  // Let transitions and deferred views settle.
  await page.waitForTimeout(300)
  expect(await axeViolations(page), where).toEqual([])
}

const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })

describe('accessibility (axe-core)', () => {
  it('every view and dialog has no violations, light and dark', async () => {
    const { page: alice } = await world.open()
    await alice.setViewportSize({ width: 1280, height: 800 })
    await expectClean(alice, 'sign-in')
    // The provisioning section open, with a refused link's error.
    await alice.getByText('Set up from a provisioning file or link', { exact: true }).click()
    await alice.getByLabel('Provisioning link', { exact: true }).fill('not a link')
    await alice.getByRole('button', { name: 'Import link' }).click()
    await expect.poll(() => isVisible(alice.getByRole('alert'))).toBe(true)
    await expectClean(alice, 'sign-in, provisioning')
    await signInAs(alice, 'alice')
    const bob = await signedIn('bob')

    for (const scheme of ['light', 'dark'] as const) {
      await alice.emulateMedia({ colorScheme: scheme })
      await railButton(alice, 'Calls').click()
      await expectClean(alice, `calls (${scheme})`)
      await railButton(alice, 'Contacts').click()
      await expectClean(alice, `contacts (${scheme})`)
      await railButton(alice, 'Dial pad').click()
      await expectClean(alice, `dial pad (${scheme})`)
      await railButton(alice, 'Settings').click()
      await expectClean(alice, `settings (${scheme})`)
    }
    await alice.emulateMedia({ colorScheme: 'light' })

    // Contacts: the dialog, then a contact to suggest.
    await railButton(alice, 'Contacts').click()
    await alice.getByRole('button', { name: 'Add contact' }).click()
    const dialog = alice.getByRole('dialog', { name: 'Add contact' })
    await expectClean(alice, 'add contact dialog')
    await dialog.getByLabel('Name').fill('Bob Builder')
    await dialog.getByLabel('SIP address').fill('bob')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => isVisible(dialog)).toBe(false)
    await expectClean(alice, 'contacts with a contact')

    // Suggestions under "Number or SIP address".
    const field = alice.getByRole('textbox', { name: 'Number or SIP address' })
    await field.click()
    await alice.keyboard.type('bo')
    await expect.poll(() => isVisible(alice.getByRole('listbox', { name: 'Suggestions' }))).toBe(true)
    await alice.keyboard.press('ArrowDown')
    await expectClean(alice, 'suggestions')
    await alice.keyboard.press('Escape')

    // Chat with a thread open.
    await field.fill('bob')
    await alice.getByRole('button', { name: 'Message', exact: true }).click()
    await alice.getByRole('textbox', { name: 'Message' }).fill('Hello')
    await alice.keyboard.press('Enter')
    await expect.poll(() => textOf(alice.getByRole('log')), { timeout: 10_000 }).toContain('Delivered')
    await expectClean(alice, 'chat')

    // Keyboard shortcuts.
    await alice.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await alice.keyboard.press('?')
    await expect.poll(() => isVisible(alice.getByRole('dialog', { name: 'Keyboard shortcuts' }))).toBe(true)
    await expectClean(alice, 'keyboard shortcuts')
    await alice.keyboard.press('Escape')

    // A call: ringing at bob, then connected on both sides.
    await field.fill('bob')
    await field.press('Enter')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    await expectClean(bob, 'incoming call')
    await expectClean(alice, 'calling')
    await incoming(bob).getByRole('button', { name: 'Answer', exact: true }).click()
    await expect
      .poll(() => textOf(alice.getByRole('status', { name: 'Call state' })), { timeout: 10_000 })
      .toBe('Connected')
    await expectClean(alice, 'in a call')
    await expectClean(bob, 'in a call (callee)')
    await alice.getByRole('button', { name: 'Hang up', exact: true }).click()
  })

  it('"Confirm call" has no violations', async () => {
    const { page } = await world.open({ path: `?dial=${encodeURIComponent('sip:bob@127.0.0.1')}` })
    await signInAs(page, 'alice')
    await expect
      .poll(() => isVisible(page.getByRole('dialog', { name: 'Confirm call' })), { timeout: 5_000 })
      .toBe(true)
    await expectClean(page, 'confirm call')
  })

  it('the top bar shows the name once, the address beneath, on one row at 1280 px', async () => {
    const page = await signedIn('alice')
    await page.setViewportSize({ width: 1280, height: 800 })
    const bar = page.locator('header.top-bar')
    const text = (await bar.innerText()).replace(/\s+/g, ' ')
    expect(text.split('Alice Liddell').length - 1).toBe(1)
    expect(text.split('alice@127.0.0.1').length - 1).toBe(1)
    // One row: every control's top within the bar's first row.
    const tops = await bar.evaluate((header) =>
      [...header.children].map((child) => Math.round(child.getBoundingClientRect().top)),
    )
    const barTop = await bar.evaluate((header) => header.getBoundingClientRect().top)
    const height = await bar.evaluate((header) => header.getBoundingClientRect().height)
    expect(height).toBeLessThan(64)
    for (const top of tops) expect(top - barTop).toBeLessThan(20)
  })
})
