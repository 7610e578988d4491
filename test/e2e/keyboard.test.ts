// Keyboard only, end to end against the project's Kamailio: alice signs in, calls bob (Ctrl+K,
// typing, Enter), bob answers with Ctrl+Shift+A, alice mutes, holds, resumes and hangs up with
// the call shortcuts, messages bob, answers bob's call with Ctrl+Shift+A and signs out — no mouse
// on alice's page. What happened is read on bob's page and from the server's location table.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'
import { isVisible, railButton, registrationStatus, textOf } from './support/app'

const world = useWorld()
const { signedIn, user } = world

const callState = (page: Page) => textOf(page.getByRole('status', { name: 'Call state' }))
const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })

async function expectState(page: Page, state: string | RegExp): Promise<void> {
  const poll = expect.poll(() => callState(page), { timeout: 10_000 })
  if (typeof state === 'string') await poll.toBe(state)
  else await poll.toMatch(state)
}

/** `role:name` of the focused element, as a screen reader would announce it. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return ''
    const role =
      el.getAttribute('role') ??
      (el.tagName === 'BUTTON'
        ? 'button'
        : el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && !['checkbox', 'radio'].includes((el as HTMLInputElement).type))
          ? 'textbox'
          : el.tagName.toLowerCase())
    const labelled = el.getAttribute('aria-labelledby')
    const name =
      el.getAttribute('aria-label') ??
      (labelled ? document.getElementById(labelled)?.textContent : null) ??
      (el as HTMLInputElement).labels?.[0]?.textContent ??
      el.textContent ??
      ''
    return `${role}:${name.replace(/\s+/g, ' ').trim()}`
  })
}

/** Presses Tab until `target` (`role:name`) has focus. */
async function tabTo(page: Page, target: string): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    if ((await focused(page)) === target) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target}; focus is on ${await focused(page)}`)
}

describe('keyboard only', () => {
  it('signs in, calls, answers, messages and signs out without the mouse', async () => {
    const bob = await signedIn('bob')
    const { page: alice } = await world.open()
    const a = user('alice')

    // Sign in.
    await tabTo(alice, 'textbox:SIP address')
    await alice.keyboard.type(a.aor)
    await tabTo(alice, 'textbox:WebSocket server')
    await alice.keyboard.type(world.server.wsUrl)
    await tabTo(alice, 'textbox:Password')
    await alice.keyboard.type(a.password)
    await tabTo(alice, 'textbox:Display name')
    await alice.keyboard.type(a.displayName)
    await alice.keyboard.press('Enter')
    await expect
      .poll(() => textOf(registrationStatus(alice)), { timeout: 10_000 })
      .toBe('Registered')
    // The server holds her registration, not just the page's word.
    await expect.poll(() => world.server.contacts('alice'), { timeout: 10_000 }).not.toEqual([])

    // "?" lists the shortcuts; Esc closes the list.
    // The shortcuts listen once start-up is done (they load after the REGISTER): a key pressed
    // in the first moment does nothing, so "?" is pressed again until the list shows (it only
    // opens, never toggles).
    const help = alice.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect
      .poll(
        async () => {
          if (!(await isVisible(help))) await alice.keyboard.press('?')
          return isVisible(help)
        },
        { timeout: 10_000 },
      )
      .toBe(true)
    expect(await textOf(help)).toContain('Ctrl+Shift+A')
    await alice.keyboard.press('Escape')
    await expect.poll(() => isVisible(help)).toBe(false)

    // Ctrl+K, a name, Enter: bob rings; Ctrl+Shift+A on bob's page answers.
    await alice.keyboard.press('Control+K')
    expect(await focused(alice)).toBe('textbox:Number or SIP address')
    await alice.keyboard.type('bob')
    await alice.keyboard.press('Enter')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    await bob.keyboard.press('Control+Shift+A')
    await expectState(alice, 'Connected')
    await expectState(bob, 'Connected')

    // Mute and unmute; hold (bob reads it) and resume; hang up (bob reads the end).
    await alice.keyboard.press('Control+Shift+M')
    await expect.poll(() => isVisible(alice.getByRole('button', { name: 'Unmute' }))).toBe(true)
    await alice.keyboard.press('Control+Shift+M')
    await expect.poll(() => isVisible(alice.getByRole('button', { name: 'Mute', exact: true }))).toBe(true)
    await alice.keyboard.press('Control+Shift+H')
    await expectState(bob, /^Held by/)
    await alice.keyboard.press('Control+Shift+H')
    await expectState(bob, 'Connected')
    await alice.keyboard.press('Control+Shift+E')
    await expectState(bob, /^Ended/)

    // A message: Ctrl+K, the name, Tab to "Message", Enter; the composer, the text, Enter.
    await alice.keyboard.press('Control+K')
    await alice.keyboard.type('bob')
    await tabTo(alice, 'button:Message')
    await alice.keyboard.press('Enter')
    await tabTo(alice, 'textbox:Message')
    await alice.keyboard.type('typed, not clicked')
    await alice.keyboard.press('Enter')
    await expect.poll(() => textOf(alice.getByRole('log')), { timeout: 10_000 }).toContain('Delivered')
    await railButton(bob, 'Chat').click()
    await expect
      .poll(() => textOf(bob.getByRole('log')), { timeout: 10_000 })
      .toContain('typed, not clicked')

    // bob calls: alice answers with Ctrl+Shift+A and hangs up with Ctrl+Shift+E.
    await bob.getByRole('textbox', { name: 'Number or SIP address' }).fill('alice')
    await bob.getByRole('button', { name: 'Call', exact: true }).click()
    await expect.poll(() => isVisible(incoming(alice)), { timeout: 10_000 }).toBe(true)
    // The ringing dialog takes the focus: Enter or Space would answer too.
    await expect.poll(() => focused(alice), { timeout: 5_000 }).toBe('button:Answer')
    await alice.keyboard.press('Control+Shift+A')
    await expectState(alice, 'Connected')
    await expectState(bob, 'Connected')
    await alice.keyboard.press('Control+Shift+E')
    await expectState(bob, /^Ended/)

    // Sign out: the server forgets alice's registration.
    await tabTo(alice, 'button:Sign out')
    await alice.keyboard.press('Enter')
    await expect.poll(() => isVisible(alice.getByRole('button', { name: 'Sign in' })), { timeout: 10_000 }).toBe(true)
    await expect.poll(() => world.server.contacts('alice'), { timeout: 10_000 }).toEqual([])
  })
})
