import { spawn, type ChildProcess } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { existsSync, rmSync, statSync } from 'node:fs'
import { mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { DemoUser, SipServer } from '../../../scripts/sip-server/server'
import { BaresipControl, type BaresipEvent, type BaresipResponse } from './baresip-ctrl'
import { freePort } from './ports'
import { summariseWavFile, toneLevels, toneWav, type PcmSummary } from './wav'
import { watchdogScript } from '../../../scripts/watchdog'

// baresip 1.0 (Debian baresip-core) as a SIP phone that is not a browser: registered over UDP to
// the file's Kamailio, ICE + DTLS-SRTP, G.711 only (it has no resampler, so its source is an
// 8 kHz tone), driven through ctrl_tcp. What it received is recorded by the sndfile filter
// (one "dump-<time>-dec.wav" per call, the decoded audio; the time is to the second, so calls
// must start a second apart), so the test can hear it.

export const BARESIP = '/usr/bin/baresip'

const START_TIMEOUT_MS = 10_000
const REGISTER_TIMEOUT_MS = 10_000
const STOP_TIMEOUT_MS = 4_000

export interface Baresip {
  readonly user: DemoUser
  /** The Contact it registers, as Kamailio's location table shows it. */
  readonly contactHost: string
  readonly control: BaresipControl
  command(name: string, params?: string): Promise<BaresipResponse>
  /** Waits for an event of `type`, counting only events after index `from` (see `eventCount`). */
  waitForEvent(type: string, timeoutMs?: number, from?: number): Promise<BaresipEvent>
  eventCount(): number
  /** What its decoder wrote so far, summed over all calls: it only grows while audio arrives. */
  receivedAudio(): Promise<PcmSummary>
  /**
   * Each frequency's share (dB, support/wav.ts toneLevels) of the last `seconds` its decoder
   * wrote on the newest call: which voices it hears now.
   */
  receivedTones(frequencies: readonly number[], seconds: number): Promise<number[]>
  logTail(chars?: number): string
  stop(): Promise<void>
}

// ---------------------------------------------------------------- process

// baresip runs under scripts/watchdog.ts's shell, so no phone outlives us. KILL, not TERM: on
// TERM baresip first unregisters and waits for the server, which is going away too.
const WATCHDOG = watchdogScript('KILL')

/** Running phones and their work dirs, for the last resort on exit. */
const live = new Map<ChildProcess, string>()
let exitHookInstalled = false

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const [child, dir] of live) {
      killGroup(child, 'SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })
}

function udpPortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4')
    socket.once('error', () => resolve(false))
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)))
  })
}

/** baresip listens for SIP on UDP and TCP of the same port. */
async function freeSipPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await freePort()
    if (await udpPortIsFree(port)) return port
  }
  throw new Error('no port free for both UDP and TCP on 127.0.0.1')
}

// ---------------------------------------------------------------- config

interface Layout {
  dir: string
  wav: string
  recordings: string
}

function config(layout: Layout, sipPort: number, ctrlPort: number): string {
  // SIP stays on loopback (sip_listen). ICE cannot: baresip 1.0 skips loopback addresses
  // (`net_interface lo` fails), so it offers the machine's other IPv4 addresses (-4: one
  // family, one working pair with Chromium), which are local and reached without a network.
  return `
poll_method		epoll
sip_listen		127.0.0.1:${sipPort}
call_local_timeout	60
call_max_calls		2
audio_player		aubridge,speaker
audio_source		aufile,${layout.wav}
audio_alert		aubridge,alert
ausrc_srate		8000
auplay_srate		8000
ausrc_channels		1
auplay_channels		1
audio_buffer		20-160
rtcp_mux		yes
jitter_buffer_delay	5-10
rtp_stats		no
statmode_default	off
module_path		/usr/lib/baresip/modules
module			g711.so
module			sndfile.so
module			aufile.so
module			aubridge.so
module			stun.so
module			ice.so
module			dtls_srtp.so
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:${ctrlPort}
snd_path		${layout.recordings}
`
}

function account(user: DemoUser, server: SipServer): string {
  // Registered over UDP; the outbound proxy carries the server's port so the AOR stays
  // user@domain. Calls are answered by command, never automatically.
  const outbound = `sip:${server.domain}:${server.ports.udp};transport=udp`
  return (
    `"${user.displayName}" <${user.aor}>;auth_pass=${user.password};outbound="${outbound}"` +
    `;answermode=manual;medianat=ice;mediaenc=dtls_srtp;audio_codecs=PCMU,PCMA;regint=600\n`
  )
}

// ---------------------------------------------------------------- the phone

class LogTail {
  private text = ''
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-64 * 1024)
  }
  tail(chars: number): string {
    return this.text.slice(-chars)
  }
}

interface Started {
  child: ChildProcess
  exited: Promise<number | null>
  control: BaresipControl
  sipPort: number
}

async function launch(
  layout: Layout,
  user: DemoUser,
  server: SipServer,
  log: LogTail,
): Promise<Started> {
  const [sipPort, ctrlPort] = [await freeSipPort(), await freePort()]
  await writeFile(join(layout.dir, 'config'), config(layout, sipPort, ctrlPort))
  await writeFile(join(layout.dir, 'accounts'), account(user, server), { mode: 0o600 })
  await writeFile(join(layout.dir, 'contacts'), '')
  // SWITCHBOARD_BARESIP_TRACE=1 adds baresip's SIP trace to its log (shown when a test fails).
  const trace = process.env.SWITCHBOARD_BARESIP_TRACE === '1' ? ['-s'] : []
  const args = ['-c', WATCHDOG, 'baresip-watchdog', BARESIP, '-4', ...trace, '-f', layout.dir]
  const child = spawn('/bin/sh', args, {
    cwd: layout.dir,
    detached: true, // own process group, killed as one
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  live.set(child, layout.dir)
  installExitHook()
  const onData = (chunk: Buffer): void => log.push(chunk.toString('utf8'))
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  child.stdin?.on('error', () => undefined) // EPIPE once the shell is gone
  let running = true
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running = false
      live.delete(child)
      child.stdin?.destroy()
      resolve(code)
    }),
  )
  try {
    const control = await Promise.race([
      BaresipControl.connect(ctrlPort, START_TIMEOUT_MS),
      exited.then((code) => {
        throw new Error(`baresip exited (${code}) while starting`)
      }),
    ])
    if (!running) throw new Error('baresip exited while starting')
    return { child, exited, control, sipPort }
  } catch (error) {
    killGroup(child, 'SIGKILL')
    await exited
    throw error
  }
}

/** Every decoded-audio recording so far (one per call; a finished call's file no longer grows). */
async function recordings(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return []
  return (await readdir(dir)).filter((n) => n.endsWith('-dec.wav')).map((n) => join(dir, n))
}

/** Starts baresip as `user`, registered on `server`; resolves once Kamailio holds its contact. */
export async function startBaresip(server: SipServer, user: DemoUser): Promise<Baresip> {
  if (!existsSync(BARESIP)) {
    throw new Error(`${BARESIP} is missing. Run: sudo bash scripts/install-system-deps.sh`)
  }
  const external = Object.values(networkInterfaces())
    .flat()
    .some((a) => a && a.family === 'IPv4' && !a.internal)
  if (!external) {
    throw new Error('baresip needs an IPv4 interface other than loopback for ICE (it skips lo)')
  }
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-baresip-'))
  const layout: Layout = {
    dir,
    wav: join(dir, 'tone.wav'),
    recordings: join(dir, 'recordings'),
  }
  const log = new LogTail()
  try {
    await mkdir(layout.recordings)
    // 90 s of 440 Hz: longer than any call in the tests, a conference included (aufile stops at
    // the end of the file).
    await writeFile(layout.wav, toneWav({ rate: 8000, seconds: 90, hz: 440 }))
    // Another process may take a chosen port before baresip binds it: try a few times.
    let started: Started | undefined
    let lastError: unknown
    for (let attempt = 0; attempt < 3 && !started; attempt++) {
      try {
        started = await launch(layout, user, server, log)
      } catch (error) {
        lastError = error
      }
    }
    if (!started) {
      throw new Error(`${String(lastError)}\n--- baresip log ---\n${log.tail(4000)}`)
    }
    const phone = new BaresipPhone(user, layout, log, started)
    try {
      await phone.waitRegistered(server)
    } catch (error) {
      await phone.stop()
      throw error
    }
    return phone
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

class BaresipPhone implements Baresip {
  readonly contactHost: string
  readonly control: BaresipControl

  constructor(
    readonly user: DemoUser,
    private readonly layout: Layout,
    private readonly log: LogTail,
    private readonly started: Started,
  ) {
    this.control = started.control
    this.contactHost = `127.0.0.1:${started.sipPort}`
  }

  /** Registration as the server sees it: a contact at baresip's port in the location table. */
  async waitRegistered(server: SipServer): Promise<void> {
    const deadline = Date.now() + REGISTER_TIMEOUT_MS
    for (;;) {
      const contacts = await server.contacts(this.user.username)
      if (contacts.some((c) => c.includes(`@${this.contactHost}`))) return
      if (Date.now() > deadline) {
        throw new Error(
          `baresip's contact @${this.contactHost} not in Kamailio's location table ` +
            `(has: ${contacts.join(', ') || 'none'})\n--- baresip log ---\n${this.log.tail(4000)}`,
        )
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  command(name: string, params = ''): Promise<BaresipResponse> {
    return this.control.command(name, params)
  }

  async waitForEvent(type: string, timeoutMs = 10_000, from = 0): Promise<BaresipEvent> {
    try {
      return await this.control.waitForEvent((e) => e.type === type, timeoutMs, from)
    } catch (error) {
      throw new Error(`waiting for ${type}: ${String(error)}\n${this.logTail()}`, {
        cause: error,
      })
    }
  }

  eventCount(): number {
    return this.control.events.length
  }

  async receivedAudio(): Promise<PcmSummary> {
    const total = { samples: 0, loud: 0 }
    for (const path of await recordings(this.layout.recordings)) {
      const one = await summariseWavFile(path)
      total.samples += one.samples
      total.loud += one.loud
    }
    return total
  }

  async receivedTones(frequencies: readonly number[], seconds: number): Promise<number[]> {
    const files = await recordings(this.layout.recordings)
    const newest = files.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs).at(-1)
    if (!newest) return frequencies.map(() => -Infinity)
    return toneLevels(await readFile(newest), frequencies, seconds)
  }

  logTail(chars = 4000): string {
    return `--- baresip log (tail) ---\n${this.log.tail(chars)}`
  }

  async stop(): Promise<void> {
    const { child, exited, control } = this.started
    // "quit" hangs up and unregisters (the server is still up: useBaresip stops first), then
    // exits; anything that does not go in time is killed with its shell.
    await Promise.race([
      control.command('quit').catch(() => undefined),
      new Promise((r) => setTimeout(r, 1000)),
    ])
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), STOP_TIMEOUT_MS)),
    ])
    control.end()
    if (!stopped) killGroup(child, 'SIGKILL')
    child.stdin?.end() // and the watchdog, were anything left, kills baresip
    await exited
    rmSync(this.layout.dir, { recursive: true, force: true })
  }
}

/**
 * One baresip for the test file as `username`, started once the world's server is up and stopped
 * after the file (and, as a last resort, when the process exits). Call after useWorld().
 */
export function useBaresip(server: () => SipServer, username: string): { phone: Baresip } {
  const holder = {} as { phone: Baresip }
  beforeAll(async () => {
    const s = server()
    const user = s.users.find((u) => u.username === username)
    if (!user) throw new Error(`no demo user ${username}`)
    holder.phone = await startBaresip(s, user)
  })
  afterAll(async () => {
    await holder.phone?.stop()
  })
  return holder
}
