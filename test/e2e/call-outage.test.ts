// A call attempt that meets an outage (the soak's "call that never rang"): dialled while the
// WebSocket is down, or with its INVITE in flight when the connection drops or the server
// restarts. Whatever happens, the caller's screen never stays on a dead "Calling": the call
// gets through once the connection is back, or ends "Connection lost" within the bound
// (UNANSWERED_OUTAGE_MS, 10 s) and lands in history as such; nothing rings on forever.
import { afterAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useWorld } from './support/world'
import { historyTop, isVisible, registrationStatus, textOf } from './support/app'
import { openMedia } from './support/peer-connections'
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy'

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

async function dial(page: Page, target: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
  await page.getByRole('button', { name: 'Call', exact: true }).click()
}

async function nothingOpen(page: Page): Promise<void> {
  await expect.poll(async () => (await openMedia(page)).connections, { timeout: 5_000 }).toBe(0)
  await expect.poll(async () => (await openMedia(page)).tracks, { timeout: 5_000 }).toBe(0)
}

describe('a call attempted during an outage', () => {
  let proxy: TcpProxy | undefined
  afterAll(async () => {
    await proxy?.close()
  })

  it('dialled while the connection is down: it waits, and rings once the connection is back', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: world.server.ports.ws })
    const [alice, bob] = await Promise.all([
      signedIn('alice', { server: proxy.wsUrl }),
      signedIn('bob'),
    ])
    proxy.refuse()
    await expect
      .poll(() => textOf(registrationStatus(alice)), { timeout: 5_000 })
      .not.toBe('Registered')
    await dial(alice, 'bob')
    await expectState(alice, 'Reconnecting', 5_000)
    await new Promise((ok) => setTimeout(ok, 1500))
    expect(await isVisible(incoming(bob)), 'nothing was sent yet').toBe(false)
    proxy.allow()
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    await incoming(bob).getByRole('button', { name: 'Answer', exact: true }).click()
    await expectState(alice, 'Connected')
    await alice.getByRole('button', { name: 'Hang up', exact: true }).click()
    await expectState(bob, /^Ended/, 5_000)
  })

  it('dialled while the connection stays down: "Connection lost" within the bound, in history', async () => {
    proxy ??= await startTcpProxy({ host: '127.0.0.1', port: world.server.ports.ws })
    const alice = await signedIn('alice', { server: proxy.wsUrl })
    proxy.refuse()
    await expect
      .poll(() => textOf(registrationStatus(alice)), { timeout: 5_000 })
      .not.toBe('Registered')
    const dialled = Date.now()
    await dial(alice, 'bob')
    await expectState(alice, 'Ended: Connection lost', 15_000)
    console.info(`Dialled into an outage: ended after ${Date.now() - dialled} ms`)
    expect(await historyTop(alice)).toMatch(/bob.*Connection lost/i)
    await nothingOpen(alice)
    proxy.allow()
  })

  it("the caller's connection drops while it rings: the CANCEL goes out on the new one, the ringing stops", async () => {
    proxy ??= await startTcpProxy({ host: '127.0.0.1', port: world.server.ports.ws })
    const [alice, bob] = await Promise.all([
      signedIn('alice', { server: proxy.wsUrl }),
      signedIn('bob'),
    ])
    await dial(alice, 'bob')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    await expectState(alice, 'Ringing')

    proxy.cut()
    const cut = Date.now()
    await expectState(alice, 'Ended: Connection lost', 15_000)
    // Kamailio kept the transaction: the CANCEL from alice's new socket reached bob.
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 5_000 }).toBe(false)
    console.info(
      `INVITE orphaned by a cut: alice ended, bob stopped ringing ${Date.now() - cut} ms after`,
    )
    expect(await historyTop(alice)).toMatch(/bob.*Connection lost/i)
    await nothingOpen(alice)
    await nothingOpen(bob)
  })

  it('the server restarts while it rings: neither side hangs', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await dial(alice, 'bob')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)

    await world.server.stop()
    const stopped = Date.now()
    // bob's ringing cannot be cancelled or answered through a proxy that lost it: it ends now.
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 5_000 }).toBe(false)
    await world.server.start()
    await expectState(alice, 'Ended: Connection lost', 15_000)
    console.info(`INVITE orphaned by a restart: alice ended ${Date.now() - stopped} ms after`)
    expect(await historyTop(alice)).toMatch(/bob.*Connection lost/i)
    await nothingOpen(alice)
    await nothingOpen(bob)
    // And the next call goes through.
    for (const page of [alice, bob]) {
      await expect
        .poll(() => textOf(registrationStatus(page)), { timeout: 20_000 })
        .toBe('Registered')
    }
    await dial(alice, 'bob')
    await expect.poll(() => isVisible(incoming(bob)), { timeout: 10_000 }).toBe(true)
    await incoming(bob).getByRole('button', { name: 'Decline', exact: true }).click()
    await expectState(alice, /^Ended: Declined/, 5_000)
  }, 90_000)
})
