// Starts the project's real SIP server (Kamailio 5.6, config in ./kamailio.cfg) on 127.0.0.1
// for tests and the demo: UDP, ws:// and wss://, digest users in sqlite, presence, offline
// messages. Each call gets its own temp dir and (unless given) free ports, so test files can
// run their servers side by side.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { WebSocket } from 'ws'
import { watchdogScript } from '../watchdog'
import { DEFAULT_APP_ORIGINS, originPattern } from './origins'

export interface DemoUser {
  username: string
  password: string
  displayName: string
  aor: string
}

export interface SipServerPorts {
  udp: number
  ws: number
  wss: number
}

export interface SipServer {
  readonly domain: string
  readonly ports: SipServerPorts
  readonly wsUrl: string
  readonly wssUrl: string
  readonly udpUri: string
  readonly users: DemoUser[]
  readonly running: boolean
  stop(): Promise<void>
  start(): Promise<void>
  contacts(username: string): Promise<string[]>
  /** Removes a user's registrations, as if each had un-REGISTERed (a killed sipp cannot). */
  dropContacts(username: string): Promise<void>
  dispose(): Promise<void>
  /** The end of Kamailio's log, for failure messages. */
  logTail(chars?: number): string
}

export interface StartSipServerOptions {
  ports?: Partial<SipServerPorts>
  users?: DemoUser[]
  /** Working dir (db, config, cert, sockets). Created if missing; only a dir this module
   *  created itself (the default, under os.tmpdir()) is deleted by dispose(). */
  dir?: string
  /** 'inherit' also copies Kamailio's log to this process's stderr. */
  log?: 'quiet' | 'inherit'
  /** Kamailio shared memory (-m) in MB; about 94 kB per WebSocket user. Default 64. */
  memoryMb?: number
  /**
   * Web origins allowed to open a WebSocket (browsers send one; clients that send none are let
   * through). Exact origins or `scheme://host:*`; default DEFAULT_APP_ORIGINS (the desktop app
   * and pages served from loopback).
   */
  allowedOrigins?: readonly string[]
}

export const SIP_DOMAIN = '127.0.0.1'

function demoUser(username: string, displayName: string): DemoUser {
  return {
    username,
    password: `${username}-secret`,
    displayName,
    aor: `sip:${username}@${SIP_DOMAIN}`,
  }
}

export const DEMO_USERS: DemoUser[] = [
  demoUser('alice', 'Alice Liddell'),
  demoUser('bob', 'Bob Builder'),
  demoUser('carol', 'Carol Danvers'),
  demoUser('dave', 'Dave Lister'),
]

/**
 * The account a voicemail server uses: the only one the config lets PUBLISH message summaries
 * (voicemail counts) for other users. Not a person: not among the demo users.
 */
export const VOICEMAIL_USER: DemoUser = demoUser('voicemail', 'Voicemail')

const KAMAILIO = '/usr/sbin/kamailio'
const KAMCMD = '/usr/sbin/kamcmd'
const SCHEMA_DIR = '/usr/share/kamailio/db_sqlite'
const SCHEMA_FILES = [
  'standard-create.sql',
  'auth_db-create.sql',
  'msilo-create.sql',
  'presence-create.sql',
]
const TEMPLATE = join(import.meta.dirname, 'kamailio.cfg')
const READY_TIMEOUT_MS = 15_000
const STOP_TIMEOUT_MS = 4_000
const LOG_TAIL_BYTES = 64 * 1024

// ---------------------------------------------------------------- small process helpers

interface RunResult {
  code: number
  output: string
}

/** Runs a command to completion; never rejects on a non-zero exit (the caller decides). */
function run(command: string, args: string[], input?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0
        if (error && typeof error.code === 'string') {
          reject(new Error(`cannot run ${command}: ${error.message}`))
          return
        }
        resolve({ code, output: `${stdout}${stderr}` })
      },
    )
    if (input !== undefined) child.stdin?.end(input)
  })
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Keeps the last `limit` characters of a stream of log text. */
class LogTail {
  private text = ''
  constructor(private readonly limit: number) {}
  push(chunk: string): void {
    this.text += chunk
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit)
  }
  tail(chars = 6000): string {
    return this.text.slice(-Math.min(chars, this.limit))
  }
}

// ---------------------------------------------------------------- ports

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, SIP_DOMAIN, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function tcpPortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, SIP_DOMAIN, () => server.close(() => resolve(true)))
  })
}

function udpPortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4')
    socket.once('error', () => resolve(false))
    socket.bind(port, SIP_DOMAIN, () => socket.close(() => resolve(true)))
  })
}

/** A port free for TCP (asked of the kernel) that is also free for UDP, not in `taken`. */
async function freePort(taken: Set<number>, needUdp: boolean): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await freeTcpPort()
    if (taken.has(port)) continue
    if (needUdp && !(await udpPortIsFree(port))) continue
    taken.add(port)
    return port
  }
  throw new Error('no free port found on 127.0.0.1')
}

/** Kamailio only logs a failed bind; say plainly which port is taken instead. */
async function assertPortsFree(ports: SipServerPorts): Promise<void> {
  const busy: string[] = []
  if (!(await udpPortIsFree(ports.udp))) busy.push(`${ports.udp}/udp (SIP)`)
  if (!(await tcpPortIsFree(ports.ws))) busy.push(`${ports.ws}/tcp (ws://)`)
  if (!(await tcpPortIsFree(ports.wss))) busy.push(`${ports.wss}/tcp (wss://)`)
  if (busy.length > 0)
    throw new Error(
      `cannot start the SIP server: port ${busy.join(', ')} already in use on ${SIP_DOMAIN}`,
    )
}

async function choosePorts(wanted: Partial<SipServerPorts> = {}): Promise<SipServerPorts> {
  const taken = new Set<number>(
    Object.values(wanted).filter((p): p is number => typeof p === 'number'),
  )
  const ports = {
    udp: wanted.udp ?? (await freePort(taken, true)),
    ws: wanted.ws ?? (await freePort(taken, false)),
    wss: wanted.wss ?? (await freePort(taken, false)),
  }
  if (ports.ws === ports.wss) throw new Error(`the ws and wss ports must differ (both ${ports.ws})`)
  return ports
}

// ---------------------------------------------------------------- files in the work dir

interface Paths {
  dir: string
  db: string
  cfg: string
  cert: string
  key: string
  pid: string
  ctl: string
}

function pathsIn(dir: string): Paths {
  return {
    dir,
    db: join(dir, 'kamailio.sqlite'),
    cfg: join(dir, 'kamailio.cfg'),
    cert: join(dir, 'cert.pem'),
    key: join(dir, 'key.pem'),
    pid: join(dir, 'kamailio.pid'),
    ctl: join(dir, 'kamailio_ctl'),
  }
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

function checkUsers(users: DemoUser[]): void {
  for (const user of users) {
    // The name ends up in SQL, SIP URIs and kamcmd arguments: keep it plain.
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(user.username)) {
      throw new Error(`invalid SIP username ${JSON.stringify(user.username)}`)
    }
  }
}

/** Creates the schema on first use; the subscriber rows always match `users`. */
async function writeDatabase(paths: Paths, users: DemoUser[]): Promise<void> {
  const schema = existsSync(paths.db)
    ? ''
    : SCHEMA_FILES.map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8')).join('\n')
  const rows = users.map(
    (u) =>
      `INSERT INTO subscriber (username, domain, password) VALUES (${sqlString(u.username)}, ` +
      `${sqlString(SIP_DOMAIN)}, ${sqlString(u.password)});`,
  )
  // WAL, kept in the file: readers (auth, lookups) go on while msilo or presence writes. Kamailio
  // 5.6's own db_set_journal_mode left the file in 'delete' mode, and under load auth_check
  // then failed ("database is locked") and re-challenged credentials a client had just sent.
  const sql = [
    'PRAGMA journal_mode=WAL;',
    'BEGIN;',
    schema,
    'DELETE FROM subscriber;',
    ...rows,
    'COMMIT;',
  ].join('\n')
  const result = await run('sqlite3', ['-bail', paths.db], sql)
  if (result.code !== 0) throw new Error(`creating the sqlite database failed:\n${result.output}`)
}

async function createCertificate(paths: Paths): Promise<void> {
  // prettier-ignore
  const result = await run('openssl', [
    'req', '-x509', '-nodes', '-days', '3650',
    '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-keyout', paths.key, '-out', paths.cert,
    '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ])
  if (result.code !== 0) throw new Error(`creating the TLS certificate failed:\n${result.output}`)
}

function fillTemplate(template: string, values: Record<string, string>): string {
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (match, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`kamailio.cfg: no value for placeholder ${match}`)
    return value
  })
  return filled
}

async function writeConfig(
  paths: Paths,
  ports: SipServerPorts,
  allowedOrigins: readonly string[],
): Promise<void> {
  const config = fillTemplate(readFileSync(TEMPLATE, 'utf8'), {
    ALLOWED_ORIGINS: originPattern(allowedOrigins),
    UDP_PORT: String(ports.udp),
    WS_PORT: String(ports.ws),
    WSS_PORT: String(ports.wss),
    RUN_DIR: paths.dir,
    DB_PATH: paths.db,
    CERT_PATH: paths.cert,
    KEY_PATH: paths.key,
  })
  await writeFile(paths.cfg, config)
  const check = await run(KAMAILIO, ['-c', '-f', paths.cfg])
  if (check.code !== 0) {
    throw new Error(`Kamailio rejected ${paths.cfg}:\n${check.output.slice(-6000)}`)
  }
}

// ---------------------------------------------------------------- readiness probes

function probeUdpOptions(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4')
    const finish = (ok: boolean): void => {
      clearTimeout(timer)
      socket.close()
      resolve(ok)
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    socket.once('error', () => finish(false))
    socket.on('message', (data) => finish(data.toString('latin1').startsWith('SIP/2.0 200')))
    socket.bind(0, SIP_DOMAIN, () => {
      const local = socket.address().port
      const id = randomBytes(8).toString('hex')
      const request = [
        `OPTIONS sip:${SIP_DOMAIN}:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP ${SIP_DOMAIN}:${local};branch=z9hG4bK${id};rport`,
        'Max-Forwards: 70',
        `From: <sip:probe@${SIP_DOMAIN}>;tag=${id}`,
        `To: <sip:${SIP_DOMAIN}:${port}>`,
        `Call-ID: ${id}@${SIP_DOMAIN}`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n')
      socket.send(request, port, SIP_DOMAIN)
    })
  })
}

function probeWebSocket(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'sip', { rejectUnauthorized: false, handshakeTimeout: timeoutMs })
    ws.once('open', () => {
      ws.close()
      resolve(true)
    })
    ws.once('error', () => resolve(false))
  })
}

// ---------------------------------------------------------------- the Kamailio process

// Kamailio runs under scripts/watchdog.ts's shell: it is stopped (TERM) when we go away.
const WATCHDOG = watchdogScript('TERM')

interface ServerSettings {
  ports: SipServerPorts
  users: DemoUser[]
  paths: Paths
  ownsDir: boolean
  inheritLog: boolean
  memoryMb: number
}

const live = new Set<KamailioServer>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const server of live) server.killNow()
  })
}

class KamailioServer implements SipServer {
  readonly domain = SIP_DOMAIN
  readonly wsUrl: string
  readonly wssUrl: string
  readonly udpUri: string
  private child: ChildProcess | undefined
  private exited: Promise<number | null> = Promise.resolve(null)
  private readonly log = new LogTail(LOG_TAIL_BYTES)
  private disposed = false

  readonly ports: SipServerPorts
  readonly users: DemoUser[]

  constructor(private readonly settings: ServerSettings) {
    this.ports = settings.ports
    this.users = settings.users
    this.wsUrl = `ws://${SIP_DOMAIN}:${this.ports.ws}`
    this.wssUrl = `wss://${SIP_DOMAIN}:${this.ports.wss}`
    this.udpUri = `sip:${SIP_DOMAIN}:${this.ports.udp}`
  }

  private get paths(): Paths {
    return this.settings.paths
  }

  get running(): boolean {
    return this.child !== undefined
  }

  async start(): Promise<void> {
    if (this.disposed) throw new Error('SIP server was disposed')
    if (this.child) return
    await assertPortsFree(this.ports)
    const { cfg, pid, dir } = this.paths
    const memory = String(this.settings.memoryMb)
    const args = ['-DD', '-E', '-f', cfg, '-P', pid, '-Y', dir, '-m', memory, '-M', '8']
    const child = spawn('/bin/sh', ['-c', WATCHDOG, 'kamailio-watchdog', KAMAILIO, ...args], {
      cwd: this.paths.dir,
      // own process group: a terminal's Ctrl-C reaches only us, and we stop Kamailio in order
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `/usr/sbin:/sbin:${process.env.PATH ?? '/usr/bin:/bin'}` },
    })
    this.child = child
    live.add(this)
    installExitHook()
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8')
      this.log.push(text)
      if (this.settings.inheritLog) process.stderr.write(text)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.stdin?.on('error', () => undefined) // EPIPE once the shell is gone
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        if (this.child === child) this.child = undefined
        live.delete(this)
        child.stdin?.destroy()
        resolve(code)
      })
    })
    try {
      await this.waitUntilReady(child)
    } catch (error) {
      await this.stop()
      throw error
    }
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const started = Date.now()
    while (Date.now() - started < READY_TIMEOUT_MS) {
      if (this.child !== child) throw this.failure('Kamailio exited while starting')
      const probes = await Promise.all([
        probeUdpOptions(this.ports.udp, 300),
        probeWebSocket(this.wsUrl, 500),
        probeWebSocket(this.wssUrl, 500),
      ])
      if (probes.every(Boolean)) return
      await delay(50)
    }
    throw this.failure(
      `Kamailio did not answer on UDP ${this.ports.udp}, ws ${this.ports.ws}, wss ${this.ports.wss} within ${READY_TIMEOUT_MS} ms`,
    )
  }

  private failure(message: string): Error {
    return new Error(`${message}\n--- Kamailio log (tail) ---\n${this.log.tail()}`)
  }

  /** The last lines Kamailio logged (for test failure messages). */
  logTail(chars = 6000): string {
    return this.log.tail(chars)
  }

  async stop(): Promise<void> {
    const child = this.child
    if (!child) return
    child.stdin?.end() // the watchdog sends SIGTERM to Kamailio
    if (!(await this.exitsWithin(STOP_TIMEOUT_MS))) {
      this.killGroup(child, 'SIGKILL')
      await this.exited
    }
  }

  private exitsWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms)
      void this.exited.then(() => {
        clearTimeout(timer)
        resolve(true)
      })
    })
  }

  async contacts(username: string): Promise<string[]> {
    // An unknown AOR, or one whose last contact just went away, has none.
    const output = await this.usrloc('ul.lookup', username, /AOR not found|AOR has no contacts/i)
    return [...output.matchAll(/^\s*Address:\s*(\S+)\s*$/gm)].map((m) => m[1] ?? '')
  }

  async dropContacts(username: string): Promise<void> {
    await this.usrloc('ul.rm', username, /not found/i)
  }

  /** A kamcmd usrloc command on the location table; `harmless` errors count as empty output. */
  private async usrloc(command: string, username: string, harmless: RegExp): Promise<string> {
    if (!this.child) throw new Error('SIP server is not running')
    const result = await run(KAMCMD, [
      '-s',
      `unix:${this.paths.ctl}`,
      command,
      'location',
      // kamcmd reads an all-digit argument as a number (a numeric extension such as 5551234):
      // `s:` keeps it a string.
      /^[0-9]+$/.test(username) ? `s:${username}` : username,
    ])
    if (result.code !== 0 || /^error:/m.test(result.output)) {
      if (harmless.test(result.output)) return ''
      throw new Error(`kamcmd ${command} failed: ${result.output}`)
    }
    return result.output
  }

  async dispose(): Promise<void> {
    if (this.disposed) return
    await this.stop()
    this.disposed = true
    if (this.settings.ownsDir) rmSync(this.paths.dir, { recursive: true, force: true })
  }

  /** Synchronous last resort on process exit. */
  killNow(): void {
    if (this.child) this.killGroup(this.child, 'SIGKILL')
    if (this.settings.ownsDir) rmSync(this.paths.dir, { recursive: true, force: true })
  }

  private killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined) return
    try {
      process.kill(-child.pid, signal)
    } catch {
      // already gone
    }
  }
}

/** Creates the work dir, database, certificate and config, then starts Kamailio. */
export async function startSipServer(options: StartSipServerOptions = {}): Promise<SipServer> {
  const users = options.users ?? [...DEMO_USERS, VOICEMAIL_USER]
  checkUsers(users)
  if (!existsSync(KAMAILIO)) {
    throw new Error(`${KAMAILIO} is missing. Run: sudo bash scripts/install-system-deps.sh`)
  }
  const ownsDir = options.dir === undefined
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'switchboard-sip-')))
  mkdirSync(dir, { recursive: true })
  const paths = pathsIn(dir)
  try {
    const ports = await choosePorts(options.ports)
    await writeDatabase(paths, users)
    if (!existsSync(paths.cert) || !existsSync(paths.key)) await createCertificate(paths)
    await writeConfig(paths, ports, options.allowedOrigins ?? DEFAULT_APP_ORIGINS)
    const server = new KamailioServer({
      ports,
      users,
      paths,
      ownsDir,
      inheritLog: options.log === 'inherit',
      memoryMb: options.memoryMb ?? 64,
    })
    await server.start()
    return server
  } catch (error) {
    if (ownsDir) rmSync(dir, { recursive: true, force: true })
    throw error
  }
}
