// A hostile network, end to end (issue 10): requests from other domains, relayed by the project's
// Kamailio as any server that takes calls from the internet does, sent by sipp over UDP, and
// transfers from the other side of a call. Each test names the row of the issue it holds.
import { describe, expect, it } from 'vitest'
import type { Page, WebSocket as PageWebSocket } from 'playwright-core'
import { useWorld } from './support/world'
import { isVisible, railButton, signIn, textOf } from './support/app'
import { inboundAudio } from './support/peer-connections'
import { runSipp } from './support/sipp'
import {
  inviteRefusedScenario,
  messageScenario,
  ringThenCancelScenario,
} from './support/sipp-scenarios'

const world = useWorld()
const { user, signedIn } = world

const SPOOFED_BOB = 'sip:bob@evil.example;maddr=127.0.0.1'

const confirmCall = (page: Page) => page.getByRole('dialog', { name: 'Confirm call' })
const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })
const callState = (page: Page) => textOf(page.getByRole('status', { name: 'Call state' }))
const conversations = (page: Page) => page.getByRole('navigation', { name: 'Conversations' })

async function expectState(page: Page, state: string | RegExp): Promise<void> {
  const poll = expect.poll(() => callState(page), { timeout: 10_000 })
  if (typeof state === 'string') await poll.toBe(state)
  else await poll.toMatch(state)
}

async function click(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click()
}

/** `caller` calls `callee` (by user name) and `callee` answers; both read "Connected". */
async function connect(caller: Page, callee: Page, name: string, video = false): Promise<void> {
  await caller.getByRole('textbox', { name: 'Number or SIP address' }).fill(name)
  await click(caller, video ? 'Video call' : 'Call')
  await expect.poll(() => isVisible(incoming(callee)), { timeout: 10_000 }).toBe(true)
  await incoming(callee)
    .getByRole('button', { name: video ? 'Answer with video' : 'Answer', exact: true })
    .click()
  await expectState(caller, 'Connected')
  await expectState(callee, 'Connected')
}

async function packetsRise(page: Page): Promise<void> {
  const before = (await inboundAudio(page)).packetsReceived
  await expect
    .poll(async () => (await inboundAudio(page)).packetsReceived, { timeout: 5_000 })
    .toBeGreaterThan(before + 10)
}

/** Nothing rings at `callee` for a while. */
async function expectNoRinging(callee: Page): Promise<void> {
  await callee.waitForTimeout(2000)
  expect(await isVisible(incoming(callee))).toBe(false)
}

async function history(page: Page): Promise<string[]> {
  await railButton(page, 'Calls').click()
  const items = page.getByRole('list', { name: 'Call history' }).getByRole('listitem')
  return (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())
}

async function openChat(page: Page): Promise<void> {
  await railButton(page, 'Chat').click()
}

/** The SIP messages a page's WebSocket sent and received, as text. */
function recordSip(page: Page): { sent: string[]; received: string[] } {
  const frames = { sent: [] as string[], received: [] as string[] }
  page.on('websocket', (ws: PageWebSocket) => {
    ws.on('framesent', ({ payload }) => void frames.sent.push(String(payload)))
    ws.on('framereceived', ({ payload }) => void frames.received.push(String(payload)))
  })
  return frames
}

function header(message: string, name: string): string | undefined {
  return new RegExp(`^${name}:\\s*(.+?)\\r?$`, 'im').exec(message)?.[1]
}

describe('row 1: a foreign user posing as a local one with maddr', () => {
  it('a MESSAGE from bob@evil.example;maddr=127.0.0.1 lands under bob@evil.example, not Bob', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    // The real Bob writes first, so alice has his conversation.
    await bob.getByRole('textbox', { name: 'Number or SIP address' }).fill('alice')
    await click(bob, 'Message')
    await bob.getByRole('textbox', { name: 'Message' }).fill('Hello from the real Bob')
    await click(bob, 'Send')
    await openChat(alice)
    const realBob = conversations(alice).getByRole('button', { name: 'Bob Builder' })
    await expect.poll(() => isVisible(realBob), { timeout: 10_000 }).toBe(true)

    const run = runSipp(
      messageScenario(SPOOFED_BOB, 'Send me your password', 200),
      world.server.ports.udp,
      'alice',
    )
    const { code, output } = await run.done
    expect(code, output).toBe(0)

    const spoofed = conversations(alice).getByRole('button', { name: 'sip:bob@evil.example' })
    await expect.poll(() => isVisible(spoofed), { timeout: 10_000 }).toBe(true)
    await spoofed.click()
    await expect
      .poll(() => textOf(alice.getByRole('log')), { timeout: 5_000 })
      .toContain('Send me your password')
    await realBob.click()
    await expect
      .poll(() => textOf(alice.getByRole('log')), { timeout: 5_000 })
      .toContain('Hello from the real Bob')
    expect(await textOf(alice.getByRole('log'))).not.toContain('Send me your password')
  })

  it('an INVITE from bob@evil.example;maddr=127.0.0.1 rings and is kept as bob@evil.example', async () => {
    const alice = await signedIn('alice')
    const run = runSipp(ringThenCancelScenario(SPOOFED_BOB, 3000), world.server.ports.udp, 'alice')
    await expect.poll(() => isVisible(incoming(alice)), { timeout: 10_000 }).toBe(true)
    const shown = (await textOf(incoming(alice))) ?? ''
    expect(shown).toContain('bob@evil.example')
    expect(shown).not.toContain('bob@127.0.0.1')
    const { code, output } = await run.done
    expect(code, output).toBe(0)
    await expect
      .poll(async () => (await history(alice))[0] ?? '', { timeout: 5_000 })
      .toMatch(/bob@evil\.example/)
    expect((await history(alice)).join('\n')).not.toContain('bob@127.0.0.1')
  })
})

describe('row 3: a transfer (REFER) asks first', () => {
  it('bob asks alice to call carol: "Confirm call"; Cancel dials nothing, Call calls carol', async () => {
    const [alice, bob, carol] = await Promise.all([
      signedIn('alice'),
      signedIn('bob'),
      signedIn('carol'),
    ])
    // bob calls, so alice knows his name from his INVITE; with video, which a transfer must not
    // carry over to the call it asks for unless alice chooses it.
    await connect(bob, alice, 'alice', true)

    const transfer = async (): Promise<void> => {
      await click(bob, 'Transfer')
      await bob.getByRole('textbox', { name: 'Transfer to' }).fill('carol')
      await click(bob, 'Transfer now')
      await expect.poll(() => isVisible(confirmCall(alice)), { timeout: 10_000 }).toBe(true)
      const text = (await textOf(confirmCall(alice))) ?? ''
      expect(text).toContain('Bob Builder asks you to call')
      expect(text).toContain('sip:carol@127.0.0.1')
    }

    await transfer()
    await confirmCall(alice).getByRole('button', { name: 'Cancel', exact: true }).click()
    await expectNoRinging(carol)
    // bob hears no (603 in the NOTIFY) and the call goes on.
    await expect
      .poll(() => textOf(bob.getByRole('region', { name: 'Call' })), { timeout: 10_000 })
      .toMatch(/Transfer to carol@127\.0\.0\.1 failed/)
    await expectState(alice, 'Connected')
    await expectState(bob, 'Connected')

    await transfer()
    await confirmCall(alice).getByRole('button', { name: 'Call', exact: true }).click()
    await expect.poll(() => isVisible(incoming(carol)), { timeout: 10_000 }).toBe(true)
    expect(await textOf(incoming(carol))).toContain('Alice Liddell')
    // An audio call: carol's dialog does not say "Video call".
    expect(await textOf(incoming(carol))).not.toContain('Video call')
    await incoming(carol).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(carol, 'Connected')
    await expectState(alice, 'Connected')
    await expectState(bob, 'Ended: Transferred')
    await Promise.all([packetsRise(alice), packetsRise(carol)])
  })
})

describe('row 5: "Confirm call" does not take a key meant for something else', () => {
  it('Enter typed as the dialog opens dials nothing', async () => {
    const bob = await signedIn('bob')
    const { page: alice } = await world.open({
      path: `?dial=${encodeURIComponent(user('bob').aor)}`,
    })
    const alice_ = user('alice')
    await signIn(alice, {
      aor: alice_.aor,
      server: world.server.wsUrl,
      password: alice_.password,
      displayName: alice_.displayName,
    })
    // The link waits for registration; the dialog opens then, mid-typing.
    await confirmCall(alice).waitFor({ state: 'visible', timeout: 10_000 })
    await alice.keyboard.press('Enter')
    await alice.keyboard.press('Enter')
    await expectNoRinging(bob)
    expect(await isVisible(confirmCall(alice))).toBe(false)
    expect(await callState(alice)).toBeNull()
  })
})

describe('row 7: inbound limits', () => {
  it('a MESSAGE body over the cap is answered 413 and never shown', async () => {
    const alice = await signedIn('alice')
    const line = `${'x'.repeat(99)}\n`
    const huge = line.repeat(400) // 40 000 bytes, under UDP's 64 KB, over the 32 KiB cap
    const spam = 'sip:spam@evil.example'
    const big = await runSipp(messageScenario(spam, huge, 413), world.server.ports.udp, 'alice')
      .done
    expect(big.code, big.output).toBe(0)
    const small = await runSipp(
      messageScenario(spam, 'small one', 200),
      world.server.ports.udp,
      'alice',
    ).done
    expect(small.code, small.output).toBe(0)
    await openChat(alice)
    await conversations(alice).getByRole('button', { name: spam }).click()
    await expect
      .poll(() => textOf(alice.getByRole('log')), { timeout: 5_000 })
      .toContain('small one')
    expect(await textOf(alice.getByRole('log'))).not.toContain('xxxxxxxxxx')
  })

  it('an INVITE flood: two calls ring, every one beyond is answered 486 without ringing', async () => {
    const alice = await signedIn('alice')
    const udp = world.server.ports.udp
    // Rotating foreign callers, as a scanner sends them.
    const ringing = runSipp(
      ringThenCancelScenario('sip:caller[call_number]@evil.example', 6000),
      udp,
      'alice',
      ['-m', '2', '-l', '2', '-r', '10'],
    )
    try {
      await expect.poll(() => isVisible(incoming(alice)), { timeout: 10_000 }).toBe(true)
      await alice.waitForTimeout(1000)
      const flood = await runSipp(
        inviteRefusedScenario('sip:flood[call_number]@evil.example', 486),
        udp,
        'alice',
        ['-m', '5', '-l', '5', '-r', '20'],
      ).done
      expect(flood.code, flood.output).toBe(0)
      const rang = await ringing.done
      expect(rang.code, rang.output).toBe(0)
      // Only the two that rang are in the history, as missed calls.
      const entries = await history(alice)
      expect(entries.filter((e) => e.includes('flood'))).toEqual([])
      expect(entries.filter((e) => e.includes('evil.example'))).toHaveLength(2)
    } finally {
      ringing.kill()
    }
  })
})

describe('row 8: an INVITE with Replaces from a stranger', () => {
  it("is refused (403) and alice's live call goes on", async () => {
    const opened = await world.open()
    const alice = opened.page
    const sip = recordSip(alice)
    await world.signInAs(alice, 'alice')
    const bob = await signedIn('bob')
    await connect(alice, bob, 'bob')

    // The live dialog's identifiers, as alice's WebSocket carried them.
    const invite = sip.sent.find((m) => m.startsWith('INVITE sip:bob@'))
    expect(invite, 'alice sent an INVITE').toBeDefined()
    const callId = header(invite!, 'Call-ID')!
    const aliceTag = /;tag=([^;\s>]+)/.exec(header(invite!, 'From')!)![1]!
    const ok = sip.received.find(
      (m) =>
        m.startsWith('SIP/2.0 200') &&
        header(m, 'Call-ID') === callId &&
        /INVITE/.test(header(m, 'CSeq') ?? ''),
    )
    const bobTag = /;tag=([^;\s>]+)/.exec(header(ok!, 'To')!)![1]!

    const run = runSipp(
      inviteRefusedScenario('sip:mallory@evil.example', 403, [
        `Replaces: ${callId};to-tag=${aliceTag};from-tag=${bobTag}`,
        // A claim anyone can write: the call's peer handed it over. Not from a stranger.
        `Referred-By: <${user('bob').aor}>`,
      ]),
      world.server.ports.udp,
      'alice',
    )
    const { code, output } = await run.done
    expect(code, output).toBe(0)
    await expectState(alice, 'Connected')
    await expectState(bob, 'Connected')
    expect(await isVisible(incoming(alice))).toBe(false)
    await Promise.all([packetsRise(alice), packetsRise(bob)])
  })
})
