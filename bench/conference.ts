// The local conference's cost: CPU of the host's renderer (Web Audio mixing, one Opus encoder
// per leg) in a 3-way and a 5-way conference, against the same calls before the merge (one
// talking, the others held); and the mixer's added latency, measured with a tone through the
// mixer module itself (transpiled into a page) against the same tone read directly.
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import ts from 'typescript'
import type { Browser, Page } from 'playwright-core'
import { DEMO_USERS, startSipServer, type DemoUser } from '../scripts/sip-server/server'
import { serveStatic } from '../scripts/serve-static'
import { launchBrowser } from '../test/e2e/support/browser'
import { signIn } from '../test/e2e/support/app'
import { median, percentile, printTable } from './table'

const SECONDS = Number(process.env.BENCH_CONFERENCE_SECONDS ?? 60)
const LATENCY_RUNS = Number(process.env.BENCH_CONFERENCE_TONES ?? 20)
const ROOT = resolve(import.meta.dirname, '..')

const erin: DemoUser = {
  username: 'erin',
  password: 'erin-secret',
  displayName: 'Erin Brockovich',
  aor: 'sip:erin@127.0.0.1',
}

/** CPU seconds used so far by the browser's renderer processes (the host's page alone). */
async function rendererCpu(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession()
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; cpuTime: number }[]
    }
    return processInfo.filter((p) => p.type === 'renderer').reduce((s, p) => s + p.cpuTime, 0)
  } finally {
    await cdp.detach()
  }
}

async function cpuPercent(browser: Browser, seconds: number): Promise<number> {
  const before = await rendererCpu(browser)
  const started = Date.now()
  await new Promise((r) => setTimeout(r, seconds * 1000))
  const after = await rendererCpu(browser)
  return ((after - before) / ((Date.now() - started) / 1000)) * 100
}

async function signedIn(
  browser: Browser,
  url: string,
  wsUrl: string,
  user: DemoUser,
): Promise<Page> {
  const context = await browser.newContext({ permissions: ['microphone', 'camera'] })
  const page = await context.newPage()
  await page.goto(url)
  await signIn(page, {
    aor: user.aor,
    server: wsUrl,
    password: user.password,
    displayName: user.displayName,
  })
  await page.getByRole('status').filter({ hasText: 'Registered' }).waitFor({ timeout: 15_000 })
  return page
}

async function connect(host: Page, peer: Page, aor: string): Promise<void> {
  await host.getByRole('textbox', { name: 'Number or SIP address' }).fill(aor)
  await host.getByRole('button', { name: 'Call', exact: true }).click()
  const dialog = peer.getByRole('alertdialog', { name: 'Incoming call' })
  await dialog.getByRole('button', { name: 'Answer', exact: true }).click({ timeout: 15_000 })
  await peer
    .getByRole('status', { name: 'Call state' })
    .filter({ hasText: /^Connected$/ })
    .waitFor({ timeout: 15_000 })
}

/** The host's renderer CPU with `remotes` calls up, before and after merging them. */
async function conferenceCpu(
  remotes: number,
  url: string,
  wsUrl: string,
  users: DemoUser[],
): Promise<[string, string, string]> {
  const hostBrowser = await launchBrowser()
  const peersBrowser = await launchBrowser()
  try {
    const host = await signedIn(hostBrowser, url, wsUrl, users[0]!)
    for (const user of users.slice(1, remotes + 1)) {
      const peer = await signedIn(peersBrowser, url, wsUrl, user)
      await connect(host, peer, user.aor)
    }
    const apart = await cpuPercent(hostBrowser, SECONDS)
    await host.getByRole('button', { name: 'Merge calls', exact: true }).click()
    await host
      .getByRole('region', { name: 'Conference' })
      .getByRole('listitem')
      .nth(remotes - 1)
      .waitFor({ timeout: 20_000 })
    const merged = await cpuPercent(hostBrowser, SECONDS)
    return [`${remotes + 1}-way`, apart.toFixed(1), merged.toFixed(1)]
  } finally {
    await peersBrowser.close()
    await hostBrowser.close()
  }
}

/** mix-plan.ts, beep.ts and mixer.ts as one script that defines `window.ConferenceMixer`. */
async function mixerScript(): Promise<string> {
  const dir = resolve(ROOT, 'renderer/src/media/conference')
  const parts = await Promise.all(
    ['mix-plan.ts', '../recording/beep.ts', 'mixer.ts'].map(async (file) => {
      const source = await readFile(resolve(dir, file), 'utf8')
      const js = ts.transpileModule(source, {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      }).outputText
      return js.replace(/^import .*$/gm, '').replace(/^export /gm, '')
    }),
  )
  return `(() => {\n${parts.join('\n')}\nwindow.ConferenceMixer = ConferenceMixer\n})()`
}

// A string, not a function: tsx's helpers (__name) would be missing in the page.
const LATENCY_SCRIPT = `async (runs) => {
  const source = new AudioContext()
  const osc = source.createOscillator()
  osc.frequency.value = 1000
  const gate = source.createGain()
  gate.gain.value = 0
  const party = source.createMediaStreamDestination()
  osc.connect(gate).connect(party)
  osc.start()
  const silent = source.createMediaStreamDestination()
  const mixer = new window.ConferenceMixer(new AudioContext())
  mixer.add('a', party.stream)
  const mixed = mixer.add('b', silent.stream)
  const probe = new AudioContext()
  const analyser = (stream) => {
    const a = probe.createAnalyser()
    a.fftSize = 128
    probe.createMediaStreamSource(stream).connect(a)
    return a
  }
  const direct = analyser(party.stream)
  const through = analyser(new MediaStream([mixed]))
  const buffer = new Float32Array(128)
  const level = (a) => {
    a.getFloatTimeDomainData(buffer)
    return Math.sqrt(buffer.reduce((s, v) => s + v * v, 0) / buffer.length)
  }
  const out = []
  for (let i = 0; i < runs; i++) {
    gate.gain.setValueAtTime(1, source.currentTime)
    let seenDirect = 0
    let seenMixed = 0
    const deadline = performance.now() + 2000
    while ((!seenDirect || !seenMixed) && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 0))
      const now = performance.now()
      if (!seenDirect && level(direct) > 0.1) seenDirect = now
      if (!seenMixed && level(through) > 0.1) seenMixed = now
    }
    if (seenDirect && seenMixed) out.push(seenMixed - seenDirect)
    gate.gain.setValueAtTime(0, source.currentTime)
    await new Promise((r) => setTimeout(r, 300))
  }
  await mixer.dispose()
  await source.close()
  await probe.close()
  return out
}`

/** A tone's onset through the mixer minus its onset read directly, in ms, per run. */
async function mixerLatency(): Promise<number[]> {
  const browser = await launchBrowser({ extraArgs: ['--autoplay-policy=no-user-gesture-required'] })
  try {
    // A blank page: the app's CSP (rightly) refuses an inline script.
    const page = await (await browser.newContext()).newPage()
    await page.addScriptTag({ content: await mixerScript() })
    return (await page.evaluate(`(${LATENCY_SCRIPT})(${LATENCY_RUNS})`)) as number[]
  } finally {
    await browser.close()
  }
}

export async function benchConference(): Promise<void> {
  const users = [...DEMO_USERS.slice(0, 4), erin]
  const server = await startSipServer({ users })
  const web = await serveStatic()
  try {
    const rows = [
      await conferenceCpu(2, web.url, server.wsUrl, users),
      await conferenceCpu(4, web.url, server.wsUrl, users),
    ]
    printTable(
      `Conference: host renderer CPU over ${SECONDS} s (% of one core; the calls apart = one talking, the others held)`,
      ['conference', 'calls apart %', 'merged %'],
      rows,
    )
    const latency = await mixerLatency()
    printTable(
      `Conference mixer: added latency of a tone (${latency.length} onsets, ms)`,
      ['median', 'p90', 'max'],
      [
        [
          median(latency).toFixed(1),
          percentile(latency, 90).toFixed(1),
          Math.max(...latency).toFixed(1),
        ],
      ],
    )
  } finally {
    await web.close()
    await server.dispose()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchConference()
