// A tel: link with an extension (RFC 3966 `;ext=`), end to end: the number rings a desk phone
// that is not a browser (baresip, registered on the project's Kamailio as that number), and once
// the call is connected the extension's digits reach it as tones. What baresip received is read
// from baresip's own events (CALL_DTMF_START, one per digit), never from the app's word.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_USERS, SIP_DOMAIN, type DemoUser } from '../../scripts/sip-server/server'
import { useWorld } from './support/world'
import { useBaresip } from './support/baresip'
import { isVisible, textOf } from './support/app'

// A desk phone with a number for an address: the link's number rings it.
const DESK: DemoUser = {
  username: '5551234',
  password: 'desk-secret',
  displayName: 'Front Desk',
  aor: `sip:5551234@${SIP_DOMAIN}`,
}

// baresip's ICE skips loopback (see baresip.test.ts): Chromium offers the real interfaces only.
const world = useWorld({ loopbackIce: false, server: { users: [...DEMO_USERS, DESK] } })
const baresip = useBaresip(() => world.server, DESK.username)

const confirmCall = (page: Page) => page.getByRole('dialog', { name: 'Confirm call' })
const callState = (page: Page) => textOf(page.getByRole('status', { name: 'Call state' }))

describe("a tel: link's extension", () => {
  it('is dialled as tones after the call connects; the desk phone receives 4 then 2', async () => {
    const phone = baresip.phone
    const link = 'tel:555-1234;ext=42;phone-context=127.0.0.1'
    const { page: alice } = await world.open({ path: `?dial=${encodeURIComponent(link)}` })
    await world.signInAs(alice, 'alice')
    await expect.poll(() => isVisible(confirmCall(alice)), { timeout: 5_000 }).toBe(true)
    // The confirmation names the extension; the call goes to the number alone.
    expect(await textOf(confirmCall(alice))).toMatch(/5551234 \(127\.0\.0\.1\) ext\. 42/)
    const from = phone.eventCount()
    // "Call" is disabled for the dialog's first second (a stray Enter places no call).
    const call = confirmCall(alice).getByRole('button', { name: 'Call', exact: true })
    await expect.poll(() => call.isEnabled(), { timeout: 5_000 }).toBe(true)
    await call.click()

    const ringing = await phone.waitForEvent('CALL_INCOMING', 15_000, from)
    expect(ringing.peeruri).toBe(world.user('alice').aor)
    // No tones before the answer: the extension is not part of whom we call.
    expect(phone.control.events.slice(from).some((e) => e.type === 'CALL_DTMF_START')).toBe(false)
    const accepted = await phone.command('accept')
    expect(accepted.ok, accepted.data).toBe(true)
    await phone.waitForEvent('CALL_ESTABLISHED', 10_000, from)
    await expect.poll(() => callState(alice), { timeout: 10_000 }).toBe('Connected')

    // The desk phone hears the digits, in order.
    const digits = async (): Promise<string> =>
      phone.control.events
        .slice(from)
        .filter((e) => e.type === 'CALL_DTMF_START')
        .map((e) => String(e.param ?? ''))
        .join('')
    await expect
      .poll(digits, { timeout: 10_000, message: `baresip received the digits\n${phone.logTail()}` })
      .toBe('42')

    await alice.getByRole('button', { name: 'Hang up', exact: true }).click()
    await phone.waitForEvent('CALL_CLOSED', 10_000, from)
  })
})
