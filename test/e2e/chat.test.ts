// Chat over SIP MESSAGE against the project's real Kamailio, driven by role and name in
// Chromium: delivery states, the offline store (once each, in order), the outbox across a server
// outage and a reload, safe rendering, typing, unread counts, history and failures.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { WebSocket as NodeWebSocket } from 'ws'
import { Messager, UserAgent } from 'sip.js'
import type { DemoUser } from '../../scripts/sip-server/server'
import { openUserPage, type UserPage } from './support/browser'
import { useWorld } from './support/world'
import { isVisible, registrationStatus, textOf } from './support/app'

const world = useWorld()

function user(name: string): DemoUser {
  const found = world.server.users.find((u) => u.username === name)
  if (!found) throw new Error(`no demo user ${name}`)
  return found
}

async function open(): Promise<UserPage> {
  const opened = await openUserPage(world.browser, world.web.url)
  // Any alert() means something in a message ran: record it.
  opened.page.on('dialog', (dialog) => {
    opened.errors.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  world.pages.push(opened)
  return opened
}

async function registered(page: Page, timeout = 10_000): Promise<void> {
  await expect.poll(() => textOf(registrationStatus(page)), { timeout }).toBe('Registered')
}

// Through the world's sign-in: it waits 20 s and says what the page and the server showed (this
// file's own 10 s wait failed a CI run whose e2e took twice its usual time, saying nothing).
async function signedIn(name: string): Promise<UserPage> {
  const p = await open()
  await world.signInAs(p.page, name)
  return p
}

async function messageTo(page: Page, address: string): Promise<void> {
  await page.getByLabel('Number or SIP address').fill(address)
  await page.getByRole('button', { name: 'Message', exact: true }).click()
  await expect
    .poll(() => isVisible(page.getByRole('textbox', { name: 'Message' })), { timeout: 10_000 })
    .toBe(true)
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' })
  // The previous message has been taken (the box clears once it is stored): filling the same
  // text again before that would be a no-op the clearing then wipes.
  await expect.poll(() => box.inputValue(), { timeout: 5_000 }).toBe('')
  await box.fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
}

function log(page: Page) {
  return page.getByRole('log')
}

/** The message texts of the open thread, top to bottom, as shown. */
async function bodies(page: Page): Promise<string[]> {
  return (await log(page).locator('.body').allInnerTexts()).map((b) => b.trim())
}

async function openChat(page: Page, peer: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Chat' })
    .click()
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: peer })
    .click()
}

function count(haystack: string | null, needle: string | RegExp): number {
  if (!haystack) return 0
  if (typeof needle === 'string') return haystack.split(needle).length - 1
  return haystack.match(new RegExp(needle.source, 'g'))?.length ?? 0
}

describe('chat against the real Kamailio', () => {
  it('alice → bob is delivered (bob sees it, alice reads "Delivered"), and bob replies', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await messageTo(alice.page, 'bob')
    await send(alice.page, 'Hello Bob')
    await expect.poll(() => textOf(log(alice.page)), { timeout: 10_000 }).toContain('Delivered')

    // A message from a new peer opens its conversation when none is open.
    await bob.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Chat' })
      .click()
    await expect.poll(() => textOf(log(bob.page)), { timeout: 10_000 }).toContain('Hello Bob')
    expect(
      await isVisible(
        bob.page
          .getByRole('navigation', { name: 'Conversations' })
          .getByRole('button', { name: 'Alice Liddell' }),
      ),
    ).toBe(true)

    await bob.page.getByRole('textbox', { name: 'Message' }).fill('Hi Alice')
    await bob.page.getByRole('textbox', { name: 'Message' }).press('Enter')
    await expect.poll(() => textOf(log(alice.page)), { timeout: 10_000 }).toContain('Hi Alice')
    // Alice has the thread in front of her: her app says "displayed" (IMDN), so Bob reads Read.
    await expect.poll(() => textOf(log(bob.page)), { timeout: 10_000 }).toContain('Read')
  })

  it('to an offline user: stored by the server ("Sent"), then bob signs in and sees it once', async () => {
    const alice = await signedIn('alice')
    await messageTo(alice.page, user('bob').aor)
    await send(alice.page, 'While you were out')
    await expect.poll(() => textOf(log(alice.page)), { timeout: 10_000 }).toMatch(/\bSent\b/)
    expect(await textOf(log(alice.page))).not.toContain('Delivered')

    const bob = await signedIn('bob')
    // msilo keeps the sender's address, not the display name: the conversation is named by it.
    await openChat(bob.page, user('alice').aor)
    await expect
      .poll(() => textOf(log(bob.page)), { timeout: 10_000 })
      .toContain('While you were out')
    await bob.page.waitForTimeout(1000)
    expect(count(await textOf(log(bob.page)), 'While you were out')).toBe(1)
  })

  it('several messages to an offline user arrive once each, in the order written', async () => {
    // Two identical texts in the same second are two messages, not one and a duplicate.
    const written = ['in order 1', 'in order 2', 'ok', 'ok', 'in order 5', 'in order 6']
    written.push('in order 7', 'in order 8', 'in order 9', 'in order 10')
    // Dave to carol: no other test here has them talk, and the server restart further down re-sends
    // what its store delivered but had not yet cleaned up (msilo cleans every check_time).
    const dave = await signedIn('dave')
    await messageTo(dave.page, user('carol').aor)
    for (const text of written) await send(dave.page, text)
    try {
      await expect
        .poll(async () => count(await textOf(log(dave.page)), /\bSent\b/), { timeout: 10_000 })
        .toBe(written.length)
    } catch (error) {
      throw new Error(`dave sees: ${await textOf(log(dave.page))}`, { cause: error })
    }

    // The server's store dumps them right after carol's REGISTER.
    const carol = await signedIn('carol')
    await openChat(carol.page, user('dave').aor)
    try {
      await expect.poll(() => bodies(carol.page), { timeout: 15_000 }).toEqual(written)
    } catch (error) {
      throw new Error(`carol sees: ${JSON.stringify(await bodies(carol.page))}`, { cause: error })
    }
    // What is stored agrees, and nothing came twice in the meantime.
    await carol.page.reload()
    await registered(carol.page)
    await openChat(carol.page, user('dave').aor)
    await expect.poll(() => bodies(carol.page), { timeout: 10_000 }).toEqual(written)
  })

  it('a store that delivers out of order: the thread follows the Date it gives, once each', async () => {
    const bob = await signedIn('bob')
    await bob.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Chat' })
      .click()
    // Dave's side is a bare SIP.js UserAgent in this process: it plays a store that sends what it
    // kept in its own order, each MESSAGE with the Date it was stored at, through Kamailio.
    ;(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket
    const dave = user('dave')
    const ua = new UserAgent({
      uri: UserAgent.makeURI(dave.aor)!,
      displayName: dave.displayName,
      authorizationUsername: dave.username,
      authorizationPassword: dave.password,
      transportOptions: { server: world.server.wsUrl },
      logLevel: 'error',
    })
    await ua.start()
    try {
      const stored = Date.now() - 10 * 60_000
      for (const minute of [3, 0, 4, 1, 2]) {
        const status = await new Promise<number>((resolve) => {
          const done = (r: { message: { statusCode?: number } }) =>
            resolve(r.message.statusCode ?? 0)
          void new Messager(
            ua,
            UserAgent.makeURI(user('bob').aor)!,
            `kept ${minute}`,
            'text/plain',
            {
              extraHeaders: [`Date: ${new Date(stored + minute * 60_000).toUTCString()}`],
            },
          ).message({ requestDelegate: { onAccept: done, onReject: done } })
        })
        expect(status).toBe(200)
      }
    } finally {
      await ua.stop()
    }
    const expected = ['kept 0', 'kept 1', 'kept 2', 'kept 3', 'kept 4']
    await expect.poll(() => bodies(bob.page), { timeout: 10_000 }).toEqual(expected)
    await bob.page.reload()
    await registered(bob.page)
    await openChat(bob.page, 'Dave Lister')
    await expect.poll(() => bodies(bob.page), { timeout: 10_000 }).toEqual(expected)
  })

  it('server stopped while alice writes three: "Sending", survives a reload, then all arrive in order', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await messageTo(alice.page, 'bob')
    await send(alice.page, 'before the outage')
    await expect.poll(() => textOf(log(alice.page)), { timeout: 10_000 }).toContain('Delivered')

    await world.server.stop()
    await expect
      .poll(() => textOf(registrationStatus(alice.page)), { timeout: 10_000 })
      .not.toBe('Registered')
    for (const text of ['outage one', 'outage two', 'outage three']) await send(alice.page, text)
    await expect
      .poll(async () => count(await textOf(log(alice.page)), 'Sending'), { timeout: 10_000 })
      .toBe(3)

    // A reload while offline loses nothing: the outbox is in IndexedDB.
    await alice.page.reload()
    await openChat(alice.page, 'sip:bob@127.0.0.1')
    await expect
      .poll(async () => count(await textOf(log(alice.page)), 'Sending'), { timeout: 10_000 })
      .toBe(3)

    // Both come back on their own, in whichever order: what reaches bob live is Delivered, what
    // the server stored because bob was not back yet is Sent and reaches him at his REGISTER.
    await world.server.start()
    try {
      await Promise.all([registered(bob.page, 40_000), registered(alice.page, 40_000)])
    } catch (error) {
      throw new Error(`not registered again; Kamailio said:\n${world.server.logTail(4000)}`, {
        cause: error,
      })
    }
    await expect
      .poll(async () => count(await textOf(log(alice.page)), 'Sending'), { timeout: 40_000 })
      .toBe(0)
    const states = await textOf(log(alice.page))
    expect(count(states, 'Delivered') + count(states, /\bSent\b/)).toBe(4)
    expect(count(states, 'Failed')).toBe(0)
    await openChat(bob.page, 'Alice Liddell')
    const inOrder = async () => {
      const text = (await textOf(log(bob.page))) ?? ''
      const at = ['outage one', 'outage two', 'outage three'].map((m) => text.indexOf(m))
      return at.every((i) => i >= 0) && at[0]! < at[1]! && at[1]! < at[2]!
    }
    try {
      await expect.poll(inOrder, { timeout: 20_000 }).toBe(true)
    } catch (error) {
      const seen = `alice: ${await textOf(log(alice.page))}\nbob: ${await textOf(log(bob.page))}`
      throw new Error(`${seen}\nKamailio said:\n${world.server.logTail(6000)}`, { cause: error })
    }
    const text = await textOf(log(bob.page))
    for (const m of ['outage one', 'outage two', 'outage three']) expect(count(text, m)).toBe(1)
  })

  it('markup, RTL, emoji and line breaks show exactly as typed and run nothing', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('carol')])
    const hostile = '<img src=x onerror=alert(1)>'
    const mixed = 'שלום עולם 👋🏽 مرحبا\nsecond line — ✓'
    await messageTo(alice.page, 'carol')
    await send(alice.page, hostile)
    await send(alice.page, mixed)
    await openChat(bob.page, 'Alice Liddell')
    await expect.poll(() => textOf(log(bob.page)), { timeout: 10_000 }).toContain('second line')
    const bodies = await log(bob.page).locator('.body').allInnerTexts()
    expect(bodies.map((b) => b.trim())).toEqual([hostile, mixed])
    expect(await log(bob.page).locator('img').count()).toBe(0)
    expect(await bob.page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0)
  })

  it('typing indicator appears while alice types and goes when she sends', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await messageTo(alice.page, 'bob')
    await send(alice.page, 'first')
    await openChat(bob.page, 'Alice Liddell')
    await alice.page
      .getByRole('textbox', { name: 'Message' })
      .pressSequentially('typing…', { delay: 20 })
    await expect
      .poll(() => isVisible(bob.page.getByText('Alice Liddell is typing…')), { timeout: 10_000 })
      .toBe(true)
    await alice.page.getByRole('button', { name: 'Send' }).click()
    await expect
      .poll(() => isVisible(bob.page.getByText('Alice Liddell is typing…')), { timeout: 10_000 })
      .toBe(false)
    // Never stored as a message.
    expect(await textOf(log(bob.page))).not.toContain('isComposing')
  })

  it('unread count rises on the rail and clears when the thread is seen; history survives a reload', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await messageTo(alice.page, 'bob')
    await send(alice.page, 'unread one')
    await send(alice.page, 'unread two')
    const chatButton = bob.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Chat' })
    await expect.poll(() => textOf(chatButton), { timeout: 10_000 }).toMatch(/2/)
    await chatButton.click()
    await expect.poll(() => textOf(log(bob.page)), { timeout: 10_000 }).toContain('unread two')
    await expect.poll(() => textOf(chatButton), { timeout: 10_000 }).toBe('Chat')
    // Bob has seen the thread, so his app said so (read receipts): both read "Read".
    const reads = async () => count(await textOf(log(alice.page)), /\bRead\b/)
    await expect.poll(reads, { timeout: 10_000 }).toBe(2)

    await alice.page.reload()
    await openChat(alice.page, 'sip:bob@127.0.0.1')
    await expect.poll(() => textOf(log(alice.page)), { timeout: 10_000 }).toContain('unread two')
    await expect.poll(reads, { timeout: 10_000 }).toBe(2)
  })

  it('an unknown recipient reads "Failed" with the reason and offers Retry; an oversized text is refused', async () => {
    const alice = await signedIn('alice')
    await messageTo(alice.page, 'mallory')
    await send(alice.page, 'anyone there?')
    await expect
      .poll(() => textOf(log(alice.page)), { timeout: 10_000 })
      .toContain('Failed: Not Found (404)')
    expect(await isVisible(alice.page.getByRole('button', { name: 'Retry' }))).toBe(true)

    await send(alice.page, 'x'.repeat(5000))
    await expect
      .poll(() => textOf(alice.page.getByRole('alert')), { timeout: 5_000 })
      .toMatch(/too long/)
    expect(count(await textOf(log(alice.page)), 'xxxxxxxxxx')).toBe(0)
  })

  it('http(s) links open outside; sip: addresses are links; anything else stays text', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('dave')])
    await messageTo(alice.page, 'dave')
    await send(
      alice.page,
      'see https://example.com/a?b=1 or sip:carol@127.0.0.1 not javascript:alert(1)',
    )
    await openChat(bob.page, 'Alice Liddell')
    await expect
      .poll(() => textOf(log(bob.page)), { timeout: 10_000 })
      .toContain('javascript:alert(1)')
    const web = log(bob.page).getByRole('link', { name: 'https://example.com/a?b=1' })
    expect(await web.getAttribute('href')).toBe('https://example.com/a?b=1')
    expect(await web.getAttribute('target')).toBe('_blank')
    expect(await log(bob.page).getByRole('link', { name: 'sip:carol@127.0.0.1' }).count()).toBe(1)
    expect(await log(bob.page).getByRole('link').count()).toBe(2)
  })
})
