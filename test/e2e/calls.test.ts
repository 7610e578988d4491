// Calls between real Chromium pages through the project's Kamailio, plus sipp as a foreign UA.
// Media is judged by the test's own RTCPeerConnection registry (support/peer-connections.ts).
import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'
import { railButton, registrationStatus, textOf, isVisible } from './support/app'
import { inboundAudio, openMedia, remoteVideoWidth } from './support/peer-connections'
import { freePort } from './support/ports'

const SIPP_DIR = resolve(import.meta.dirname, '../../scripts/sip-server/sipp')

const world = useWorld()
const { user, signedIn } = world

const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))

const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })

async function dial(page: Page, target: string, video = false): Promise<void> {
  await page.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
  await page.getByRole('button', { name: video ? 'Video call' : 'Call', exact: true }).click()
}

async function click(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click()
}

async function expectState(page: Page, state: string | RegExp, timeout = 10_000): Promise<void> {
  const poll = expect.poll(() => callState(page), { timeout })
  if (typeof state === 'string') await poll.toBe(state)
  else await poll.toMatch(state)
}

/** alice calls bob and bob answers; both read "Connected". */
async function connect(from: Page, to: Page, target: string, video = false): Promise<void> {
  await dial(from, target, video)
  await expect.poll(() => isVisible(incoming(to)), { timeout: 10_000 }).toBe(true)
  await incoming(to)
    .getByRole('button', { name: video ? 'Answer with video' : 'Answer', exact: true })
    .click()
  await expectState(from, 'Connected')
  await expectState(to, 'Connected')
}

/** The transferee agrees to the transfer in "Confirm call" ("Alice Liddell asks you to call …"). */
async function agreeToTransfer(page: Page, asker: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Confirm call' })
  await expect.poll(() => isVisible(dialog), { timeout: 10_000 }).toBe(true)
  expect(await textOf(dialog)).toContain(`${asker} asks you to call`)
  await dialog.getByRole('button', { name: 'Call', exact: true }).click()
}

async function packetsRise(page: Page): Promise<void> {
  let base = (await inboundAudio(page)).packetsReceived
  await expect
    .poll(
      async () => {
        const now = (await inboundAudio(page)).packetsReceived
        // A connection closed meanwhile (a transfer ends the old leg) takes its packets out of
        // the sum: count from there (a CI run read 331 before, 258 after).
        if (now < base) base = now
        return now - base
      },
      { timeout: 5_000 },
    )
    .toBeGreaterThan(10)
}

/** The history list's entries, newest first, as text. */
async function history(page: Page): Promise<string[]> {
  const items = page.getByRole('list', { name: 'Call history' }).getByRole('listitem')
  return (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())
}

async function expectHistory(page: Page, pattern: RegExp): Promise<void> {
  await railButton(page, 'Calls').click()
  await expect.poll(async () => (await history(page))[0] ?? '', { timeout: 5_000 }).toMatch(pattern)
}

function quality(page: Page, row: string): Promise<string | null> {
  return textOf(page.getByRole('table', { name: 'Call quality' }).getByRole('row', { name: row }))
}

function sipp(args: string[]): {
  done: Promise<{ code: number | null; output: string }>
  kill: () => void
} {
  const cwd = mkdtempSync(join(tmpdir(), 'switchboard-sipp-'))
  const child = spawn('sipp', [...args, '-nostdin'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const done = new Promise<{ code: number | null; output: string }>((ok) =>
    child.once('exit', (code) => {
      rmSync(cwd, { recursive: true, force: true })
      ok({ code, output })
    }),
  )
  return { done, kill: () => child.kill('SIGTERM') }
}

describe('audio calls between two browsers', () => {
  it('connects with media both ways; hold, resume, mute, DTMF over INFO, hang up', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    // Keypad tones as SIP INFO, so bob's view can show them.
    await alice.getByRole('button', { name: 'Settings' }).click()
    await alice.getByLabel('Send keypad tones as').selectOption('info')

    await dial(alice, 'bob')
    await expectState(alice, /^(Calling|Ringing)$/, 5_000)
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    expect(await textOf(incoming(bob))).toContain('Alice Liddell')
    expect(await textOf(incoming(bob))).toContain(user('alice').aor)
    await expectState(alice, 'Ringing')
    await incoming(bob).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(alice, 'Connected')
    await expectState(bob, 'Connected')

    // Media: the test's own getStats, and the app's quality panel, both rising.
    await Promise.all([packetsRise(alice), packetsRise(bob)])
    const shown = Number((await quality(bob, 'Packets received'))?.replace(/\D/g, '') ?? 0)
    await expect
      .poll(async () => Number((await quality(bob, 'Packets received'))?.replace(/\D/g, '') ?? 0), {
        timeout: 5_000,
      })
      .toBeGreaterThan(shown)
    expect(await quality(alice, 'Codec')).toMatch(/opus/i)

    // Hold and resume, seen on both sides.
    await click(alice, 'Hold')
    await expectState(alice, 'On hold')
    await expectState(bob, 'Held by Alice Liddell')
    await click(alice, 'Resume')
    await expectState(alice, 'Connected')
    await expectState(bob, 'Connected')

    // Mute: bob's received audio energy stops rising (silent packets still flow), compared with
    // how fast it rose just before over the same time.
    const energy = async (): Promise<number> => (await inboundAudio(bob)).totalAudioEnergy
    const riseOver = async (ms: number): Promise<number> => {
      const from = await energy()
      await bob.waitForTimeout(ms)
      return (await energy()) - from
    }
    const talking = await riseOver(1500)
    expect(talking).toBeGreaterThan(0)
    await click(alice, 'Mute')
    await bob.waitForTimeout(1000) // audio already in flight and in bob's jitter buffer
    const muted = await riseOver(1500)
    expect(muted).toBeLessThan(talking * 0.02)
    await click(alice, 'Unmute')
    await bob.waitForTimeout(500)
    expect(await riseOver(1500)).toBeGreaterThan(talking * 0.3)

    // DTMF over INFO shows on bob's side.
    await click(alice, 'Keypad')
    const keypad = alice.getByRole('group', { name: 'Keypad' })
    for (const key of ['1', '5', '#'])
      await keypad.getByRole('button', { name: key, exact: true }).click()
    await expect
      .poll(() => textOf(bob.getByRole('region', { name: 'Call' })), { timeout: 5_000 })
      .toContain('Tones received: 15#')

    // Bob hangs up: both ended, with why.
    await click(bob, 'Hang up')
    await expectState(bob, 'Ended: Hung up')
    await expectState(alice, 'Ended: The other side hung up')
    for (const page of [alice, bob]) {
      await expect
        .poll(() => openMedia(page), { timeout: 5_000 })
        .toEqual({ connections: 0, tracks: 0 })
    }
  })

  it('the caller hangs up a connected call', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await connect(alice, bob, 'sip:bob@127.0.0.1')
    await click(alice, 'Hang up')
    await expectState(alice, 'Ended: Hung up')
    await expectState(bob, 'Ended: The other side hung up')
  })

  it('decline: the caller reads "Ended: Declined"', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await dial(alice, 'bob')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    await incoming(bob).getByRole('button', { name: 'Decline' }).click()
    await expectState(alice, 'Ended: Declined')
    await expectState(bob, 'Ended: Declined')
    await expectHistory(alice, /Bob|bob@127\.0\.0\.1.*Declined/)
    await expectHistory(bob, /Alice Liddell.*Declined/)
    // History lives in IndexedDB: it is still there after a reload.
    await bob.reload()
    await expect.poll(() => textOf(registrationStatus(bob)), { timeout: 10_000 }).toBe('Registered')
    await expect
      .poll(async () => (await history(bob))[0] ?? '', { timeout: 5_000 })
      .toMatch(/Declined/)
  })

  it('cancel before answer: the caller reads "Ended: Cancelled", the callee "Ended: Missed"', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await dial(alice, 'bob')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    await click(alice, 'Hang up')
    await expectState(alice, 'Ended: Cancelled')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 5_000 }).toBe(false)
    await expectState(bob, 'Ended: Missed')
    await expectHistory(alice, /bob@127\.0\.0\.1.*Cancelled/)
    await expectHistory(bob, /Alice Liddell.*Missed/)
    const callsView = bob.getByRole('region', { name: 'Calls' })
    expect(await textOf(callsView)).toContain('1 missed call')
    // The rail says so too, from any section, until the list is seen.
    await railButton(bob, 'Settings').click()
    await expect.poll(() => textOf(railButton(bob, 'Calls'))).toMatch(/Calls\s*1\s*1 missed call/)
    // Seen once the user comes back to the list.
    await railButton(bob, 'Settings').click()
    await railButton(bob, 'Calls').click()
    await expect.poll(() => textOf(callsView), { timeout: 5_000 }).not.toContain('missed call')
    expect(await textOf(railButton(bob, 'Calls'))).toBe('Calls')
  })

  it('an unknown user reads "Ended: No such user"', async () => {
    const alice = await signedIn('alice')
    await dial(alice, 'mallory')
    await expectState(alice, 'Ended: No such user')
    await expectHistory(alice, /mallory@127\.0\.0\.1.*Failed: No such user/)
    // Call back from the history dials the same address again.
    await alice.getByRole('button', { name: 'Call back mallory@127.0.0.1' }).click()
    await expect.poll(async () => (await history(alice)).length, { timeout: 10_000 }).toBe(2)
  })

  it('microphone access denied: the call ends in words, nothing rings; answering likewise', async () => {
    // alice's browser context has no microphone/camera permission: getUserMedia is refused by
    // Chromium itself, as after a user's "Block".
    const alice = await signedIn('alice', { permissions: [] })
    const bob = await signedIn('bob')
    await dial(alice, 'bob')
    await expectState(alice, 'Ended: Microphone or camera access denied')
    await expectHistory(alice, /bob@127\.0\.0\.1.*Failed: Microphone or camera access denied/)
    expect(await isVisible(incoming(bob))).toBe(false)

    // The other way: bob calls alice, who cannot answer with a blocked microphone. bob is told
    // she is unavailable (480), not that his media was incompatible (SIP.js's own 488).
    await dial(bob, 'alice')
    await expect.poll(() => isVisible(incoming(alice)), { timeout: 10_000 }).toBe(true)
    await incoming(alice).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(alice, 'Ended: Microphone or camera access denied')
    await expectState(bob, 'Ended: Unavailable')
    await expectHistory(alice, /Bob Builder.*Failed: Microphone or camera access denied/)

    // SIP.js logs the refused getUserMedia of the outgoing call as errors: expected here.
    const page = world.pages.find((p) => p.page === alice)
    if (page)
      page.errors = page.errors.filter(
        (e) => !/NotAllowedError|Permission denied|getDescription|getOffer/.test(e),
      )
  })

  it('a video call shows the remote video on both sides', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await connect(alice, bob, 'bob', true)
    await expect
      .poll(() => remoteVideoWidth(alice, /^Video from/), { timeout: 10_000 })
      .toBeGreaterThan(0)
    await expect
      .poll(() => remoteVideoWidth(bob, /^Video from/), { timeout: 10_000 })
      .toBeGreaterThan(0)
    await click(alice, 'Hang up')
    await expectState(bob, 'Ended: The other side hung up')
  })
})

describe('two calls and transfers (three browsers)', () => {
  it('a second call while in a call: hold and answer, swap, hang up one', async () => {
    const [alice, bob, carol] = await Promise.all([
      signedIn('alice'),
      signedIn('bob'),
      signedIn('carol'),
    ])
    await connect(bob, alice, 'alice')
    await dial(carol, 'alice')
    await expect.poll(() => isVisible(incoming(alice)), { timeout: 10_000 }).toBe(true)
    const dialog = incoming(alice)
    expect(await textOf(dialog)).toContain('Carol Danvers')
    expect(await isVisible(dialog.getByRole('button', { name: 'Decline' }))).toBe(true)
    await dialog.getByRole('button', { name: 'Hold and answer' }).click()
    await expectState(carol, 'Connected')
    // bob dialled alice, so he knows her by address only.
    await expectState(bob, 'Held by alice@127.0.0.1')
    await expectState(alice, 'Connected')
    await packetsRise(carol)

    // Swap back to bob: carol is held, bob talks again.
    await click(alice, 'Switch to Bob Builder')
    await expectState(carol, 'Held by alice@127.0.0.1')
    await expectState(bob, 'Connected')
    await expectState(alice, 'Connected')

    // Hang up bob; carol's held call takes the panel and resumes with one click.
    await click(alice, 'Hang up')
    await expectState(bob, 'Ended: The other side hung up')
    await expectState(alice, 'On hold')
    await click(alice, 'Resume')
    await expectState(alice, 'Connected')
    await expectState(carol, 'Connected')
    await packetsRise(carol)
    await click(carol, 'Hang up')
    await expectState(alice, 'Ended: The other side hung up')
  })

  it('blind transfer: alice transfers bob to carol; bob and carol end up connected', async () => {
    const [alice, bob, carol] = await Promise.all([
      signedIn('alice'),
      signedIn('bob'),
      signedIn('carol'),
    ])
    await connect(alice, bob, 'bob')
    await click(alice, 'Transfer')
    await alice.getByRole('textbox', { name: 'Transfer to' }).fill('carol')
    await click(alice, 'Transfer now')
    await agreeToTransfer(bob, 'Alice Liddell')
    await expect.poll(() => isVisible(incoming(carol)), { timeout: 10_000 }).toBe(true)
    expect(await textOf(incoming(carol))).toContain('Bob Builder')
    await incoming(carol).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(carol, 'Connected')
    await expectState(bob, 'Connected')
    await expectState(alice, 'Ended: Transferred')
    await Promise.all([packetsRise(bob), packetsRise(carol)])
    await click(bob, 'Hang up')
    await expectState(carol, 'Ended: The other side hung up')
  })

  it('a blind transfer to nobody leaves the original call up', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await connect(alice, bob, 'bob')
    await click(alice, 'Transfer')
    await alice.getByRole('textbox', { name: 'Transfer to' }).fill('mallory')
    await click(alice, 'Transfer now')
    await agreeToTransfer(bob, 'Alice Liddell')
    await expect
      .poll(() => textOf(alice.getByRole('region', { name: 'Call' })), { timeout: 10_000 })
      .toMatch(/Transfer to mallory@127\.0\.0\.1 failed/)
    await click(bob, 'Resume').catch(() => undefined)
    await expectState(alice, /^(Connected|Held by Bob Builder)$/)
    expect(await callState(bob)).toMatch(/^(Connected|On hold)$/)
  })

  it('attended transfer: alice consults carol, then bob and carol are connected', async () => {
    const [alice, bob, carol] = await Promise.all([
      signedIn('alice'),
      signedIn('bob'),
      signedIn('carol'),
    ])
    await connect(alice, bob, 'bob')
    await click(alice, 'Transfer')
    await alice.getByRole('textbox', { name: 'Transfer to' }).fill('carol')
    await click(alice, 'Consult')
    await expectState(bob, 'Held by Alice Liddell')
    await expect.poll(() => isVisible(incoming(carol)), { timeout: 10_000 }).toBe(true)
    await incoming(carol).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(alice, 'Connected')
    await expectState(carol, 'Connected')
    await click(alice, 'Complete transfer')
    await agreeToTransfer(bob, 'Alice Liddell')
    await expect
      .poll(async () => (await textOf(carol.getByRole('region', { name: 'Call' }))) ?? '', {
        timeout: 10_000,
      })
      .toContain('Bob Builder')
    await expectState(carol, 'Connected')
    await expectState(bob, 'Connected')
    await expect.poll(() => isVisible(incoming(carol)), { timeout: 2_000 }).toBe(false)
    await Promise.all([packetsRise(bob), packetsRise(carol)])
    await click(carol, 'Hang up')
    await expectState(bob, 'Ended: The other side hung up')
  })
})

describe('foreign user agents (sipp over UDP)', () => {
  it.each([
    ['uas-busy.xml', 486, 'Ended: Busy', /dave@127\.0\.0\.1.*Busy/],
    // A proxy turns a callee's 503 into 500 (RFC 3261 16.7; Kamailio does): the caller reads
    // the 5xx with its code. A 503 from the proxy itself reads "Service unavailable" (unit test).
    ['uas-unavailable.xml', 503, 'Ended: Server error (500)', /dave.*Failed: Server error \(500\)/],
  ])('a phone running %s (%i) reads "%s"', async (scenario, _status, state, entry) => {
    const alice = await signedIn('alice')
    const port = await freePort()
    const dave = user('dave')
    const uas = sipp([
      '-sf',
      join(SIPP_DIR, scenario),
      '-i',
      '127.0.0.1',
      '-p',
      String(port),
      '-m',
      '1',
      '-timeout',
      '30s',
    ])
    const reg = sipp([
      `127.0.0.1:${world.server.ports.udp}`,
      '-sf',
      join(SIPP_DIR, 'uac-register-contact.xml'),
      '-s',
      'dave',
      '-au',
      'dave',
      '-ap',
      dave.password,
      '-key',
      'contact_port',
      String(port),
      '-d',
      '20000',
      '-i',
      '127.0.0.1',
      '-m',
      '1',
      '-timeout',
      '60s',
    ])
    try {
      await expect.poll(() => world.server.contacts('dave'), { timeout: 10_000 }).not.toEqual([])
      await dial(alice, 'dave')
      await expectState(alice, state)
      await expectHistory(alice, entry)
      const { code, output } = await uas.done
      expect(code, output).toBe(0)
    } finally {
      uas.kill()
      reg.kill()
      // The killed sipp never un-REGISTERs: its contact would fork the next test's call.
      await world.server.dropContacts('dave')
    }
  })

  it('an INVITE with plain RTP SDP is answered 488 and shows as incompatible', async () => {
    const bob = await signedIn('bob')
    const carol = user('carol')
    const run = sipp([
      `127.0.0.1:${world.server.ports.udp}`,
      '-sf',
      join(SIPP_DIR, 'uac-invite-plain-rtp-488.xml'),
      '-s',
      'bob',
      '-au',
      'carol',
      '-ap',
      carol.password,
      '-key',
      'caller',
      'carol',
      '-i',
      '127.0.0.1',
      '-m',
      '1',
      '-timeout',
      '15s',
      '-timeout_error',
    ])
    const { code, output } = await run.done
    expect(code, output).toBe(0)
    await expectState(bob, 'Ended: Incompatible media')
    await expectHistory(bob, /carol.*Failed: Incompatible media/)
  })
})
