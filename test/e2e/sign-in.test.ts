import { describe, expect, it } from 'vitest'
import type { DemoUser } from '../../scripts/sip-server/server'
import { freePort } from './support/ports'
import { useWorld } from './support/world'
import { openUserPage, type UserPage } from './support/browser'
import { attributeOf, isVisible, registrationStatus, signIn, textOf } from './support/app'

const world = useWorld()

// Counts the page's WebSockets (url, when made, what each sent first) from before its own code.
const COUNT_SOCKETS = `
  window.__sockets = []
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols)
      const record = { url: String(url), at: performance.now(), sent: [] }
      window.__sockets.push(record)
      const send = this.send.bind(this)
      this.send = (data) => { record.sent.push(String(data).split('\\r\\n')[0]); return send(data) }
    }
  }
`
interface SocketRecord {
  url: string
  at: number
  sent: string[]
}
const sockets = (page: UserPage): Promise<SocketRecord[]> =>
  page.page.evaluate(() => (window as unknown as { __sockets: SocketRecord[] }).__sockets)

function user(name: string): DemoUser {
  const found = world.server.users.find((u) => u.username === name)
  if (!found) throw new Error(`no demo user ${name}`)
  return found
}

async function open(): Promise<UserPage> {
  const opened = await openUserPage(world.browser, world.web.url)
  world.pages.push(opened)
  return opened
}

async function signInAs(page: UserPage, name: string, over: 'ws' | 'wss' = 'ws'): Promise<void> {
  const u = user(name)
  await signIn(page.page, {
    aor: u.aor,
    server: over === 'ws' ? world.server.wsUrl : world.server.wssUrl,
    password: u.password,
    displayName: u.displayName,
  })
}

/** Waits until the server's own location table agrees (never the app's word for it). */
async function contactsOf(
  name: string,
  expectPresent: boolean,
  timeoutMs = 10_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const contacts = await world.server.contacts(name)
    if (contacts.length > 0 === expectPresent || Date.now() > deadline) return contacts
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('sign-in against the real Kamailio', () => {
  it('alice signs in and reads "Registered"; the server holds her contact', async () => {
    const alice = await open()
    await signInAs(alice, 'alice')
    await expect
      .poll(() => textOf(registrationStatus(alice.page)), { timeout: 10_000 })
      .toBe('Registered')
    expect(await contactsOf('alice', true)).not.toEqual([])
    await expect
      .poll(() => isVisible(alice.page.getByRole('button', { name: 'Sign out' })), {
        timeout: 5_000,
      })
      .toBe(true)
    expect(await textOf(alice.page.getByRole('navigation'))).toContain('Calls')
  })

  it('a wrong password reads "Registration failed" with the reason, and registers nothing', async () => {
    const carol = await open()
    await signIn(carol.page, {
      aor: user('carol').aor,
      server: world.server.wsUrl,
      password: 'not-her-password',
    })
    await expect
      .poll(() => textOf(registrationStatus(carol.page)), { timeout: 10_000 })
      .toMatch(/^Registration failed: wrong username or password/)
    // The form stays, with what was typed, so the user can correct the password.
    expect(await carol.page.getByLabel('SIP address').inputValue()).toBe(user('carol').aor)
    expect(await world.server.contacts('carol')).toEqual([])
  })

  // The server answers an unknown user as it answers a wrong password (no user enumeration).
  it('an unknown user reads "Registration failed: wrong username or password"', async () => {
    const page = await open()
    await signIn(page.page, {
      aor: `sip:mallory@${world.server.domain}`,
      server: world.server.wsUrl,
      password: 'x',
    })
    await expect
      .poll(() => textOf(registrationStatus(page.page)), { timeout: 10_000 })
      .toMatch(/^Registration failed: wrong username or password/)
  })

  it('a server nobody listens on reads "Registration failed: server unreachable"', async () => {
    const page = await open()
    await signIn(page.page, {
      aor: user('alice').aor,
      server: `ws://127.0.0.1:${await freePort()}`,
      password: 'x',
    })
    await expect
      .poll(() => textOf(registrationStatus(page.page)), { timeout: 10_000 })
      .toMatch(/^Registration failed: server unreachable/)
  })

  it('an invalid SIP address or server URL shows an inline error and opens no connection', async () => {
    const page = await open()
    const sockets: string[] = []
    page.page.on('websocket', (ws) => sockets.push(ws.url()))
    await signIn(page.page, { aor: 'not an address', server: 'http://example.com', password: 'x' })
    await expect
      .poll(() => isVisible(page.page.getByText('Enter a SIP address', { exact: false })), {
        timeout: 5_000,
      })
      .toBe(true)
    expect(await attributeOf(page.page.getByLabel('SIP address'), 'aria-invalid')).toBe('true')
    expect(await attributeOf(page.page.getByLabel('WebSocket server'), 'aria-invalid')).toBe('true')
    await signIn(page.page, {
      aor: user('alice').aor,
      server: 'ws://sip.example.com',
      password: 'x',
    })
    await expect
      .poll(() => isVisible(page.page.getByText('wss://', { exact: false })), { timeout: 5_000 })
      .toBe(true)
    await page.page.waitForTimeout(500)
    expect(sockets).toEqual([])
    await expect
      .poll(() => isVisible(page.page.getByRole('button', { name: 'Sign in' })), { timeout: 5_000 })
      .toBe(true)
  })

  it('two users at once are both registered', async () => {
    const [alice, bob] = await Promise.all([open(), open()])
    await Promise.all([signInAs(alice, 'alice'), signInAs(bob, 'bob')])
    await expect
      .poll(() => textOf(registrationStatus(alice.page)), { timeout: 10_000 })
      .toBe('Registered')
    await expect
      .poll(() => textOf(registrationStatus(bob.page)), { timeout: 10_000 })
      .toBe('Registered')
    expect(await contactsOf('alice', true)).not.toEqual([])
    expect(await contactsOf('bob', true)).not.toEqual([])
  })

  it('signs in over secure WebSocket (wss://)', async () => {
    const carol = await open()
    const wss: string[] = []
    carol.page.on('websocket', (ws) => wss.push(ws.url()))
    await signInAs(carol, 'carol', 'wss')
    await expect
      .poll(() => textOf(registrationStatus(carol.page)), { timeout: 10_000 })
      .toBe('Registered')
    expect(wss.some((u) => u.startsWith('wss://'))).toBe(true)
    expect(await contactsOf('carol', true)).not.toEqual([])
  })

  it('stays signed in across a reload (the password lives in the tab session)', async () => {
    const dave = await open()
    await signInAs(dave, 'dave')
    await expect
      .poll(() => textOf(registrationStatus(dave.page)), { timeout: 10_000 })
      .toBe('Registered')
    await dave.page.addInitScript(COUNT_SOCKETS)
    await dave.page.reload()
    await expect
      .poll(() => textOf(registrationStatus(dave.page)), { timeout: 10_000 })
      .toBe('Registered')
    // One socket, opened before the engine's code ran (while it still loaded), and the
    // registration went over it: the early socket was used, not left beside a second one.
    const opened = await sockets(dave)
    const engineAt = await dave.page.evaluate(
      () => performance.getEntriesByName('switchboard:main')[0]?.startTime ?? -1,
    )
    expect(opened.map((s) => s.url)).toEqual([world.server.wsUrl])
    expect(opened[0]!.at).toBeLessThan(engineAt)
    expect(opened[0]!.sent.filter((line) => line.startsWith('REGISTER'))).toHaveLength(2)
    // Nothing secret went to localStorage.
    const local = await dave.page.evaluate(() => JSON.stringify({ ...localStorage }))
    expect(local).not.toContain(user('dave').password)
  })

  it('sign-out un-registers: the server no longer has the contact', async () => {
    const bob = await open()
    await signInAs(bob, 'bob')
    await expect
      .poll(() => textOf(registrationStatus(bob.page)), { timeout: 10_000 })
      .toBe('Registered')
    expect(await contactsOf('bob', true)).not.toEqual([])
    await bob.page.getByRole('button', { name: 'Sign out' }).click()
    await expect
      .poll(() => isVisible(bob.page.getByRole('button', { name: 'Sign in' })), { timeout: 5_000 })
      .toBe(true)
    expect(await contactsOf('bob', false)).toEqual([])
    // Signed out means signed out after a reload too, with no socket opened.
    await bob.page.addInitScript(COUNT_SOCKETS)
    await bob.page.reload()
    await expect
      .poll(() => isVisible(bob.page.getByRole('button', { name: 'Sign in' })), { timeout: 5_000 })
      .toBe(true)
    expect(await sockets(bob)).toEqual([])
  })

  it('corrupt stored settings are set aside with a message, and signing in still works', async () => {
    const carol = await open()
    // Corrupted before any app script runs (once): a page already running could read or rewrite
    // the settings between our write and the reload.
    await carol.context.addInitScript(() => {
      if (sessionStorage.getItem('test.corrupted')) return
      sessionStorage.setItem('test.corrupted', '1')
      localStorage.setItem('switchboard.settings', '{"account": 42, "theme": "neon"')
    })
    await carol.page.reload()
    await expect
      .poll(
        () => isVisible(carol.page.getByText('Some settings could not be read', { exact: false })),
        {
          timeout: 5_000,
        },
      )
      .toBe(true)
    const backups = await carol.page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('switchboard.settings.corrupt-')),
    )
    expect(backups).toHaveLength(1)
    await signInAs(carol, 'carol')
    await expect
      .poll(() => textOf(registrationStatus(carol.page)), { timeout: 10_000 })
      .toBe('Registered')
  })
})

describe('appearance', () => {
  it('follows the OS in dark mode; a theme picked in Settings wins and survives a reload', async () => {
    const context = await world.browser.newContext({ colorScheme: 'dark' })
    const page = await context.newPage()
    world.pages.push({ context, page, errors: [] })
    await page.goto(world.web.url)
    const background = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
    await page.getByLabel('SIP address').waitFor()
    expect(await background()).toBe('rgb(22, 24, 28)')
    const dave = user('dave')
    await signIn(page, { aor: dave.aor, server: world.server.wsUrl, password: dave.password })
    await expect
      .poll(() => textOf(registrationStatus(page)), { timeout: 10_000 })
      .toBe('Registered')
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByLabel('Theme').selectOption('light')
    expect(await background()).toBe('rgb(246, 247, 249)')
    // The write goes through the settings schema's worker first (a few ms, more under load): a
    // reload before it lands would test the race, not the saved theme.
    await expect
      .poll(() =>
        page.evaluate(() => JSON.parse(localStorage.getItem('switchboard.settings') ?? '{}').theme),
      )
      .toBe('light')
    await page.reload()
    await expect
      .poll(() => textOf(registrationStatus(page)), { timeout: 10_000 })
      .toBe('Registered')
    expect(await background()).toBe('rgb(246, 247, 249)')
  })
})

describe('when the server goes away', () => {
  it('leaves "Registered" within seconds and comes back by itself when Kamailio returns', async () => {
    const alice = await open()
    await signInAs(alice, 'alice')
    await expect
      .poll(() => textOf(registrationStatus(alice.page)), { timeout: 10_000 })
      .toBe('Registered')

    await world.server.stop()
    await expect
      .poll(() => textOf(registrationStatus(alice.page)), { timeout: 5_000 })
      .not.toBe('Registered')

    await world.server.start()
    // No click: the engine reconnects with backoff and registers again.
    await expect
      .poll(() => textOf(registrationStatus(alice.page)), { timeout: 40_000 })
      .toBe('Registered')
    expect(await contactsOf('alice', true)).not.toEqual([])
  })
})
