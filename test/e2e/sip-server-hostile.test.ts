// The project's Kamailio against hostile clients (issue 10): no user enumeration at REGISTER,
// WebSocket handshakes only from the app's origins, and a bounded offline store for senders it
// did not authenticate. Real Kamailio, raw UDP, the `ws` package and sipp; no browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSocket } from 'node:dgram'
import { WebSocket } from 'ws'
import { startSipServer, type SipServer } from '../../scripts/sip-server/server'
import { runSipp } from './support/sipp'
import { authenticatedMessageScenario, messageScenario } from './support/sipp-scenarios'

let server: SipServer

beforeAll(async () => {
  server = await startSipServer()
})
afterAll(async () => {
  await server?.dispose()
})

/** Sends one REGISTER with no credentials over UDP and returns the answer's status line. */
function registerWithoutCredentials(user: string): Promise<string> {
  const socket = createSocket('udp4')
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close()
      reject(new Error('no answer to REGISTER'))
    }, 3000)
    socket.on('message', (data) => {
      clearTimeout(timer)
      socket.close()
      resolve(data.toString().split('\r\n')[0] ?? '')
    })
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address()
      const domain = server.domain
      const request = [
        `REGISTER sip:${domain} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-${user}-${Date.now()};rport`,
        `From: <sip:${user}@${domain}>;tag=t${port}`,
        `To: <sip:${user}@${domain}>`,
        `Call-ID: reg-${user}-${port}@127.0.0.1`,
        'CSeq: 1 REGISTER',
        `Contact: <sip:${user}@127.0.0.1:${port}>`,
        'Max-Forwards: 70',
        'Expires: 60',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n')
      socket.send(request, server.ports.udp, '127.0.0.1')
    })
  })
}

/** The HTTP status of a WebSocket handshake with `origin` (101 when it opened). */
function handshake(origin: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.wsUrl, 'sip', origin === undefined ? {} : { origin })
    ws.once('open', () => {
      ws.close()
      resolve(101)
    })
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('error', (error) => reject(error))
  })
}

describe('the project Kamailio, tried as an attacker would', () => {
  it('challenges a REGISTER for an unknown user exactly like one for a real user', async () => {
    const real = await registerWithoutCredentials('alice')
    const ghost = await registerWithoutCredentials('nobody-here')
    expect(real).toMatch(/^SIP\/2\.0 401 /)
    expect(ghost).toBe(real)
  })

  it('takes WebSocket handshakes from the app and from non-browsers, not from other sites', async () => {
    expect(await handshake('https://evil.example')).toBe(403)
    expect(await handshake('http://127.0.0.1.evil.example')).toBe(403)
    expect(await handshake('null')).toBe(403)
    // The desktop app, the e2e/demo static server (a free port on loopback), and a program.
    expect(await handshake('app://switchboard')).toBe(101)
    expect(await handshake('http://127.0.0.1:41234')).toBe(101)
    expect(await handshake(undefined)).toBe(101)
  })

  it('stores only a few offline messages from unauthenticated senders; local users still get through', async () => {
    // dave is offline. Rotating foreign senders fill his box up to the strangers' cap…
    const stranger = 'sip:stranger[call_number]@evil.example'
    const fill = await runSipp(messageScenario(stranger, 'hi', 202), server.ports.udp, 'dave', [
      '-m',
      '20',
      '-l',
      '1',
    ]).done
    expect(fill.code, fill.output).toBe(0)
    // …then one more is refused,
    const over = await runSipp(messageScenario(stranger, 'one more', 480), server.ports.udp, 'dave')
      .done
    expect(over.code, over.output).toBe(0)
    // while a local, authenticated sender is still stored.
    const alice = server.users.find((u) => u.username === 'alice')!
    const local = await runSipp(
      authenticatedMessageScenario('from alice', 202),
      server.ports.udp,
      'dave',
      ['-au', 'alice', '-ap', alice.password, '-key', 'caller', 'alice'],
    ).done
    expect(local.code, local.output).toBe(0)
  })
})
