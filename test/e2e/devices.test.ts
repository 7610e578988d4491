// Audio devices and call tones, between real Chromium pages through the project's Kamailio.
// Chromium's fake devices give three microphones and three outputs; the test's own init script
// (support/fake-devices.ts) can unplug one. What is sent, what plays where, and how loud, is read
// from the page's real objects (RTCPeerConnection senders and stats, media elements' sinkId and
// streams), never from the app.
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type { DemoUser } from '../../scripts/sip-server/server'
import { useWorld } from './support/world'
import { isVisible, registrationStatus, signIn, textOf } from './support/app'
import { inboundAudio, recordPeerConnections } from './support/peer-connections'
import {
  deviceId,
  fakeDevices,
  localDescriptions,
  senderTracks,
  sounds,
  toneLevel,
  tonesPlaying,
  unplug,
} from './support/fake-devices'

const world = useWorld()

function user(name: string): DemoUser {
  const found = world.server.users.find((u) => u.username === name)
  if (!found) throw new Error(`no demo user ${name}`)
  return found
}

async function signedIn(name: string): Promise<Page> {
  const context = await world.browser.newContext({ permissions: ['microphone', 'camera'] })
  await recordPeerConnections(context)
  await fakeDevices(context)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  world.pages.push({ context, page, errors })
  await page.goto(world.web.url)
  const u = user(name)
  await signIn(page, {
    aor: u.aor,
    server: world.server.wsUrl,
    password: u.password,
    displayName: u.displayName,
  })
  await registered(page)
  return page
}

async function registered(page: Page): Promise<void> {
  await expect.poll(() => textOf(registrationStatus(page)), { timeout: 10_000 }).toBe('Registered')
}

const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))

async function expectState(page: Page, state: string): Promise<void> {
  await expect.poll(() => callState(page), { timeout: 10_000 }).toBe(state)
}

const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })
const callPanel = (page: Page) => page.getByRole('region', { name: 'Call' })

function settings(page: Page): Locator {
  return page.getByRole('region', { name: 'Settings' })
}

async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  return settings(page)
}

/** Picks a device by the name the user sees, in the given part of the page. */
async function choose(scope: Locator, picker: string, label: string): Promise<void> {
  const select = scope.getByLabel(picker, { exact: true })
  // The list fills in from enumerateDevices: wait for the device to be offered.
  await expect.poll(() => select.locator('option', { hasText: label }).count()).toBeGreaterThan(0)
  await select.selectOption({ label })
}

async function chosenLabel(scope: Locator, picker: string): Promise<string> {
  return scope
    .getByLabel(picker, { exact: true })
    .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? '')
}

async function dial(page: Page, target: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
  await page.getByRole('button', { name: 'Call', exact: true }).click()
}

async function microphoneSent(page: Page): Promise<string[]> {
  return (await senderTracks(page))
    .filter((t) => t.kind === 'audio' && t.readyState === 'live')
    .map((t) => t.label)
}

/** bob keeps receiving alice's audio: packets and energy both rise over a second or so. */
async function audioKeepsFlowing(bob: Page): Promise<void> {
  const before = await inboundAudio(bob)
  await expect
    .poll(
      async () => {
        const now = await inboundAudio(bob)
        return (
          now.packetsReceived > before.packetsReceived + 20 &&
          now.totalAudioEnergy > before.totalAudioEnergy
        )
      },
      { timeout: 10_000 },
    )
    .toBe(true)
}

/** The speaker the far end's audio plays on, read from the page's own <audio> element. */
async function callAudioSink(page: Page): Promise<string | null> {
  const remote = (await sounds(page, 0)).filter((s) => s.remote && s.playing)
  return remote.length === 1 ? (remote[0]?.sinkId ?? null) : null
}

describe('audio devices', () => {
  it('uses the chosen microphone and speaker, switches mid-call, falls back on unplug, and remembers', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    const speakerId = await deviceId(alice, 'audiooutput', 'Fake Audio Output 1')
    const mic1 = await deviceId(alice, 'audioinput', 'Fake Audio Input 1')
    const mic2 = await deviceId(alice, 'audioinput', 'Fake Audio Input 2')
    expect(new Set([mic1, mic2]).size).toBe(2)

    const prefs = await openSettings(alice)
    await choose(prefs, 'Microphone', 'Fake Audio Input 1')
    await choose(prefs, 'Speaker', 'Fake Audio Output 1')

    await dial(alice, 'bob')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    await incoming(bob).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(alice, 'Connected')
    await expectState(bob, 'Connected')

    // The call sends the chosen microphone and plays on the chosen speaker.
    expect(await microphoneSent(alice)).toEqual(['Fake Audio Input 1'])
    await expect.poll(() => callAudioSink(alice), { timeout: 5_000 }).toBe(speakerId)
    await audioKeepsFlowing(bob)

    // Another microphone from the call panel: the track is replaced, the call not renegotiated.
    const sdp = await localDescriptions(alice)
    await callPanel(alice).getByRole('button', { name: 'Devices', exact: true }).click()
    await choose(callPanel(alice), 'Microphone', 'Fake Audio Input 2')
    await expect
      .poll(() => microphoneSent(alice), { timeout: 5_000 })
      .toEqual(['Fake Audio Input 2'])
    expect(await localDescriptions(alice)).toEqual(sdp)
    await audioKeepsFlowing(bob)

    // Unplugged mid-call: the call stays up on the default microphone, and alice is told.
    await unplug(alice, mic2)
    await expect
      .poll(() => microphoneSent(alice), { timeout: 5_000 })
      .toEqual(['Fake Default Audio Input'])
    await expect
      .poll(() => textOf(alice.getByText('Microphone disconnected')), { timeout: 5_000 })
      .toMatch(/default microphone/)
    expect(await localDescriptions(alice)).toEqual(sdp)
    await expectState(alice, 'Connected')
    await expectState(bob, 'Connected')
    await audioKeepsFlowing(bob)
    // The pickers follow devicechange: the unplugged one is no longer offered.
    const offered = (): Promise<string[]> =>
      callPanel(alice).getByLabel('Microphone', { exact: true }).locator('option').allInnerTexts()
    await expect.poll(offered, { timeout: 5_000 }).not.toContain('Fake Audio Input 2')
    expect(await offered()).toContain('Fake Audio Input 1')
    expect(await chosenLabel(callPanel(alice), 'Microphone')).toBe('System default')

    await callPanel(alice).getByRole('button', { name: 'Hang up', exact: true }).click()
    await expectState(bob, 'Ended: The other side hung up')

    // Remembered: after a reload (the fake unplug is gone with the page) Settings shows them.
    await alice.reload()
    await registered(alice)
    const reloaded = await openSettings(alice)
    await expect.poll(() => chosenLabel(reloaded, 'Microphone')).toBe('Fake Audio Input 2')
    await expect.poll(() => chosenLabel(reloaded, 'Speaker')).toBe('Fake Audio Output 1')
    expect(await chosenLabel(reloaded, 'Ringer')).toBe('System default')
  })
})

describe('call tones', () => {
  it('rings on the ringer device until answered; the caller hears ringback until connected', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    const ringer = await deviceId(bob, 'audiooutput', 'Fake Audio Output 2')
    const speaker = await deviceId(alice, 'audiooutput', 'Fake Audio Output 1')
    await choose(await openSettings(bob), 'Ringer', 'Fake Audio Output 2')
    await choose(await openSettings(alice), 'Speaker', 'Fake Audio Output 1')
    expect(await tonesPlaying(bob)).toBe(0)

    await dial(alice, 'bob')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    await expectState(alice, 'Ringing')
    // The tones have pauses (cadence): listen until a burst is heard.
    await expect.poll(() => toneLevel(bob, ringer), { timeout: 8_000 }).toBeGreaterThan(0.01)
    await expect.poll(() => toneLevel(alice, speaker), { timeout: 10_000 }).toBeGreaterThan(0.01)
    expect(await isVisible(incoming(bob))).toBe(true)
    expect(await callState(alice)).toBe('Ringing')

    await incoming(bob).getByRole('button', { name: 'Answer', exact: true }).click()
    await expect.poll(() => tonesPlaying(bob), { timeout: 5_000 }).toBe(0)
    await expectState(alice, 'Connected')
    await expect.poll(() => tonesPlaying(alice), { timeout: 5_000 }).toBe(0)
    await callPanel(alice).getByRole('button', { name: 'Hang up', exact: true }).click()
    await expectState(bob, 'Ended: The other side hung up')

    // Declined, and cancelled by the caller: the ringtone and the ringback stop either way.
    for (const end of ['decline', 'cancel'] as const) {
      await dial(alice, 'bob')
      await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
      await expect.poll(() => tonesPlaying(bob), { timeout: 5_000 }).toBe(1)
      await expectState(alice, 'Ringing')
      await expect.poll(() => tonesPlaying(alice), { timeout: 5_000 }).toBe(1)
      if (end === 'decline') {
        await incoming(bob).getByRole('button', { name: 'Decline', exact: true }).click()
      } else {
        await callPanel(alice).getByRole('button', { name: 'Hang up', exact: true }).click()
      }
      await expect.poll(() => isVisible(incoming(bob)), { timeout: 5_000 }).toBe(false)
      await expect.poll(() => tonesPlaying(bob), { timeout: 5_000 }).toBe(0)
      await expect.poll(() => tonesPlaying(alice), { timeout: 5_000 }).toBe(0)
    }
  })
})
