// Calls with a SIP phone that is not a browser: baresip (UDP, ICE, DTLS-SRTP, G.711) registered
// as dave on the project's Kamailio. Media is judged on the page by the test's own
// RTCPeerConnection registry, and on baresip's side by what its decoder recorded.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'
import { useBaresip, type Baresip } from './support/baresip'
import { isVisible, textOf } from './support/app'
import { dtlsSetup, inboundAudio, openMedia } from './support/peer-connections'

// baresip's ICE skips loopback and follows the first pair that works rather than the one
// Chromium nominates; with Chromium's loopback candidates too there are two working pairs and
// they disagree (DTLS to one address, answers from another). Like a desktop app, Chromium here
// offers only the machine's real interfaces.
const world = useWorld({ loopbackIce: false })
const { user, signedIn } = world
const baresip = useBaresip(() => world.server, 'dave')

const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))

const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })

async function expectState(page: Page, state: string, timeout = 10_000): Promise<void> {
  await expect.poll(() => callState(page), { timeout }).toBe(state)
}

const codec = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('table', { name: 'Call quality' }).getByRole('row', { name: 'Codec' }))

/** The page receives audio: packets and energy both rise (baresip sends a tone, not silence). */
async function pageHears(page: Page): Promise<void> {
  const before = await inboundAudio(page)
  await expect
    .poll(
      async () => {
        const now = await inboundAudio(page)
        // 25 packets is half a second of G.711; the tone at half scale adds about 0.12 of
        // energy in that time, silence or comfort noise far less.
        return (
          now.packetsReceived > before.packetsReceived + 25 &&
          now.totalAudioEnergy > before.totalAudioEnergy + 0.01
        )
      },
      { timeout: 10_000, message: 'the page receives audio with energy from baresip' },
    )
    .toBe(true)
}

/** baresip receives audio: its decoder keeps writing samples, and some of them are sound. */
async function baresipHears(phone: Baresip): Promise<void> {
  const before = await phone.receivedAudio()
  let now = before
  await expect
    .poll(
      async () => {
        now = await phone.receivedAudio()
        // 8000 samples a second: half a second more, of which at least 25 ms is sound
        // (Chromium's fake microphone beeps), is a live stream, not a few stray packets.
        return now.samples > before.samples + 4000 && now.loud > before.loud + 200
      },
      { timeout: 10_000 },
    )
    .toBe(true)
    .catch((error: Error) => {
      const heard = `before ${JSON.stringify(before)}, now ${JSON.stringify(now)}`
      error.message = `baresip receives audio from the page (${heard})\n${error.message}\n${phone.logTail()}`
      throw error
    })
}

describe('calls with baresip (a SIP phone over UDP, not a browser)', () => {
  it('baresip calls alice; she answers; audio flows both ways; baresip hangs up', async () => {
    const phone = baresip.phone
    const alice = await signedIn('alice')
    const from = phone.eventCount()

    const dialled = await phone.command('dial', user('alice').aor)
    expect(dialled.ok, dialled.data).toBe(true)
    await expect.poll(() => isVisible(incoming(alice)), { timeout: 15_000 }).toBe(true)
    const dialog = (await textOf(incoming(alice))) ?? ''
    expect(dialog).toContain('Dave Lister')
    expect(dialog).toContain(user('dave').aor)

    await incoming(alice).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(alice, 'Connected')
    await phone.waitForEvent('CALL_ESTABLISHED', 10_000, from)
    await Promise.all([pageHears(alice), baresipHears(phone)])
    // baresip offered actpass; the page answered as the DTLS server (issue 11).
    expect(await dtlsSetup(alice)).toEqual([{ local: 'passive', remote: 'actpass' }])
    // G.711 is all baresip offers here; the page's quality table names it.
    await expect.poll(() => codec(alice), { timeout: 5_000 }).toMatch(/PCM[UA]/i)

    const hungUp = await phone.command('hangup')
    expect(hungUp.ok, hungUp.data).toBe(true)
    await phone.waitForEvent('CALL_CLOSED', 10_000, from)
    await expectState(alice, 'Ended: The other side hung up')
    await expect
      .poll(() => openMedia(alice), { timeout: 5_000 })
      .toEqual({ connections: 0, tracks: 0 })
  })

  it('alice calls dave on baresip; it answers; audio flows both ways; alice hangs up', async () => {
    const phone = baresip.phone
    const alice = await signedIn('alice')
    const from = phone.eventCount()

    await alice.getByRole('textbox', { name: 'Number or SIP address' }).fill('dave')
    await alice.getByRole('button', { name: 'Call', exact: true }).click()
    const ringing = await phone.waitForEvent('CALL_INCOMING', 15_000, from)
    expect(ringing.peeruri).toBe(user('alice').aor)
    const accepted = await phone.command('accept')
    expect(accepted.ok, accepted.data).toBe(true)
    await phone.waitForEvent('CALL_ESTABLISHED', 10_000, from)
    await expectState(alice, 'Connected')
    await Promise.all([pageHears(alice), baresipHears(phone)])

    await alice.getByRole('button', { name: 'Hang up', exact: true }).click()
    await expectState(alice, 'Ended: Hung up')
    await phone.waitForEvent('CALL_CLOSED', 10_000, from)
    await expect
      .poll(() => openMedia(alice), { timeout: 5_000 })
      .toEqual({ connections: 0, tracks: 0 })
  })
})
