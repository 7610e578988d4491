// Calls that survive the network: the server restarting, one user's WebSocket cut (a TCP proxy the
// test controls), a drop longer than the bound, and a TURN server restarting under a relay-only
// call. Media is judged by the pages' own RTCPeerConnection stats (support/peer-connections.ts),
// recovery by what the call panel shows; recovery times are printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'
import { historyTop, isVisible, registrationStatus, textOf } from './support/app'
import {
  inboundAudio,
  openMedia,
  remoteIceUfrags,
  selectedCandidateTypes,
} from './support/peer-connections'
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy'
import { startTurnServer, type TurnServer } from './support/coturn'

const world = useWorld()
const { signedIn } = world

const callState = (page: Page): Promise<string | null> =>
  textOf(page.getByRole('status', { name: 'Call state' }))

const incoming = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' })

async function expectState(page: Page, state: string | RegExp, timeout = 10_000): Promise<void> {
  const poll = expect.poll(() => callState(page), { timeout, interval: 100 })
  if (typeof state === 'string') await poll.toBe(state)
  else await poll.toMatch(state)
}

/** `from` calls `target`, the other page answers; both read "Connected" and hear each other. */
async function connect(from: Page, to: Page, target: string): Promise<void> {
  await from.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
  await from.getByRole('button', { name: 'Call', exact: true }).click()
  await expect.poll(() => isVisible(incoming(to)), { timeout: 10_000 }).toBe(true)
  await incoming(to).getByRole('button', { name: 'Answer', exact: true }).click()
  await expectState(from, 'Connected')
  await expectState(to, 'Connected')
  await Promise.all([audioRises(from), audioRises(to)])
}

/** The received audio energy rises (the fake microphone's beeps arrive), by the page's stats. */
async function audioRises(page: Page, timeout = 5_000): Promise<void> {
  const before = (await inboundAudio(page)).totalAudioEnergy
  await expect
    .poll(async () => (await inboundAudio(page)).totalAudioEnergy, { timeout, interval: 100 })
    .toBeGreaterThan(before + 0.01)
}

/** The call timer's reading in seconds ("1:05" → 65). */
async function timerSeconds(page: Page): Promise<number> {
  const text = (await textOf(page.getByRole('timer', { name: 'Call duration' }))) ?? ''
  const parts = text.split(':').map(Number)
  return parts.reduce((total, part) => total * 60 + part, 0)
}

/** Polls until `page` reads `state`; how long that took from `since`, in ms. */
async function timeUntil(
  page: Page,
  state: string,
  since: number,
  timeout = 10_000,
): Promise<number> {
  await expectState(page, state, timeout)
  return Date.now() - since
}

/** After the network broke under a live call: it comes back, audio both ways, timer kept going. */
async function expectRecovered(
  alice: Page,
  bob: Page,
  broke: { at: number; timer: number; ufrags: string[] },
  label: string,
  since: number,
): Promise<void> {
  const [aliceMs, bobMs] = await Promise.all([
    timeUntil(alice, 'Connected', since),
    timeUntil(bob, 'Connected', since),
  ])
  console.info(`${label}: Connected again after ${aliceMs} ms (alice), ${bobMs} ms (bob)`)
  await Promise.all([audioRises(alice), audioRises(bob)])
  // ICE restarted: the far end's credentials changed on alice's connection.
  expect(await remoteIceUfrags(alice)).not.toEqual(broke.ufrags)
  // The timer kept counting through the trouble (it was never reset to 0:00).
  const elapsed = Math.floor((Date.now() - broke.at) / 1000)
  expect(await timerSeconds(alice)).toBeGreaterThanOrEqual(broke.timer + elapsed - 2)
}

async function snapshot(page: Page): Promise<{ at: number; timer: number; ufrags: string[] }> {
  return { at: Date.now(), timer: await timerSeconds(page), ufrags: await remoteIceUfrags(page) }
}

describe('calls through signalling trouble', () => {
  let proxy: TcpProxy | undefined
  afterAll(async () => {
    await proxy?.close()
  })

  it('the server restarts: Reconnecting, then Connected within 10 s with audio; a later BYE still arrives', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await connect(alice, bob, 'bob')
    await new Promise((ok) => setTimeout(ok, 2000))
    const broke = await snapshot(alice)

    await world.server.stop()
    await Promise.all([
      expectState(alice, 'Reconnecting', 5_000),
      expectState(bob, 'Reconnecting', 5_000),
    ])
    await world.server.start()
    const restarted = Date.now()
    await expectRecovered(alice, bob, broke, 'Kamailio restart', restarted)

    // bob hangs up: alice's call ends, so the BYE found her new connection.
    await bob.getByRole('button', { name: 'Hang up', exact: true }).click()
    await expectState(alice, 'Ended: The other side hung up', 5_000)
    await expect.poll(async () => (await openMedia(alice)).connections, { timeout: 5_000 }).toBe(0)
  })

  it("alice's WebSocket is cut: she reconnects, the call comes back, bob's BYE reaches her", async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: world.server.ports.ws })
    const [alice, bob] = await Promise.all([
      signedIn('alice', { server: proxy.wsUrl }),
      signedIn('bob'),
    ])
    await connect(alice, bob, 'bob')
    await new Promise((ok) => setTimeout(ok, 2000))
    const broke = await snapshot(alice)
    const connectionsBefore = proxy.accepted

    proxy.cut()
    const cut = Date.now()
    await expectState(alice, 'Reconnecting', 5_000)
    await expectRecovered(alice, bob, broke, 'WebSocket cut', cut)
    expect(proxy.accepted, 'alice came back on a new connection').toBeGreaterThan(connectionsBefore)

    await bob.getByRole('button', { name: 'Hang up', exact: true }).click()
    await expectState(alice, 'Ended: The other side hung up', 5_000)
  })

  it('the connection stays down past the bound: both sides end "Connection lost", nothing left open', async () => {
    proxy ??= await startTcpProxy({ host: '127.0.0.1', port: world.server.ports.ws })
    const [alice, bob] = await Promise.all([
      signedIn('alice', { server: proxy.wsUrl }),
      signedIn('bob'),
    ])
    await connect(alice, bob, 'bob')

    proxy.refuse()
    const cut = Date.now()
    await expectState(alice, 'Reconnecting', 5_000)
    const aliceMs = await timeUntil(alice, 'Ended: Connection lost', cut, 30_000)
    // alice's connection closed with her call: bob's media path breaks, he cannot reach her.
    const bobMs = await timeUntil(bob, 'Ended: Connection lost', cut, 60_000)
    console.info(`Dropped for good: alice ended after ${aliceMs} ms, bob after ${bobMs} ms`)
    proxy.allow()

    expect(await historyTop(alice)).toMatch(/bob.*Connection lost/i)
    expect(await historyTop(bob)).toMatch(/Alice Liddell.*Connection lost/)
    for (const page of [alice, bob]) {
      await expect.poll(async () => (await openMedia(page)).connections, { timeout: 5_000 }).toBe(0)
      await expect.poll(async () => (await openMedia(page)).tracks, { timeout: 5_000 }).toBe(0)
    }
    // And alice is back by herself once the network is (her backoff has grown to up to 30 s
    // by now: no call is at stake any more).
    await expect
      .poll(() => textOf(registrationStatus(alice)), { timeout: 40_000 })
      .toBe('Registered')
  }, 150_000)
})

describe('a relayed call through a TURN server that restarts', () => {
  let turn: TurnServer
  beforeAll(async () => {
    turn = await startTurnServer()
  })
  afterAll(async () => {
    await turn?.stop()
  })

  /**
   * Relay-only ICE with the test's TURN server, set the way a user does: the sign-in form's
   * Advanced section ("STUN/TURN server", "TURN username", "TURN password", "Relay only").
   */
  async function signedInRelayOnly(name: string): Promise<Page> {
    const { page } = await world.open()
    await page.locator('summary', { hasText: 'Advanced' }).click()
    await page.getByLabel('STUN/TURN server', { exact: true }).fill(turn.urls)
    await page.getByLabel('TURN username', { exact: true }).fill(turn.username)
    await page.getByLabel('TURN password', { exact: true }).fill(turn.password)
    await page.getByRole('radio', { name: 'Relay only' }).check()
    await world.signInAs(page, name)
    return page
  }

  async function expectRelayed(...pages: Page[]): Promise<void> {
    for (const page of pages) {
      const pairs = await selectedCandidateTypes(page)
      expect(pairs.length).toBeGreaterThan(0)
      for (const pair of pairs) {
        expect(pair.local).toBe('relay')
        expect(pair.remote).toMatch(/^(relay|prflx)$/)
      }
    }
  }

  it('connects over relay candidates; coturn restarts mid-call and audio is back within 10 s', async () => {
    const [alice, bob] = await Promise.all([signedInRelayOnly('alice'), signedInRelayOnly('bob')])
    await connect(alice, bob, 'bob')
    // Each side's end of the selected pair is its relay: the path runs through coturn both ways.
    // (The far end's relay address may be learnt from its checks first, as peer-reflexive.)
    await expectRelayed(alice, bob)
    expect(turn.log()).toMatch(/ALLOCATE processed, success/)
    // The allocations were made for our long-term credential user in our realm.
    expect(turn.log()).toMatch(/realm <switchboard\.test> user <switchboard>/)
    const ufrags = await remoteIceUfrags(alice)

    await turn.restart()
    const restarted = Date.now()
    // The relays are gone: the media path breaks (seen by the app as well as by the stats) …
    await expect
      .poll(async () => [await callState(alice), await callState(bob)], {
        timeout: 8_000,
        interval: 100,
      })
      .toContain('Reconnecting')
    const brokenMs = Date.now() - restarted
    // … and audio comes back both ways.
    await Promise.all([audioRises(alice, 10_000), audioRises(bob, 10_000)])
    const audioMs = Date.now() - restarted
    await Promise.all([expectState(alice, 'Connected'), expectState(bob, 'Connected')])
    console.info(
      `TURN restart: Reconnecting after ${brokenMs} ms, audio back on both sides after ${audioMs} ms`,
    )
    expect(audioMs).toBeLessThan(10_000)
    expect(await remoteIceUfrags(alice)).not.toEqual(ufrags)
    await expectRelayed(alice, bob)
  })
})
