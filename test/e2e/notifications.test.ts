// Message notifications in Chromium against the real Kamailio: a new message notifies when its
// thread is not on screen, never in Do not disturb (the shell's shared policy decides).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startSipServer, type SipServer } from '../../scripts/sip-server/server'
import { serveStatic, type StaticServer } from '../../scripts/serve-static'
import { launchBrowser, openUserPage, type UserPage } from './support/browser'
import { isVisible, registrationStatus, signIn, textOf } from './support/app'

// Records every Web Notification the page shows (the test reads this, not the app's state).
const RECORD_NOTIFICATIONS = `
  window.__notifications = []
  window.Notification = class {
    static permission = 'granted'
    static requestPermission() { return Promise.resolve('granted') }
    constructor(title, options = {}) { window.__notifications.push({ title, body: options.body ?? '' }) }
    close() {}
  }
`

let server: SipServer
let web: StaticServer
let browser: Browser
const pages: UserPage[] = []

async function signedIn(name: string): Promise<Page> {
  const opened = await openUserPage(browser, web.url)
  pages.push(opened)
  const u = server.users.find((x) => x.username === name)!
  await signIn(opened.page, {
    aor: u.aor,
    server: server.wsUrl,
    password: u.password,
    displayName: u.displayName,
  })
  await expect
    .poll(() => textOf(registrationStatus(opened.page)), { timeout: 10_000 })
    .toBe('Registered')
  return opened.page
}

async function sendTo(page: Page, address: string, text: string): Promise<void> {
  await page.getByLabel('Number or SIP address').fill(address)
  await page.getByRole('button', { name: 'Message', exact: true }).click()
  const box = page.getByRole('textbox', { name: 'Message' })
  await expect.poll(() => isVisible(box), { timeout: 10_000 }).toBe(true)
  await box.fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
  // Delivered = bob's client answered 200, i.e. it stored (and judged) the message.
  await expect.poll(() => textOf(page.getByRole('log')), { timeout: 10_000 }).toContain('Delivered')
}

function notificationsOf(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(
    () =>
      (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications,
  )
}

beforeAll(async () => {
  ;[server, web, browser] = await Promise.all([startSipServer(), serveStatic(), launchBrowser()])
})
afterEach(async () => {
  for (const p of pages.splice(0)) await p.context.close()
})
afterAll(async () => {
  await browser?.close()
  await web?.close()
  await server?.dispose()
})

describe('message notifications', () => {
  it('notify when the thread is not on screen, and never in Do not disturb', async () => {
    const bob = await signedIn('bob')
    await bob.addInitScript(RECORD_NOTIFICATIONS)
    await bob.reload()
    await expect.poll(() => textOf(registrationStatus(bob)), { timeout: 10_000 }).toBe('Registered')
    const [alice, carol, dave] = [
      await signedIn('alice'),
      await signedIn('carol'),
      await signedIn('dave'),
    ]

    // bob looks at Calls: alice's message notifies, with her name and the text.
    await sendTo(alice, 'bob', 'are you there?')
    await expect
      .poll(() => notificationsOf(bob), { timeout: 5_000 })
      .toEqual([
        expect.objectContaining({
          title: expect.stringContaining('Alice'),
          body: 'are you there?',
        }),
      ])

    // Do not disturb: carol's message is stored and shown, but nothing pops up.
    await bob.getByRole('combobox', { name: 'My status' }).selectOption({ label: 'Do not disturb' })
    await sendTo(carol, 'bob', 'quiet please')
    await bob.waitForTimeout(1000)
    expect((await notificationsOf(bob)).map((n) => n.body)).toEqual(['are you there?'])

    // Back to Available: the next new message notifies again.
    await bob.getByRole('combobox', { name: 'My status' }).selectOption({ label: 'Available' })
    await sendTo(dave, 'bob', 'lunch?')
    await expect
      .poll(async () => (await notificationsOf(bob)).map((n) => n.body), { timeout: 5_000 })
      .toEqual(['are you there?', 'lunch?'])
  })
})
