// Chat over SIP MESSAGE against the project's real Kamailio, driven by role and name in
// Chromium: delivery states, the offline store, the outbox across a server outage and a reload,
// safe rendering, typing, unread counts, history and failures.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startSipServer, type DemoUser, type SipServer } from '../../scripts/sip-server/server'
import { serveStatic, type StaticServer } from '../../scripts/serve-static'
import { launchBrowser, openUserPage, type UserPage } from './support/browser'
import { isVisible, registrationStatus, signIn, textOf } from './support/app'

let server: SipServer
let web: StaticServer
let browser: Browser
const pages: UserPage[] = []

function user(name: string): DemoUser {
  const found = server.users.find((u) => u.username === name)
  if (!found) throw new Error(`no demo user ${name}`)
  return found
}

async function open(): Promise<UserPage> {
  const opened = await openUserPage(browser, web.url)
  // Any alert() means something in a message ran: record it.
  opened.page.on('dialog', (dialog) => {
    opened.errors.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  pages.push(opened)
  return opened
}

async function registered(page: Page, timeout = 10_000): Promise<void> {
  await expect.poll(() => textOf(registrationStatus(page)), { timeout }).toBe('Registered')
}

async function signedIn(name: string): Promise<UserPage> {
  const p = await open()
  const u = user(name)
  await signIn(p.page, {
    aor: u.aor,
    server: server.wsUrl,
    password: u.password,
    displayName: u.displayName,
  })
  await registered(p.page)
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
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
}

function log(page: Page) {
  return page.getByRole('log')
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

function count(haystack: string | null, needle: string): number {
  return haystack ? haystack.split(needle).length - 1 : 0
}

beforeAll(async () => {
  ;[server, web, browser] = await Promise.all([startSipServer(), serveStatic(), launchBrowser()])
})

afterEach(async () => {
  for (const p of pages.splice(0)) {
    expect(p.errors, 'no uncaught errors or dialogs on the page').toEqual([])
    await p.context.close()
  }
})

afterAll(async () => {
  await browser?.close()
  await web?.close()
  await server?.dispose()
})

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
    await expect.poll(() => textOf(log(bob.page)), { timeout: 10_000 }).toContain('Delivered')
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

  it('server stopped while alice writes three: "Sending", survives a reload, then all arrive in order', async () => {
    const [alice, bob] = await Promise.all([signedIn('alice'), signedIn('bob')])
    await messageTo(alice.page, 'bob')
    await send(alice.page, 'before the outage')
    await expect.poll(() => textOf(log(alice.page)), { timeout: 10_000 }).toContain('Delivered')

    await server.stop()
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

    // Bob first: the three are then delivered live. (Were alice back first, the server would store
    // them for bob and its store dumps them in parallel UDP transactions: see the README.)
    await alice.context.setOffline(true)
    await server.start()
    try {
      await registered(bob.page, 40_000)
      await alice.context.setOffline(false)
      await registered(alice.page, 40_000)
    } catch (error) {
      throw new Error(`not registered again; Kamailio said:\n${server.logTail(4000)}`, {
        cause: error,
      })
    }
    await expect
      .poll(async () => count(await textOf(log(alice.page)), 'Sending'), { timeout: 40_000 })
      .toBe(0)
    expect(count(await textOf(log(alice.page)), 'Delivered')).toBe(4)
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
      throw new Error(`${seen}\nKamailio said:\n${server.logTail(3000)}`, { cause: error })
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

    await alice.page.reload()
    await openChat(alice.page, 'sip:bob@127.0.0.1')
    await expect.poll(() => textOf(log(alice.page)), { timeout: 10_000 }).toContain('unread two')
    expect(count(await textOf(log(alice.page)), 'Delivered')).toBe(2)
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
