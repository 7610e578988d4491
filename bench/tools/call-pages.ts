// What the call benchmark and its diagnostics share: a registered Switchboard or bare SIP.js call
// page in a context of its own, and in-page watching of the SIP that crosses the WebSocket.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { DemoUser, SipServer } from '../../scripts/sip-server/server'
import { signIn } from '../../test/e2e/support/app'

/** In-page conditions on `text`, one SIP message as it crosses the WebSocket. */
export const SIP_TEXT = {
  /** An initial INVITE (no To tag) coming in. */
  initialInvite: `text.startsWith('INVITE ') && !/^To:.*;tag=/im.test(text)`,
  /** A 200 to an INVITE. */
  inviteOk: `text.startsWith('SIP/2.0 200') && /^CSeq: *\\d+ INVITE/im.test(text)`,
  ack: `text.startsWith('ACK ')`,
} as const

/**
 * An init script wrapping the page's WebSocket: `received` runs for each message in and `sent`
 * for each one out, with the message as `text`. `before` runs first, outside the wrapper's own
 * block (state both share).
 */
export function watchWebSocket(code: { received?: string; sent?: string }, before = ''): string {
  return `
  ${before}
  {
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', (event) => {
        const text = String(event.data)
        ${code.received ?? ''}
      })
    }
    send(data) {
      const text = String(data)
      ${code.sent ?? ''}
      return super.send(data)
    }
  }
  }
`
}

export interface CallPageOptions {
  permissions?: string[]
  initScripts?: string[]
  /** More set-up of the context before the page opens (a recorder of peer connections). */
  prepare?: (context: BrowserContext) => Promise<void>
}

async function openPage(browser: Browser, options: CallPageOptions): Promise<Page> {
  const context = await browser.newContext({ permissions: options.permissions ?? ['microphone'] })
  await options.prepare?.(context)
  for (const script of options.initScripts ?? []) await context.addInitScript(script)
  return context.newPage()
}

/** Switchboard from `base`, signed in as `user`, once its status reads "Registered". */
export async function registeredSwitchboard(
  browser: Browser,
  base: string,
  server: SipServer,
  user: DemoUser,
  options: CallPageOptions = {},
): Promise<Page> {
  const page = await openPage(browser, options)
  await page.goto(base)
  await signIn(page, {
    aor: user.aor,
    server: server.wsUrl,
    password: user.password,
    displayName: user.displayName,
  })
  await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor({ timeout: 15_000 })
  return page
}

/** The bare SIP.js call page (`bench/pages/bare-call.js`, served under `bench/`), registered. */
export async function registeredBareCallPage(
  browser: Browser,
  base: string,
  server: SipServer,
  user: DemoUser,
  options: CallPageOptions = {},
): Promise<Page> {
  const page = await openPage(browser, options)
  const query = new URLSearchParams({
    aor: user.aor,
    server: server.wsUrl,
    user: user.username,
    password: user.password,
  })
  await page.goto(`${base}bench/bare-call.html?${query}`)
  await page.getByText('Registered').waitFor({ timeout: 15_000 })
  return page
}

const callState = (page: Page) => page.getByRole('status', { name: 'Call state' })

/**
 * One Switchboard-to-Switchboard call up: the caller's page marks (`__reset`, from OBSERVE_CALL)
 * are cleared, `target` is dialled, and this resolves once the callee reads "Connected".
 */
export async function dialUntilConnected(
  caller: Page,
  callee: Page,
  target: string,
): Promise<void> {
  await caller.evaluate(() => (window as unknown as { __reset: () => void }).__reset())
  await caller.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
  await caller.getByRole('button', { name: 'Call', exact: true }).click()
  await callState(callee).filter({ hasText: 'Connected' }).waitFor()
}

/** The caller hangs up; resolves once the callee's call reads ended. */
export async function hangUpUntilEnded(caller: Page, callee: Page): Promise<void> {
  await caller.getByRole('button', { name: 'Hang up' }).click()
  await callState(callee)
    .filter({ hasText: /^Ended/ })
    .waitFor()
}
