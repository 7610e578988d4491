import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { freePort } from './support/ports'
import { launchBrowser, openUserPage } from './support/browser'
import { registrationStatus, signIn, textOf } from './support/app'

const root = resolve(import.meta.dirname, '../..')

let demo: ChildProcess
let output = ''
let browser: Browser

/** Resolves with the first match of `pattern` in what the demo printed. */
function waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`demo never printed ${pattern}:\n${output}`)),
      timeoutMs,
    )
    const check = (): void => {
      const match = output.match(pattern)
      if (match) {
        clearTimeout(timer)
        ok(match)
      } else setTimeout(check, 100)
    }
    check()
  })
}

beforeAll(async () => {
  const [udp, ws, wss, web] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ]
  // The build already ran (npm test builds first; rebuilding would pull files from under the
  // other e2e files), and there is no display here, so the demo serves the renderer.
  // Node itself (not npx) so the signal reaches the demo, as Ctrl-C in a terminal does.
  demo = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/demo.ts',
      '--skip-build',
      '--browser',
      '--web-port',
      String(web),
      '--udp',
      String(udp),
      '--ws',
      String(ws),
      '--wss',
      String(wss),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  demo.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  demo.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  if (demo && demo.exitCode === null) {
    const exited = new Promise((ok) => demo.once('exit', ok))
    demo.kill('SIGINT')
    await exited
  }
})

describe('npm run demo', () => {
  it('serves the app with alice and bob ready: both sign in and read "Registered"', async () => {
    const [, url] = await waitForOutput(/(http:\/\/127\.0\.0\.1:\d+\/)/)
    const [, wsUrl] = await waitForOutput(/WebSocket server (ws:\/\/127\.0\.0\.1:\d+)/)
    const alicePassword = (await waitForOutput(/sip:alice@127\.0\.0\.1\s+password (\S+)/))[1]!
    const bobPassword = (await waitForOutput(/sip:bob@127\.0\.0\.1\s+password (\S+)/))[1]!
    const [alice, bob] = await Promise.all([
      openUserPage(browser, url!),
      openUserPage(browser, url!),
    ])
    await signIn(alice.page, {
      aor: 'sip:alice@127.0.0.1',
      server: wsUrl!,
      password: alicePassword,
    })
    await signIn(bob.page, { aor: 'sip:bob@127.0.0.1', server: wsUrl!, password: bobPassword })
    await expect
      .poll(() => textOf(registrationStatus(alice.page)), { timeout: 10_000 })
      .toBe('Registered')
    await expect
      .poll(() => textOf(registrationStatus(bob.page)), { timeout: 10_000 })
      .toBe('Registered')
    expect([...alice.errors, ...bob.errors]).toEqual([])
  })

  it('Ctrl-C stops the demo and its Kamailio', async () => {
    const exited = new Promise<number | null>((ok) => demo.once('exit', (code) => ok(code)))
    demo.kill('SIGINT')
    expect(await exited).toBe(0)
    const port = Number(output.match(/WebSocket\s+ws:\/\/127\.0\.0\.1:(\d+)/)?.[1])
    // The port is free again: nothing was left running.
    const probe = createServer()
    await new Promise<void>((ok, fail) => {
      probe.once('error', fail)
      probe.listen(port, '127.0.0.1', ok)
    })
    await new Promise<void>((ok) => probe.close(() => ok()))
  })
})
