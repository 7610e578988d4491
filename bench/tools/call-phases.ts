// Diagnostic, not a benchmark: the callee's steps from the INVITE arriving on its WebSocket to its
// 200 going out, for Switchboard and for the bare SIP.js page, on the page's clock: getUserMedia,
// device listing, the offer/answer calls, ICE gathering and candidates, the dialog and the
// answer click. Where bench/tools/call-profile.ts says what the main thread ran, this says what
// the call waited for. `npx tsx bench/tools/call-phases.ts [calls]`.
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { startSipServer } from '../../scripts/sip-server/server'
import { RENDERER_DIR, serveStatic } from '../../scripts/serve-static'
import { launchBrowser } from '../../test/e2e/support/browser'
import { OBSERVE_CALL } from './observe-call'
import {
  dialUntilConnected,
  hangUpUntilEnded,
  registeredBareCallPage,
  registeredSwitchboard,
  SIP_TEXT,
  watchWebSocket,
} from './call-pages'

const CALLS = Number(process.argv[2] ?? 4)
// Pause between one call's end and the next (GAP_MS; bench/calls.ts makes a bare call between).
const GAP_MS = Number(process.env.GAP_MS ?? 500)
// As bench/calls.ts grants; MIC_ONLY=1 for the microphone alone.
const PERMISSIONS = process.env.MIC_ONLY ? ['microphone'] : ['microphone', 'camera']

type Marks = [string, number][]

const MARKS = `
  window.__marks = []
  const mark = (name) => window.__marks.push([name, performance.now()])
  ${watchWebSocket({
    received: `if (${SIP_TEXT.initialInvite}) { window.__marks = []; mark('INVITE in') }`,
    sent: `if (/^SIP\\/2\\.0 (180|200)/.test(text) && /^CSeq: *\\d+ INVITE/im.test(text)) mark(text.slice(8, 11) + ' out')`,
  })}
  const timed = (owner, name) => {
    const original = owner[name]
    owner[name] = async function (...args) {
      mark(name + ' …')
      try { return await original.apply(this, args) } finally { mark(name + ' done') }
    }
  }
  timed(MediaDevices.prototype, 'getUserMedia')
  timed(MediaDevices.prototype, 'enumerateDevices')
  for (const name of ['setRemoteDescription', 'createAnswer', 'setLocalDescription']) timed(RTCPeerConnection.prototype, name)
  const Pc = RTCPeerConnection
  window.RTCPeerConnection = class extends Pc {
    constructor(...args) {
      super(...args)
      mark('new RTCPeerConnection')
      this.addEventListener('icegatheringstatechange', () => mark('ICE gathering ' + this.iceGatheringState))
      this.addEventListener('icecandidate', (e) => e.candidate && mark('candidate ' + e.candidate.type + '/' + e.candidate.protocol))
    }
  }
  document.addEventListener('click', (e) => mark('click ' + (e.target.textContent || '').trim().slice(0, 20)), true)
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType === 1 && (n.matches('[role=alertdialog]') || n.querySelector('[role=alertdialog]'))) mark('dialog in the page')
    }
  }).observe(document, { subtree: true, childList: true })
`

function print(title: string, marks: Marks): void {
  const t0 = marks[0]?.[1] ?? 0
  console.log(`--- ${title}`)
  for (const [name, at] of marks) console.log(`${(at - t0).toFixed(1).padStart(7)} ms  ${name}`)
}

async function readMarks(page: Page): Promise<Marks> {
  return page.evaluate(() => (window as unknown as { __marks: Marks }).__marks)
}

const server = await startSipServer()
// BENCH_RENDERER_DIR: another build's out/renderer (say, a baseline's) in place of this one.
const web = await serveStatic({
  '/': process.env.BENCH_RENDERER_DIR ?? RENDERER_DIR,
  '/bench/': resolve(import.meta.dirname, '../pages'),
  '/sipjs/': resolve(import.meta.dirname, '../../node_modules/sip.js/lib'),
})
const browser = await launchBrowser()
try {
  const ours: Page[] = []
  for (const u of [server.users[0]!, server.users[1]!]) {
    ours.push(
      await registeredSwitchboard(browser, web.url, server, u, {
        permissions: PERMISSIONS,
        initScripts: [OBSERVE_CALL, MARKS],
      }),
    )
  }
  const [caller, callee] = ours as [Page, Page]
  // The first call of each pair also loads code: left out.
  for (let call = 0; call <= CALLS; call++) {
    await dialUntilConnected(caller, callee, server.users[1]!.username)
    if (call > 0) print(`Switchboard, call ${call}`, await readMarks(callee))
    await hangUpUntilEnded(caller, callee)
    await new Promise((r) => setTimeout(r, GAP_MS))
  }

  const bare: Page[] = []
  for (const u of [server.users[2]!, server.users[3]!]) {
    bare.push(
      await registeredBareCallPage(browser, web.url, server, u, {
        permissions: PERMISSIONS,
        initScripts: [MARKS],
      }),
    )
  }
  const [bareCaller, bareCallee] = bare as [Page, Page]
  for (let call = 0; call <= CALLS; call++) {
    await bareCaller.evaluate(
      (target) => (window as unknown as { __dial: (t: string) => void }).__dial(target),
      server.users[3]!.aor,
    )
    await bareCallee.getByText('Connected').waitFor()
    if (call > 0) print(`bare SIP.js page, call ${call}`, await readMarks(bareCallee))
    await bareCaller.evaluate(() => (window as unknown as { __hangup: () => void }).__hangup())
    await bareCallee.getByText('Ended').waitFor()
    await new Promise((r) => setTimeout(r, GAP_MS))
  }
} finally {
  await browser.close()
  await web.close()
  await server.dispose()
}
