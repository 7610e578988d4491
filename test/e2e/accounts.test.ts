// Several SIP accounts in one app, against the project's Kamailio: alice signs in, adds dave (over
// secure WebSocket) in Settings, and both register on their own connections. Registration is
// judged by the server's location table, never by the app's word for it.
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { useWorld } from './support/world'
import { isVisible, railButton, registrationStatus, textOf } from './support/app'

const world = useWorld()
const { user, signedIn } = world

const incoming = (page: Page): Locator => page.getByRole('alertdialog', { name: 'Incoming call' })
const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))
/** Settings → Accounts: one account's entry, by its name. */
const accountEntry = (page: Page, name: string): Locator =>
  page.getByRole('list', { name: 'Accounts', exact: true }).getByRole('listitem', { name })
/** The status area's list of every account's state (shown with two or more). */
const statusOf = (page: Page, name: string): Promise<string | null> =>
  textOf(
    page
      .getByRole('list', { name: 'Account status' })
      .getByRole('listitem')
      .filter({ hasText: `${name}:` }),
  )

/** Waits until the server's own location table has (or no longer has) the user's contact. */
async function contactsOf(name: string, present: boolean, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const contacts = await world.server.contacts(name)
    if (contacts.length > 0 === present || Date.now() > deadline) return contacts
    await new Promise((r) => setTimeout(r, 200))
  }
}

async function addAccount(page: Page, name: string, server: string): Promise<void> {
  const u = user(name)
  await railButton(page, 'Settings').click()
  await page.getByRole('button', { name: 'Add account' }).click()
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save' }) })
  await form.getByLabel('SIP address').fill(u.aor)
  await form.getByLabel('WebSocket server').fill(server)
  await form.getByLabel('Password', { exact: true }).fill(u.password)
  await form.getByLabel('Display name').fill(u.displayName)
  await form.getByRole('button', { name: 'Save' }).click()
  await expect.poll(() => isVisible(accountEntry(page, u.displayName)), { timeout: 5000 }).toBe(true)
}

async function dial(page: Page, target: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
  await page.getByRole('button', { name: 'Call', exact: true }).click()
}

async function answer(page: Page): Promise<void> {
  await incoming(page).getByRole('button', { name: 'Answer', exact: true }).click()
}

async function hangUp(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Hang up' }).click()
  await expect.poll(() => callState(page), { timeout: 10_000 }).toMatch(/^Ended/)
}

async function sendMessage(page: Page, to: string, text: string): Promise<void> {
  await page.getByLabel('Number or SIP address').fill(to)
  await page.getByRole('button', { name: 'Message', exact: true }).click()
  const box = page.getByRole('textbox', { name: 'Message' })
  await expect.poll(() => isVisible(box), { timeout: 10_000 }).toBe(true)
  await box.fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
}

describe('several accounts at once', () => {
  it('alice and dave (ws and wss) in one app: calls, messages, restart, disable', async () => {
    const alice = await signedIn('alice')
    await addAccount(alice, 'dave', world.server.wssUrl)
    const aliceName = user('alice').displayName
    const daveName = user('dave').displayName

    // Both register, each on its own connection: the server holds a contact for each.
    expect(await contactsOf('alice', true)).not.toEqual([])
    expect(await contactsOf('dave', true)).not.toEqual([])
    await expect.poll(() => statusOf(alice, aliceName), { timeout: 10_000 }).toBe(`${aliceName}: Registered`)
    await expect.poll(() => statusOf(alice, daveName), { timeout: 10_000 }).toBe(`${daveName}: Registered`)
    // The default account's status line still reads as before.
    expect(await textOf(registrationStatus(alice))).toBe('Registered')

    // bob calls account 1, carol calls account 2: each call says which account it reached.
    const bob = await signedIn('bob')
    const carol = await signedIn('carol')
    await dial(bob, user('alice').aor)
    await expect.poll(() => isVisible(incoming(alice)), { timeout: 10_000 }).toBe(true)
    expect(await textOf(incoming(alice))).toContain(`To ${aliceName}`)
    await incoming(alice).getByRole('button', { name: 'Decline' }).click()
    await expect.poll(() => callState(bob), { timeout: 10_000 }).toBe('Ended: Declined')

    await dial(carol, user('dave').aor)
    await expect.poll(() => isVisible(incoming(alice)), { timeout: 10_000 }).toBe(true)
    expect(await textOf(incoming(alice))).toContain(`To ${daveName}`)
    expect(await textOf(incoming(alice))).toContain(user('carol').aor)
    await answer(alice)
    await expect.poll(() => callState(carol), { timeout: 10_000 }).toBe('Connected')
    await hangUp(alice)

    // alice calls out from account 2: bob sees dave's address.
    await alice.getByRole('combobox', { name: 'Call from' }).selectOption({ label: daveName })
    await dial(alice, user('bob').aor)
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    expect(await textOf(incoming(bob))).toContain(user('dave').aor)
    expect(await textOf(incoming(bob))).toContain(daveName)
    await answer(bob)
    await expect.poll(() => callState(alice), { timeout: 10_000 }).toBe('Connected')
    await hangUp(bob)

    // Messages to each account land in that account's conversation.
    await sendMessage(bob, user('alice').aor, 'for the desk line')
    await sendMessage(carol, user('dave').aor, 'for the second line')
    await railButton(alice, 'Chat').click()
    const conversations = alice.getByRole('navigation', { name: 'Conversations' })
    // A conversation's row: its button carries only the name, the row the rest.
    const row = (name: string) =>
      conversations.getByRole('listitem').filter({ has: alice.getByRole('button', { name }) })
    const bobThread = row(user('bob').displayName)
    const carolThread = row(user('carol').displayName)
    await expect.poll(() => textOf(bobThread), { timeout: 10_000 }).toContain(`via ${aliceName}`)
    await expect.poll(() => textOf(carolThread), { timeout: 10_000 }).toContain(`via ${daveName}`)
    expect(await textOf(bobThread)).toContain('for the desk line')
    expect(await textOf(carolThread)).toContain('for the second line')

    // Kamailio restarts: both accounts come back by themselves, no click.
    await world.server.stop()
    await world.server.start()
    expect(await contactsOf('alice', true, 30_000)).not.toEqual([])
    expect(await contactsOf('dave', true, 30_000)).not.toEqual([])
    await expect.poll(() => statusOf(alice, aliceName), { timeout: 30_000 }).toBe(`${aliceName}: Registered`)
    await expect.poll(() => statusOf(alice, daveName), { timeout: 30_000 }).toBe(`${daveName}: Registered`)

    // Disabling dave un-REGISTERs it; alice stays registered.
    await railButton(alice, 'Settings').click()
    await accountEntry(alice, daveName).getByRole('checkbox', { name: 'Enabled' }).uncheck()
    expect(await contactsOf('dave', false)).toEqual([])
    expect(await world.server.contacts('alice')).not.toEqual([])
    expect(await textOf(registrationStatus(alice))).toBe('Registered')
  })

  it('editing the display name and the server port re-registers in place; the callee sees the new name', async () => {
    const carol = await signedIn('carol')
    const before = await contactsOf('carol', true)
    expect(before).not.toEqual([])
    await railButton(carol, 'Settings').click()
    const entry = accountEntry(carol, user('carol').displayName)
    await entry.getByRole('button', { name: 'Edit' }).click()
    await entry.getByLabel('Display name').fill('Carol on the wss port')
    // The same server on its other (secure WebSocket) port.
    await entry.getByLabel('WebSocket server').fill(world.server.wssUrl)
    await entry.getByRole('button', { name: 'Save' }).click()

    // A new contact in the location table (new connection, new port); still signed in.
    await expect
      .poll(async () => {
        const now = await world.server.contacts('carol')
        return now.length > 0 && now.every((c) => !before.includes(c))
      }, { timeout: 15_000 })
      .toBe(true)
    await expect.poll(() => textOf(registrationStatus(carol)), { timeout: 10_000 }).toBe('Registered')
    expect(await isVisible(carol.getByRole('button', { name: 'Sign out' }))).toBe(true)

    const bob = await signedIn('bob')
    await dial(carol, user('bob').aor)
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    expect(await textOf(incoming(bob))).toContain('Carol on the wss port')
    await incoming(bob).getByRole('button', { name: 'Decline' }).click()
  })
})
