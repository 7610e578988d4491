import { spawn, type ChildProcess } from 'node:child_process'
import { execFile } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { DemoUser, SipServer } from '../../../scripts/sip-server/server'
import { watchdogScript } from '../../../scripts/watchdog'
import { freePort } from './ports'
import { toneWav } from './wav'

// Linphone 5.1 (Debian linphone-cli: linphone-daemon) as a phone that is not a browser:
// registered over UDP to the file's Kamailio, ICE + DTLS-SRTP + rtcp-mux, driven through the
// daemon's unix socket (one connection per command: the daemon answers one command per read).
// It has no sound card here; `playTone()` plays a tone file into the call (incall-player), and
// what it receives is judged by its own call statistics. Chat it received is read from its own
// database. Its config dir is a temp dir (HOME too: the DTLS identity is generated there).

export const LINPHONE_DAEMON = '/usr/bin/linphone-daemon'
const REGISTER_TIMEOUT_MS = 10_000
// "call" answers only once the daemon has set the call up (audio devices, SDP): seconds on a
// loaded 2-core machine (a CI run timed out at 5 s). Not retried: a retried "call" would dial twice.
const COMMAND_TIMEOUT_MS = 15_000
const run = promisify(execFile)

const WATCHDOG = watchdogScript('KILL')
const live = new Map<ChildProcess, string>()
let exitHookInstalled = false
let sequence = 0

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const [child, dir] of live) {
      killGroup(child)
      rmSync(dir, { recursive: true, force: true })
    }
  })
}

export interface LinphoneResponse {
  ok: boolean
  /** `Key: value` lines of the answer. */
  fields: Record<string, string>
  text: string
}

export function parseResponse(text: string): LinphoneResponse {
  const fields: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) fields[line.slice(0, colon).trim()] ??= line.slice(colon + 1).trim()
  }
  return { ok: fields.Status === 'Ok', fields, text }
}

function config(user: DemoUser, server: SipServer, sipPort: number, rtpPort: number): string {
  // ICE (firewall_policy 3), DTLS-SRTP mandatory, rtcp-mux: what a browser needs. No video.
  return `[sip]
sip_port=${sipPort}
sip_tcp_port=-1
sip_tls_port=-1
use_ipv6=0
media_encryption=dtls
media_encryption_mandatory=1
default_proxy=0
contact="${user.displayName}" <${user.aor}>
[rtp]
audio_rtp_port=${rtpPort}-${rtpPort + 20}
rtcp_mux=1
[net]
firewall_policy=3
[video]
automatically_initiate=0
automatically_accept=0
capture=0
display=0
[misc]
uuid=0
[proxy_0]
reg_proxy=<sip:${server.domain}:${server.ports.udp};transport=udp>
reg_identity="${user.displayName}" <${user.aor}>
reg_expires=600
reg_sendregister=1
publish=0
[auth_info_0]
username=${user.username}
passwd=${user.password}
realm=${server.domain}
domain=${server.domain}
`
}

/** Linphone's own bandwidth figures for the call's audio, kbit/s (logged every few seconds). */
export interface LinphoneBandwidth {
  rtpDown: number
  rtpUp: number
  rtcpDown: number
  rtcpUp: number
  /** How many reports the log holds so far: a later call's figures have a higher one. */
  index: number
}

const BANDWIDTH = /RTP : \[d=([\d.]+),u=([\d.]+)\] RTCP: \[d=([\d.]+),u=([\d.]+)\]/g

export class LinphonePhone {
  readonly tone: string

  constructor(
    readonly user: DemoUser,
    readonly dir: string,
    private readonly socket: string,
    private readonly child: ChildProcess,
    private readonly exited: Promise<number | null>,
    private readonly logFile: string,
    readonly sipPort: number,
  ) {
    this.tone = join(dir, 'tone.wav')
  }

  /**
   * Sends one command on its own connection and returns the answer. The daemon now and then
   * resets a connection before reading it (while busy with call setup): that one is sent again.
   */
  async command(line: string): Promise<LinphoneResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.commandOnce(line)
      } catch (error) {
        const reset = (error as NodeJS.ErrnoException).code === 'ECONNRESET'
        if (!reset || attempt >= 4) throw error
        await new Promise((r) => setTimeout(r, 200))
      }
    }
  }

  private commandOnce(line: string): Promise<LinphoneResponse> {
    return new Promise((resolve, reject) => {
      const conn = createConnection(this.socket)
      let text = ''
      let idle: ReturnType<typeof setTimeout> | undefined
      const done = (): void => {
        clearTimeout(timer)
        clearTimeout(idle)
        conn.destroy()
        resolve(parseResponse(text))
      }
      const timer = setTimeout(() => {
        conn.destroy()
        reject(new Error(`linphone-daemon did not answer "${line}"`))
      }, COMMAND_TIMEOUT_MS)
      conn.on('error', (error) => {
        // It may close with a reset right after answering: the answer stands.
        if (text.includes('Status:')) return done()
        clearTimeout(timer)
        clearTimeout(idle)
        reject(error)
      })
      conn.on('data', (chunk) => {
        text += chunk.toString('utf8')
        // An answer is complete at its blank line; give a moment for anything after it.
        clearTimeout(idle)
        idle = setTimeout(done, text.includes('\n\n') ? 30 : 300)
      })
      conn.write(`${line}\n`)
    })
  }

  async waitRegistered(server: SipServer): Promise<void> {
    const deadline = Date.now() + REGISTER_TIMEOUT_MS
    for (;;) {
      const contacts = await server.contacts(this.user.username)
      if (contacts.some((c) => c.includes(`:${this.sipPort}`))) return
      if (Date.now() > deadline) {
        throw new Error(
          `Linphone's contact (port ${this.sipPort}) not in Kamailio's location table ` +
            `(has: ${contacts.join(', ') || 'none'})\n${await this.logTail()}`,
        )
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  /** The current call's state (LinphoneCallStreamsRunning, ...), or 'none'. */
  async callState(): Promise<string> {
    // The daemon now and then resets a connection while it is busy (call setup): ask again.
    for (let attempt = 0; ; attempt++) {
      try {
        const status = await this.command('call-status')
        return status.ok ? (status.fields.State ?? '') : 'none'
      } catch (error) {
        if (attempt >= 4) throw error
        await new Promise((r) => setTimeout(r, 200))
      }
    }
  }

  /**
   * The newest of the bandwidth reports Linphone logs for a call ("Bandwidth usage for
   * CallSession"), from its own RTP/RTCP sessions. Read from its log: the daemon's `call-stats`
   * crashed linphone-daemon 5.1 here when asked before the first RTCP report.
   */
  async bandwidth(): Promise<LinphoneBandwidth | null> {
    return (await this.bandwidthReports()).at(-1) ?? null
  }

  /** Every bandwidth report in the log so far, oldest first (`index` counts from 1). */
  async bandwidthReports(): Promise<LinphoneBandwidth[]> {
    let text: string
    try {
      text = await readFile(this.logFile, 'latin1')
    } catch {
      return []
    }
    return [...text.matchAll(BANDWIDTH)].map((match, i) => {
      const [rtpDown, rtpUp, rtcpDown, rtcpUp] = match.slice(1, 5).map(Number) as [
        number,
        number,
        number,
        number,
      ]
      return { rtpDown, rtpUp, rtcpDown, rtcpUp, index: i + 1 }
    })
  }

  /**
   * Ends whatever call Linphone still has (a failed test can leave one up, and the next test's
   * call would then meet a busy phone) and waits until it has none.
   */
  async hangUpAll(): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (
        !/Incoming|Outgoing|Connected|StreamsRunning|Paused|Pausing|Resuming|Updat|Early/.test(
          await this.callState(),
        )
      )
        return
      await this.command('terminate').catch(() => undefined)
      await new Promise((r) => setTimeout(r, 250))
    }
  }

  /** Plays the tone file into the current call (Linphone has no microphone here). */
  async playTone(): Promise<void> {
    const started = await this.command(`incall-player-start ${this.tone}`)
    if (!started.ok) throw new Error(`incall-player-start: ${started.text}`)
  }

  /** Texts of the chat messages Linphone stored (received and sent), oldest first. */
  async storedMessages(): Promise<string[]> {
    const db = join(this.dir, 'linphone.db')
    if (!existsSync(db)) return []
    try {
      const { stdout } = await run('sqlite3', [
        '-readonly',
        db,
        'SELECT body FROM chat_message_content ORDER BY id',
      ])
      return stdout.split('\n').filter((l) => l !== '')
    } catch {
      return [] // busy while Linphone writes: ask again
    }
  }

  /** Whether Linphone's log (which holds every SIP message it sent or got) matches. */
  async logIncludes(pattern: RegExp): Promise<boolean> {
    return readFile(this.logFile, 'latin1')
      .then((text) => pattern.test(text))
      .catch(() => false)
  }

  async logTail(chars = 6000): Promise<string> {
    try {
      const { stdout } = await run('tail', ['-c', String(chars), this.logFile])
      return `--- linphone log (tail) ---\n${stdout}`
    } catch {
      return '--- no linphone log ---'
    }
  }

  async stop(): Promise<void> {
    await Promise.race([
      this.command('quit').catch(() => undefined),
      new Promise((r) => setTimeout(r, 1000)),
    ])
    const stopped = await Promise.race([
      this.exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 3000)),
    ])
    if (!stopped) killGroup(this.child)
    this.child.stdin?.end()
    await this.exited
    rmSync(this.dir, { recursive: true, force: true })
    rmSync(this.socket, { force: true })
  }
}

/** Starts linphone-daemon as `user` on `server`; resolves once Kamailio holds its contact. */
export async function startLinphone(
  server: SipServer,
  user: DemoUser,
  options: { autoAnswer?: boolean } = {},
): Promise<LinphonePhone> {
  if (!existsSync(LINPHONE_DAEMON)) {
    throw new Error(`${LINPHONE_DAEMON} is missing. Run: sudo bash scripts/install-system-deps.sh`)
  }
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-linphone-'))
  // The daemon puts its socket at /tmp/<name>.
  const pipe = `switchboard-lp-${process.pid}-${++sequence}`
  const socket = join('/tmp', pipe)
  const [sipPort, rtpPort] = [await freePort(), await freePort()]
  await mkdir(join(dir, '.local', 'share', 'linphone'), { recursive: true })
  await writeFile(join(dir, 'linphonerc'), config(user, server, sipPort, rtpPort), { mode: 0o600 })
  await writeFile(join(dir, 'factory'), `[storage]\nuri=${join(dir, 'linphone.db')}\n`)
  await writeFile(join(dir, 'tone.wav'), toneWav({ rate: 8000, seconds: 60, hz: 440 }))
  const logFile = join(dir, 'linphone.log')
  const args = [
    '-c',
    WATCHDOG,
    'linphone-watchdog',
    LINPHONE_DAEMON,
    '--config',
    join(dir, 'linphonerc'),
    '--factory-config',
    join(dir, 'factory'),
    '--pipe',
    pipe,
    '--log',
    logFile,
    ...(options.autoAnswer ? ['--auto-answer'] : []),
  ]
  const child = spawn('/bin/sh', args, {
    cwd: dir,
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { ...process.env, HOME: dir },
  })
  live.set(child, dir)
  installExitHook()
  child.stdin?.on('error', () => undefined)
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      live.delete(child)
      child.stdin?.destroy()
      resolve(code)
    }),
  )
  const phone = new LinphonePhone(user, dir, socket, child, exited, logFile, sipPort)
  try {
    const deadline = Date.now() + 10_000
    while (!existsSync(socket)) {
      if (Date.now() > deadline) throw new Error(`no socket ${socket}\n${await phone.logTail()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
    await phone.waitRegistered(server)
    return phone
  } catch (error) {
    await phone.stop()
    throw error
  }
}

/** One Linphone for the test file as `username`; stopped after the file. Call after useWorld(). */
export function useLinphone(
  server: () => SipServer,
  username: string,
  options: { autoAnswer?: boolean } = {},
): { phone: LinphonePhone } {
  const holder = {} as { phone: LinphonePhone }
  beforeAll(async () => {
    const s = server()
    const user = s.users.find((u) => u.username === username)
    if (!user) throw new Error(`no demo user ${username}`)
    holder.phone = await startLinphone(s, user, options)
  })
  afterEach(async () => {
    await holder.phone?.hangUpAll()
  })
  afterAll(async () => {
    await holder.phone?.stop()
  })
  return holder
}
