import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { recordPeerConnections } from './peer-connections'

export const CHROMIUM_PATH = '/usr/bin/chromium'

// Flags verified in TESTBED.md: fake media, loopback ICE (without it no media path exists
// here), and no background networking (the closed network refuses it, noisily). No
// --use-fake-ui-for-media-stream: it grants getUserMedia even where the permission is denied;
// each context grants microphone/camera itself, so a test can also deny them.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--ignore-certificate-errors',
]

export interface BrowserOptions {
  /**
   * Offer loopback ICE candidates (default). Without them Chromium offers only the machine's
   * other interfaces, which is all a phone outside the browser (baresip) can reach anyway.
   */
  loopbackIce?: boolean
  /**
   * More Chromium flags, e.g. `--use-file-for-fake-audio-capture=<wav>`: a browser-wide choice,
   * so a test that needs each user to sound different launches one browser per user.
   */
  extraArgs?: readonly string[]
}

/** One headless Chromium with a fresh profile; each user gets its own context. */
export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const loopback = options.loopbackIce ?? true
  const args = [
    ...ARGS.filter((a) => loopback || a !== '--allow-loopback-in-peer-connection'),
    ...(options.extraArgs ?? []),
  ]
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args })
}

export interface UserPage {
  context: BrowserContext
  page: Page
  /** Console errors and uncaught exceptions seen on the page. */
  errors: string[]
}

export interface OpenOptions {
  /** Browser permissions the context grants; none means getUserMedia is refused, as after "Block". */
  permissions?: string[]
  /** Record every RTCPeerConnection and captured track (support/peer-connections.ts). */
  recordMedia?: boolean
}

export async function openUserPage(
  browser: Browser,
  url: string,
  options: OpenOptions = {},
): Promise<UserPage> {
  const context = await browser.newContext({
    permissions: options.permissions ?? ['microphone', 'camera', 'notifications'],
  })
  if (options.recordMedia) await recordPeerConnections(context)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    // Chromium logs every WebSocket that fails to open; with the server down that is expected.
    if (m.type() === 'error' && !m.text().startsWith('WebSocket connection to')) {
      errors.push(`console: ${m.text()}`)
    }
  })
  await page.goto(url)
  return { context, page, errors }
}
