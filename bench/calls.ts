// Call setup: click "Call" → "Connected" on both sides, and → first audio packet received on
// both sides, for Switchboard and a bare SIP.js page pair, same Kamailio, same run. Then a leak
// check: 50 calls in a row must leave no open RTCPeerConnection or live track, and the JS heap
// after a forced GC within 10 % of its size after the first call (exit code 1 otherwise).
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { startSipServer, type SipServer } from '../scripts/sip-server/server'
import { RENDERER_DIR, serveStatic } from '../scripts/serve-static'
import { launchBrowser } from '../test/e2e/support/browser'
import { openMedia, recordPeerConnections } from '../test/e2e/support/peer-connections'
import { median, percentile, printTable } from './table'
import { OBSERVE_CALL } from './tools/observe-call'
import { registeredBareCallPage, registeredSwitchboard, SIP_TEXT, watchWebSocket } from './tools/call-pages'

const RUNS = Number(process.env.BENCH_RUNS ?? 20)
const LEAK_CALLS = Number(process.env.BENCH_LEAK_CALLS ?? 50)

interface Sample {
  connectedCaller: number
  connectedCallee: number
  packetCaller: number
  packetCallee: number
  /** On the callee's own WebSocket: the INVITE in → its 200 out. */
  calleeInviteTo200: number
}

// Both pairs, on the page's clock: when the initial INVITE comes in on the WebSocket and when
// the 200 to it goes out (the callee's own time to answer, network and caller left out).
const OBSERVE_WEBSOCKET = watchWebSocket(
  {
    received: `if (${SIP_TEXT.initialInvite} && window.__inviteInAt === undefined) window.__inviteInAt = performance.now()`,
    sent: `if (${SIP_TEXT.inviteOk} && window.__okOutAt === undefined) window.__okOutAt = performance.now()`,
  },
  `window.__resetWs = () => { window.__inviteInAt = undefined; window.__okOutAt = undefined }`,
)

type Marks = { t0?: number; connectedAt?: number; firstPacketAt?: number }

async function marks(page: Page): Promise<Marks> {
  return page.evaluate(() => {
    const w = window as unknown as { __t0?: number; __connectedAt?: number; __firstPacketAt?: number }
    return { t0: w.__t0, connectedAt: w.__connectedAt, firstPacketAt: w.__firstPacketAt }
  })
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${JSON.stringify(value)}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function measure(caller: Page, callee: Page, dial: () => Promise<void>): Promise<Sample> {
  await Promise.all(
    [caller, callee].map((p) =>
      p.evaluate(() => {
        const w = window as unknown as { __reset?: () => void; __resetWs?: () => void }
        w.__reset?.()
        w.__resetWs?.()
      }),
    ),
  )
  await dial()
  const [a, b] = await Promise.all(
    [caller, callee].map((p) =>
      until(() => marks(p), (m) => m.connectedAt !== undefined && m.firstPacketAt !== undefined),
    ),
  )
  const t0 = (await marks(caller)).t0!
  const answer = await callee.evaluate(() => {
    const w = window as unknown as { __inviteInAt?: number; __okOutAt?: number }
    return (w.__okOutAt ?? Number.NaN) - (w.__inviteInAt ?? Number.NaN)
  })
  return {
    calleeInviteTo200: answer,
    connectedCaller: a!.connectedAt! - t0,
    connectedCallee: b!.connectedAt! - t0,
    packetCaller: a!.firstPacketAt! - t0,
    packetCallee: b!.firstPacketAt! - t0,
  }
}

async function switchboardPair(browser: Browser, base: string, server: SipServer) {
  const pages: Page[] = []
  for (const u of [server.users[0]!, server.users[1]!]) {
    pages.push(
      await registeredSwitchboard(browser, base, server, u, {
        permissions: ['microphone', 'camera'],
        prepare: recordPeerConnections,
        initScripts: [OBSERVE_CALL, OBSERVE_WEBSOCKET],
      }),
    )
  }
  const [caller, callee] = pages as [Page, Page]
  if (process.env.BENCH_HEAP_TRACE) caller.on('console', (m) => console.log(`console.${m.type()}: ${m.text().slice(0, 160)}`))
  const target = server.users[1]!.username
  const call = async (): Promise<Sample> =>
    measure(caller, callee, async () => {
      await caller.getByRole('textbox', { name: 'Number or SIP address' }).fill(target)
      await caller.evaluate(() => {
        ;(window as unknown as { __t0: number }).__t0 = Date.now()
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Call')
        button?.click()
      })
    })
  const hangUp = async (): Promise<void> => {
    await caller.getByRole('button', { name: 'Hang up' }).click()
    await caller.getByRole('status', { name: 'Call state' }).filter({ hasText: /^Ended/ }).waitFor()
    await callee.getByRole('status', { name: 'Call state' }).filter({ hasText: /^Ended/ }).waitFor()
  }
  return { caller, callee, call, hangUp }
}

async function barePair(browser: Browser, base: string, server: SipServer) {
  const pages: Page[] = []
  for (const u of [server.users[2]!, server.users[3]!]) {
    pages.push(await registeredBareCallPage(browser, base, server, u, { initScripts: [OBSERVE_WEBSOCKET] }))
  }
  const [caller, callee] = pages as [Page, Page]
  const target = server.users[3]!.aor
  const call = (): Promise<Sample> =>
    measure(caller, callee, () =>
      caller.evaluate((t) => (window as unknown as { __dial: (t: string) => void }).__dial(t), target),
    )
  const hangUp = async (): Promise<void> => {
    await caller.evaluate(() => (window as unknown as { __hangup: () => void }).__hangup())
    await callee.getByText('Ended').waitFor()
  }
  return { caller, callee, call, hangUp }
}

async function countInstances(page: Page, ctor: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const proto = await cdp.send('Runtime.evaluate', { expression: `${ctor}.prototype` })
  const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId! })
  const length = await cdp.send('Runtime.callFunctionOn', {
    objectId: found.objects.objectId!,
    functionDeclaration: 'function () { return this.length }',
    returnByValue: true,
  })
  await cdp.detach()
  return length.result.value as number
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize
}

export async function benchCalls(): Promise<void> {
  const server = await startSipServer()
  const web = await serveStatic({
    '/': RENDERER_DIR,
    '/bench/': resolve(import.meta.dirname, 'pages'),
    '/sipjs/': resolve(import.meta.dirname, '../node_modules/sip.js/lib'),
  })
  const browser = await launchBrowser()
  try {
    const ours = await switchboardPair(browser, web.url, server)
    const bare = await barePair(browser, web.url, server)
    const samples = { ours: [] as Sample[], bare: [] as Sample[] }
    // Alternate so neither always runs on a warmer machine.
    for (let i = 0; i < RUNS; i++) {
      for (const [name, pair] of [['bare', bare], ['ours', ours]] as const) {
        samples[name].push(await pair.call())
        await pair.hangUp()
        await new Promise((r) => setTimeout(r, 200))
      }
    }
    const rows: string[][] = []
    const metrics: [keyof Sample, string][] = [
      ['connectedCaller', 'Call → "Connected", caller'],
      ['connectedCallee', 'Call → "Connected", callee'],
      ['packetCaller', 'Call → first audio packet, caller'],
      ['packetCallee', 'Call → first audio packet, callee'],
      ['calleeInviteTo200', 'callee: INVITE in → 200 out (its own WebSocket)'],
    ]
    for (const [key, label] of metrics) {
      const b = samples.bare.map((s) => s[key])
      const o = samples.ours.map((s) => s[key])
      rows.push([label, median(b).toFixed(0), percentile(b, 0.95).toFixed(0), median(o).toFixed(0), percentile(o, 0.95).toFixed(0), (median(o) / median(b)).toFixed(2)])
    }
    printTable(
      `Call setup (ms from the click; ${RUNS} calls each), Kamailio over ws:// on 127.0.0.1`,
      ['measure', 'bare SIP.js median', 'bare p95', 'Switchboard median', 'Switchboard p95', 'ratio (median)'],
      rows,
    )

    // Leak check on the Switchboard pair.
    let firstHeap = 0
    for (let i = 0; i < LEAK_CALLS; i++) {
      await ours.call()
      await ours.hangUp()
      if (i === 0) firstHeap = await heapAfterGc(ours.caller)
      if (process.env.BENCH_HEAP_TRACE && i % 10 === 9) {
        console.log(`heap after call ${i + 1}: ${((await heapAfterGc(ours.caller)) / 1e6).toFixed(2)} MB`)
        for (const ctor of ['RTCPeerConnection', 'MediaStream', 'MediaStreamTrack']) {
          console.log(`  ${ctor}: ${await countInstances(ours.caller, ctor)}`)
        }
      }
    }
    // SIP.js keeps each finished INVITE transaction (and the session it reaches) for 64×T1 =
    // 32 s to absorb retransmitted 2xx: wait that out, it is not ours to free sooner.
    if (process.env.BENCH_HEAP_TRACE) console.log(`heap right after the last call: ${((await heapAfterGc(ours.caller)) / 1e6).toFixed(2)} MB`)
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_MS ?? 35_000)))
    const lastHeap = await heapAfterGc(ours.caller)
    const media = await Promise.all([openMedia(ours.caller), openMedia(ours.callee)])
    const growth = (lastHeap - firstHeap) / firstHeap
    const ok = media.every((m) => m.connections === 0 && m.tracks === 0) && growth <= 0.1
    printTable(
      `Leaks after ${LEAK_CALLS} calls in a row (Switchboard; counted by the test's own registry)`,
      ['measure', 'value', 'limit'],
      [
        ['open RTCPeerConnections (caller, callee)', `${media[0]!.connections}, ${media[1]!.connections}`, '0, 0'],
        ['live media tracks (caller, callee)', `${media[0]!.tracks}, ${media[1]!.tracks}`, '0, 0'],
        ['JS heap after GC: after call 1 → after the last (caller)', `${(firstHeap / 1e6).toFixed(2)} MB → ${(lastHeap / 1e6).toFixed(2)} MB (${(growth * 100).toFixed(1)} %)`, '≤ 10 %'],
      ],
    )
    if (!ok) {
      console.error('Leak check FAILED')
      process.exitCode = 1
    }
  } finally {
    await browser.close()
    await web.close()
    await server.dispose()
  }
}

// `npx tsx bench/calls.ts` runs this one alone.
if (import.meta.url === `file://${process.argv[1]}`) await benchCalls()
