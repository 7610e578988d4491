// Setting up an account from what a PBX hands out, against the project's Kamailio: a provisioning
// link pasted into the sign-in form, and a provisioning file chosen in Settings → Accounts. A
// link or file that is not right shows why and fills in nothing. Registration is judged by the
// server's location table, never by the app's word for it.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { provisioningLink } from '../../shared/account/provisioning-link'
import { useWorld } from './support/world'
import { isVisible, railButton, registrationStatus, textOf } from './support/app'

const world = useWorld()
const { user } = world

/** Waits until the server's own location table has the user's contact. */
async function expectRegistered(name: string): Promise<void> {
  await expect.poll(() => world.server.contacts(name), { timeout: 15_000 }).not.toEqual([])
}

function accountOf(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const u = user(name)
  return { aor: u.aor, server: world.server.wsUrl, password: u.password, displayName: u.displayName, ...extra }
}

async function openImport(page: Page): Promise<void> {
  await page.getByText('Set up from a provisioning file or link', { exact: true }).click()
}

describe('provisioning', () => {
  it('a link pasted into the sign-in form fills it in; a bad one shows why and fills nothing', async () => {
    const { page } = await world.open()
    await openImport(page)
    const linkField = page.getByLabel('Provisioning link', { exact: true })
    const aor = page.getByLabel('SIP address', { exact: true })

    // Not a provisioning link; then one whose account has a header in its name.
    await linkField.fill('https://pbx.example.com/phone')
    await page.getByRole('button', { name: 'Import link' }).click()
    await expect
      .poll(() => textOf(page.getByRole('alert')))
      .toBe('Could not import: it is not a provisioning link')
    const hostile = provisioningLink('https://pbx.example.com/phone', accountOf('alice', { displayName: 'A\r\nVia: x' }))
    await linkField.fill(hostile)
    await linkField.press('Enter')
    await expect
      .poll(() => textOf(page.getByRole('alert')))
      .toBe('Could not import: the field displayName is not valid')
    expect(await aor.inputValue()).toBe('')
    // Enter in the link field imported; it did not submit the sign-in form.
    expect(await world.server.contacts('alice')).toEqual([])

    await linkField.fill(provisioningLink('https://pbx.example.com/phone', accountOf('alice')))
    await page.getByRole('button', { name: 'Import link' }).click()
    await expect.poll(() => aor.inputValue()).toBe(user('alice').aor)
    expect(await page.getByLabel('WebSocket server', { exact: true }).inputValue()).toBe(world.server.wsUrl)
    expect(await page.getByLabel('Display name', { exact: true }).inputValue()).toBe(user('alice').displayName)
    // The link (it holds the password) does not stay in its field.
    expect(await linkField.inputValue()).toBe('')
    expect(await isVisible(page.getByRole('alert'))).toBe(false)

    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expectRegistered('alice')
    await expect.poll(() => textOf(registrationStatus(page)), { timeout: 10_000 }).toBe('Registered')
  })

  it('a file chosen in Settings opens a new account with its details; Save registers it', async () => {
    const bob = await world.signedIn('bob')
    await railButton(bob, 'Settings').click()
    await openImport(bob)
    const file = bob.getByLabel('Import account file', { exact: true })

    await file.setInputFiles({ name: 'carol.json', mimeType: 'application/json', buffer: Buffer.from('{"aor": ') })
    await expect
      .poll(() => textOf(bob.getByRole('alert')))
      .toBe('Could not import: it does not hold account details (JSON)')
    expect(await bob.getByRole('button', { name: 'Save' }).count()).toBe(0)

    const json = JSON.stringify(accountOf('carol', { registerExpires: 300, vendorExtra: true }))
    await file.setInputFiles({ name: 'carol.json', mimeType: 'application/json', buffer: Buffer.from(json) })
    const form = bob.locator('form').filter({ has: bob.getByRole('button', { name: 'Save' }) })
    await expect.poll(() => isVisible(form), { timeout: 5_000 }).toBe(true)
    expect(await form.getByLabel('SIP address', { exact: true }).inputValue()).toBe(user('carol').aor)
    await form.locator('summary', { hasText: 'Advanced' }).click()
    expect(await form.getByLabel('Registration expiry (seconds)').inputValue()).toBe('300')
    // Nothing is saved until "Save".
    expect(await world.server.contacts('carol')).toEqual([])
    await form.getByRole('button', { name: 'Save' }).click()
    await expectRegistered('carol')
    const accounts = bob.getByRole('list', { name: 'Accounts', exact: true })
    await expect
      .poll(() => isVisible(accounts.getByRole('listitem', { name: user('carol').displayName })), { timeout: 5_000 })
      .toBe(true)
    // bob's own account is still registered beside it.
    expect(await world.server.contacts('bob')).not.toEqual([])
  })
})
