// Click-to-dial in the browser build, end to end: a link arrives as the page URL's `?dial=`,
// waits for sign-in, shows "Confirm call" with the normalised target, and "Call" places a real
// call through the project's Kamailio to another Chromium page. Media is judged by the test's
// own RTCPeerConnection registry, as in calls.test.ts.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_USERS, SIP_DOMAIN, type DemoUser } from '../../scripts/sip-server/server'
import { useWorld } from './support/world'
import { isVisible, registrationStatus, textOf } from './support/app'
import { inboundAudio } from './support/peer-connections'

// A desk phone with a numeric extension, so a tel: link has someone to ring.
const DESK: DemoUser = {
  username: '5551234',
  password: 'desk-secret',
  displayName: 'Front Desk',
  aor: `sip:5551234@${SIP_DOMAIN}`,
}

const world = useWorld({ server: { users: [...DEMO_USERS, DESK] } })
const { user, signInAs, signedIn } = world

const dialPath = (link: string): string => `?dial=${encodeURIComponent(link)}`
const dialUrl = (link: string): string => `${new URL('/', world.web.url).href}${dialPath(link)}`

/** A fresh browser profile on the app, with `?dial=<link>` when a link is given. */
async function open(link?: string): Promise<Page> {
  return (await world.open({ path: link === undefined ? '' : dialPath(link) })).page
}

const confirmCall = (page: Page) => page.getByRole('dialog', { name: 'Confirm call' })
const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })
const callState = (page: Page) => textOf(page.getByRole('status', { name: 'Call state' }))

async function expectState(page: Page, state: string): Promise<void> {
  await expect.poll(() => callState(page), { timeout: 10_000 }).toBe(state)
}

async function packetsRise(page: Page): Promise<void> {
  const before = (await inboundAudio(page)).packetsReceived
  await expect
    .poll(async () => (await inboundAudio(page)).packetsReceived, { timeout: 5_000 })
    .toBeGreaterThan(before + 10)
}

/** Nothing rings at `callee` and `caller` shows no call, for a while. */
async function expectNoCall(caller: Page, callee: Page): Promise<void> {
  await callee.waitForTimeout(1500)
  expect(await isVisible(incoming(callee))).toBe(false)
  expect(await callState(caller)).toBeNull()
}

async function focusIsIn(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => document.activeElement?.closest(s) !== null, selector)
}

describe('click-to-dial links in the browser', () => {
  it('a sip: link given at start waits for sign-in, is confirmed, and connects', async () => {
    const bob = await signedIn('bob')
    const alice = await open('sip:bob@127.0.0.1')
    // Taken out of the address at once: a reload must not dial again.
    await expect.poll(() => alice.url()).not.toContain('dial=')
    expect(await isVisible(confirmCall(alice))).toBe(false)

    await signInAs(alice, 'alice')
    await expect.poll(() => isVisible(confirmCall(alice)), { timeout: 5_000 }).toBe(true)
    expect(await textOf(confirmCall(alice))).toContain('sip:bob@127.0.0.1')
    expect(await focusIsIn(alice, '[role=dialog]')).toBe(true)
    await confirmCall(alice).getByRole('button', { name: 'Call', exact: true }).click()
    expect(await isVisible(confirmCall(alice))).toBe(false)

    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    expect(await textOf(incoming(bob))).toContain(user('alice').aor)
    await incoming(bob).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(alice, 'Connected')
    await expectState(bob, 'Connected')
    await Promise.all([packetsRise(alice), packetsRise(bob)])

    await alice.getByRole('button', { name: 'Hang up', exact: true }).click()
    await expect.poll(() => callState(bob), { timeout: 10_000 }).toMatch(/^Ended/)

    // A reload signs in again from the tab's session and dials nothing.
    await alice.reload()
    await expect
      .poll(() => textOf(registrationStatus(alice)), { timeout: 10_000 })
      .toBe('Registered')
    await alice.waitForTimeout(1000)
    expect(await isVisible(confirmCall(alice))).toBe(false)
    expect(await isVisible(incoming(bob))).toBe(false)
  })

  it('a tel: link shows the normalised number; Cancel and Esc dial nothing', async () => {
    const carol = await signedIn('carol')
    const alice = await open('tel:+1-201-555-0123')
    await signInAs(alice, 'alice')
    await expect.poll(() => isVisible(confirmCall(alice)), { timeout: 5_000 }).toBe(true)
    expect(await textOf(confirmCall(alice))).toContain('+1 201 555 0123')
    await confirmCall(alice).getByRole('button', { name: 'Cancel', exact: true }).click()
    expect(await isVisible(confirmCall(alice))).toBe(false)
    await expectNoCall(alice, carol)

    await alice.goto(dialUrl('sip:carol@127.0.0.1'))
    await expect.poll(() => isVisible(confirmCall(alice)), { timeout: 10_000 }).toBe(true)
    await alice.keyboard.press('Escape')
    expect(await isVisible(confirmCall(alice))).toBe(false)
    await expectNoCall(alice, carol)
  })

  it('a tel: link to a local number rings that extension', async () => {
    const desk = await signedIn(DESK.username)
    const alice = await open('tel:555-1234;phone-context=127.0.0.1')
    await signInAs(alice, 'alice')
    await expect.poll(() => isVisible(confirmCall(alice)), { timeout: 5_000 }).toBe(true)
    expect(await textOf(confirmCall(alice))).toContain('5551234')
    await confirmCall(alice).getByRole('button', { name: 'Call', exact: true }).click()
    await expect.poll(() => isVisible(incoming(desk)), { timeout: 10_000 }).toBe(true)
    await incoming(desk).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(alice, 'Connected')
    await expectState(desk, 'Connected')
    await packetsRise(desk)
    await alice.getByRole('button', { name: 'Hang up', exact: true }).click()
  })

  it.each([
    ['sip:bob%0d%0aVia:evil@x', /control characters/],
    ['sip:dave\r\nVia: SIP/2.0/WS evil', /control characters/],
    ['javascript:alert(1)', /only sip:, sips:, tel: and callto: links/],
  ])('a hostile link (%j) shows an error and dials nothing', async (link, reason) => {
    const dave = await signedIn('dave')
    const alice = await open(link)
    await signInAs(alice, 'alice')
    await expect.poll(() => isVisible(confirmCall(alice)), { timeout: 5_000 }).toBe(true)
    const error = confirmCall(alice).getByRole('alert')
    expect(await textOf(error)).toMatch(/^This link cannot be dialed: /)
    expect(await textOf(error)).toMatch(reason)
    expect(
      await confirmCall(alice).getByRole('button', { name: 'Call', exact: true }).count(),
    ).toBe(0)
    await confirmCall(alice).getByRole('button', { name: 'Close', exact: true }).click()
    await expectNoCall(alice, dave)
  })

  it('with "Confirm before calling links" off, a link dials at once', async () => {
    const bob = await signedIn('bob')
    const alice = await signedIn('alice')
    await alice.getByRole('button', { name: 'Settings', exact: true }).click()
    const confirm = alice.getByRole('checkbox', { name: 'Confirm before calling links' })
    expect(await confirm.isChecked()).toBe(true)
    await confirm.uncheck()
    // The browser build offers itself as the sip:/tel: handler from here (a user gesture).
    await alice.getByRole('button', { name: 'Open sip: and tel: links with Switchboard' }).click()
    await expect
      .poll(() => textOf(alice.getByText(/sip: and tel: links here/)))
      .toMatch(/asked to open/)

    // The settings and the password survive: the page signs in again and dials the link.
    await alice.goto(dialUrl('sip:bob@127.0.0.1'))
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    expect(await isVisible(confirmCall(alice))).toBe(false)
    await incoming(bob).getByRole('button', { name: 'Decline', exact: true }).click()
    await expectState(alice, 'Ended: Declined')
  })
})
