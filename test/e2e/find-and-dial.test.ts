// Finding someone and dialling them, end to end against the project's Kamailio: the address
// bar's suggestions (contacts, history) with the keyboard, the dial pad with clicks and keys, and
// the bug where Enter in an empty "Number or SIP address" put the live call on hold. Who rang is
// read at the callee's own page (its "Incoming call" dialog), never from the caller's word.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_USERS, SIP_DOMAIN, type DemoUser } from '../../scripts/sip-server/server'
import { useWorld } from './support/world'
import { isVisible, railButton, textOf } from './support/app'

// A desk phone with a numeric extension.
const DESK: DemoUser = {
  username: '1001',
  password: 'desk-secret',
  displayName: 'Front Desk',
  aor: `sip:1001@${SIP_DOMAIN}`,
}

const world = useWorld({ server: { users: [...DEMO_USERS, DESK] } })
const { signedIn } = world

const addressField = (page: Page) => page.getByRole('textbox', { name: 'Number or SIP address' })
const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })
const callState = (page: Page) => textOf(page.getByRole('status', { name: 'Call state' }))
const suggestions = (page: Page) => page.getByRole('listbox', { name: 'Suggestions' })

async function expectState(page: Page, state: string | RegExp): Promise<void> {
  const poll = expect.poll(() => callState(page), { timeout: 10_000 })
  if (typeof state === 'string') await poll.toBe(state)
  else await poll.toMatch(state)
}

/** `callee` rings with a call from Alice; it declines, and the caller's call ends. */
async function ringsFromAlice(callee: Page, caller: Page): Promise<void> {
  await expect.poll(() => isVisible(incoming(callee)), { timeout: 10_000 }).toBe(true)
  expect(await textOf(incoming(callee))).toContain(world.user('alice').aor)
  await incoming(callee).getByRole('button', { name: 'Decline', exact: true }).click()
  await expectState(caller, /^Ended/)
}

async function addContact(page: Page, name: string, address: string, numbers: string): Promise<void> {
  await railButton(page, 'Contacts').click()
  await page.getByRole('button', { name: 'Add contact' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add contact' })
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByLabel('SIP address').fill(address)
  await dialog.getByLabel('Phone numbers').fill(numbers)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect.poll(() => isVisible(dialog)).toBe(false)
}

describe('dial() checks the target before anything else', () => {
  it('Enter in an empty or invalid "Number or SIP address" leaves the live call connected', async () => {
    const bob = await signedIn('bob')
    const alice = await signedIn('alice')
    await addressField(alice).fill('bob')
    await addressField(alice).press('Enter')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    await incoming(bob).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(alice, 'Connected')
    await expectState(bob, 'Connected')

    for (const typed of ['', '   ', 'two words', 'sip:bob@exa mple.com']) {
      await addressField(alice).fill(typed)
      await addressField(alice).press('Enter')
      await expect
        .poll(() => textOf(alice.getByRole('alert')), { timeout: 5_000 })
        .toMatch(/^(Enter a number or SIP address to call|That is not a number or SIP address)$/)
    }
    // A hold would have reached bob as a re-INVITE within milliseconds.
    await alice.waitForTimeout(1500)
    expect(await callState(alice)).toBe('Connected')
    expect(await callState(bob)).toBe('Connected')
    await alice.getByRole('button', { name: 'Hang up', exact: true }).click()
    await expectState(bob, /^Ended/)
  })
})

describe('address bar suggestions', () => {
  it('"bo" offers Bob and the number called earlier; ↓ Enter calls the one highlighted', async () => {
    const desk = await signedIn(DESK.username)
    const bob = await signedIn('bob')
    const alice = await signedIn('alice')

    // Earlier: alice called the desk's number.
    await addressField(alice).fill('1001')
    await addressField(alice).press('Enter')
    await ringsFromAlice(desk, alice)
    await addContact(alice, 'Bob Builder', 'bob', '1001')

    await addressField(alice).click()
    await alice.keyboard.type('bo')
    await expect.poll(() => isVisible(suggestions(alice)), { timeout: 5_000 }).toBe(true)
    const options = suggestions(alice).getByRole('option')
    await expect
      .poll(async () => (await options.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()))
      .toEqual([
        // The number called a moment ago first (recent), then Bob's SIP address.
        expect.stringMatching(/^Bob Builder 1001/),
        expect.stringMatching(/^Bob Builder bob@127\.0\.0\.1/),
      ])
    expect(await addressField(alice).getAttribute('aria-activedescendant')).toBeNull()

    // ↓ highlights the first; Enter calls it: the desk rings, not bob.
    await alice.keyboard.press('ArrowDown')
    expect(await options.first().getAttribute('aria-selected')).toBe('true')
    await alice.keyboard.press('Enter')
    await ringsFromAlice(desk, alice)
    expect(await isVisible(incoming(bob))).toBe(false)

    // ↓ ↓ Enter: the second, Bob's address.
    await addressField(alice).fill('')
    await addressField(alice).click()
    await alice.keyboard.type('bo')
    await expect.poll(() => options.count(), { timeout: 5_000 }).toBe(2)
    await alice.keyboard.press('ArrowDown')
    await alice.keyboard.press('ArrowDown')
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true')
    await alice.keyboard.press('Enter')
    await ringsFromAlice(bob, alice)
    expect(await isVisible(incoming(desk))).toBe(false)

    // Esc closes the list and keeps what is typed.
    await addressField(alice).fill('')
    await addressField(alice).click()
    await alice.keyboard.type('bo')
    await expect.poll(() => isVisible(suggestions(alice)), { timeout: 5_000 }).toBe(true)
    await alice.keyboard.press('Escape')
    expect(await isVisible(suggestions(alice))).toBe(false)
    expect(await addressField(alice).inputValue()).toBe('bo')
  })
})

describe('dial pad', () => {
  it('dials 1001 with clicks, and with the keyboard', async () => {
    const desk = await signedIn(DESK.username)
    const alice = await signedIn('alice')
    await railButton(alice, 'Dial pad').click()
    const pad = alice.getByRole('region', { name: 'Dial pad' })
    const number = pad.getByRole('textbox', { name: 'Number to dial' })

    // Keys are named as they read: "1", "0 +", "5 JKL".
    const key = (digit: string) => pad.getByRole('button', { name: new RegExp(`^${digit}( |$)`) })
    for (const digit of ['1', '0', '0', '1']) await key(digit).click()
    expect(await number.inputValue()).toBe('1001')
    await pad.getByRole('button', { name: 'Call', exact: true }).click()
    await ringsFromAlice(desk, alice)

    // The keyboard: the field has focus; type and press Enter.
    await number.focus()
    await alice.keyboard.type('1001')
    await alice.keyboard.press('Enter')
    await ringsFromAlice(desk, alice)

    // Keys typed while a key button has focus, too; Backspace takes the last one back.
    await key('5').focus()
    await alice.keyboard.type('10019')
    await alice.keyboard.press('Backspace')
    expect(await number.inputValue()).toBe('1001')
    await number.fill('')

    // A pasted formatted number keeps its digits; holding 0 gives +.
    await number.fill('+1 (201) 555-0123')
    expect(await number.inputValue()).toBe('+12015550123')
    await number.fill('')
    const zero = key('0')
    const box = await zero.boundingBox()
    if (!box) throw new Error('no 0 key')
    await alice.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await alice.mouse.down()
    await alice.waitForTimeout(900)
    await alice.mouse.up()
    expect(await number.inputValue()).toBe('+')
  })
})
