// coturn (Debian `coturn`, /usr/bin/turnserver) as the TURN server of a test: free ports, long-term
// credentials (one user, one realm), loopback only, no TLS/DTLS listeners, no CLI. It runs under
// scripts/watchdog.ts's shell so it never outlives the test, logs to a file the test can read
// (allocations show there), and can be restarted on the same ports mid-call.
import { spawn, type ChildProcess } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { connect } from 'node:net'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { watchdogScript } from '../../../scripts/watchdog'
import { freePort } from './ports'

export const TURNSERVER = '/usr/bin/turnserver'
const START_TIMEOUT_MS = 10_000
/** Relay endpoints: a small block of UDP ports, all checked free. */
const RELAY_PORTS = 40

export interface TurnServer {
  /** `turn:127.0.0.1:<port>?transport=udp` */
  urls: string
  port: number
  username: string
  password: string
  realm: string
  /** Everything coturn logged since it first started (all runs). */
  log(): string
  /** Stops it (allocations are lost) and starts it again on the same ports. */
  restart(): Promise<void>
  stop(): Promise<void>
}

function udpPortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4')
    socket.once('error', () => resolve(false))
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)))
  })
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** A listening port free on UDP and TCP (coturn opens both). */
async function freeTurnPort(): Promise<number> {
  for (;;) {
    const port = await freePort()
    if (await udpPortIsFree(port)) return port
  }
}

/** A block of RELAY_PORTS consecutive UDP ports, none in use now. */
async function freeRelayRange(): Promise<[number, number]> {
  for (let tries = 0; tries < 50; tries++) {
    const min = 20_000 + Math.floor(Math.random() * 30_000)
    const ports = Array.from({ length: RELAY_PORTS }, (_, i) => min + i)
    const free = await Promise.all(ports.map(udpPortIsFree))
    if (free.every(Boolean)) return [min, min + RELAY_PORTS - 1]
  }
  throw new Error('no free UDP port range for TURN relays')
}

export async function startTurnServer(): Promise<TurnServer> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-coturn-'))
  const logFile = join(dir, 'turn.log')
  const port = await freeTurnPort()
  const [minPort, maxPort] = await freeRelayRange()
  const username = 'switchboard'
  const password = `pw-${Math.random().toString(36).slice(2, 10)}`
  const realm = 'switchboard.test'
  const args = [
    '-n', // no config file
    `--listening-ip=127.0.0.1`,
    `--relay-ip=127.0.0.1`,
    `--listening-port=${port}`,
    `--min-port=${minPort}`,
    `--max-port=${maxPort}`,
    '--lt-cred-mech',
    `--user=${username}:${password}`,
    `--realm=${realm}`,
    // Both browsers are on this machine: their relay addresses are loopback peers.
    '--allow-loopback-peers',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--no-tcp-relay',
    '--fingerprint',
    '--simple-log',
    `--log-file=${logFile}`,
    `--pidfile=${join(dir, 'turn.pid')}`,
    '--verbose',
  ]
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()
  let earlier = ''

  const log = (): string => {
    // --simple-log still names the file with a date suffix in some builds: read what is there.
    const current = existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''
    return earlier + current
  }

  async function start(): Promise<void> {
    const started = spawn(
      '/bin/sh',
      ['-c', watchdogScript('KILL'), 'coturn', TURNSERVER, ...args],
      {
        cwd: dir,
        detached: true,
        stdio: ['pipe', 'ignore', 'ignore'],
      },
    )
    started.stdin?.on('error', () => undefined)
    child = started
    exited = new Promise((ok) => started.once('exit', () => ok()))
    const deadline = Date.now() + START_TIMEOUT_MS
    // Ready once its TCP listener takes connections (probing by binding the UDP port could
    // take the port from under it).
    while (!(await accepts(port))) {
      if (Date.now() > deadline) throw new Error(`coturn did not start:\n${log().slice(-2000)}`)
      if (started.exitCode !== null) throw new Error(`coturn exited:\n${log().slice(-2000)}`)
      await new Promise((ok) => setTimeout(ok, 50))
    }
  }

  async function stop(): Promise<void> {
    const running = child
    child = undefined
    if (!running?.pid) return
    try {
      process.kill(-running.pid, 'SIGKILL')
    } catch {
      // already gone
    }
    await exited
    // Keep this run's log: the next run truncates nothing, but a fresh file may replace it.
    if (existsSync(logFile)) {
      earlier += readFileSync(logFile, 'utf8')
      rmSync(logFile, { force: true })
    }
  }

  await start()
  return {
    urls: `turn:127.0.0.1:${port}?transport=udp`,
    port,
    username,
    password,
    realm,
    log,
    restart: async () => {
      await stop()
      await start()
    },
    stop: async () => {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
