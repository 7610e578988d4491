import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { launchBrowser, openUserPage, type UserPage } from './support/browser'
import { serveStatic, type StaticServer } from '../../scripts/serve-static'
import { registrationStatus, signIn, textOf } from './support/app'

// Not a SIP server: a WebSocket peer that misbehaves, to prove the client survives it.
type Behaviour = 'close-at-once' | 'garbage' | 'silent'

async function misbehavingServer(
  behaviour: Behaviour,
): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' })
  wss.on('connection', (socket) => {
    if (behaviour === 'close-at-once') socket.close(1011, 'go away')
    socket.on('message', () => {
      if (behaviour === 'garbage') {
        socket.send('SIP/2.0 banana\r\n\r\n\u0000\u0001<html>not sip</html>')
        socket.send(Buffer.from([0xff, 0xfe, 0x00, 0x41]))
        socket.send('SIP/2.0 200 OK\r\nVia: nonsense\r\nContent-Length: 99999\r\n\r\n')
      }
    })
  })
  await new Promise<void>((ok) => wss.once('listening', () => ok()))
  const { port } = wss.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => wss.close(() => ok())),
  }
}

let web: StaticServer
let browser: Browser
const pages: UserPage[] = []

beforeAll(async () => {
  ;[web, browser] = await Promise.all([serveStatic(), launchBrowser()])
})
afterEach(async () => {
  for (const p of pages.splice(0)) {
    expect(
      p.errors.filter((e) => e.startsWith('pageerror')),
      'no uncaught exceptions',
    ).toEqual([])
    await p.context.close()
  }
})
afterAll(async () => {
  await browser?.close()
  await web?.close()
})

describe('a server that misbehaves', () => {
  it.each<[Behaviour, RegExp]>([
    [
      'close-at-once',
      /^Registration failed: (server unreachable|the server did not answer in time)/,
    ],
    ['garbage', /^Registration failed: the server did not answer in time/],
    ['silent', /^Registration failed: the server did not answer in time/],
  ])('%s: the user reads why, and the app keeps working', async (behaviour, expected) => {
    const hostile = await misbehavingServer(behaviour)
    try {
      const page = await openUserPage(browser, web.url)
      pages.push(page)
      await signIn(page.page, { aor: 'sip:alice@127.0.0.1', server: hostile.url, password: 'x' })
      await expect
        .poll(() => textOf(registrationStatus(page.page)), { timeout: 20_000 })
        .toMatch(expected)
      // Still usable: the form is there to correct and try again.
      const signInButton = page.page.getByRole('button', { name: 'Sign in' })
      await expect
        .poll(() => signInButton.isEnabled().catch(() => false), { timeout: 5_000 })
        .toBe(true)
    } finally {
      await hostile.close()
    }
  })
})
