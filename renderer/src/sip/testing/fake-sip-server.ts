// Unit-test stand-in for the network: a WebSocket class (the subset SIP.js uses) whose other end
// is a scripted SIP server. Real SIP.js runs on top, so its retries and quirks are exercised; it
// proves the engine's state machine, never that a SIP feature works (that is test/e2e's job).

export interface SipRequest {
  readonly method: string
  readonly raw: string
  /** First value of a header (full names, case-insensitive). */
  header(name: string): string | undefined
  headers(name: string): string[]
}

export type RequestHandler = (request: SipRequest, socket: FakeSocket) => void

export interface FakeSocket {
  readonly url: string
  readonly readyState: number
  readonly sent: SipRequest[]
  /** Server → client. */
  push(text: string): void
  reply(request: SipRequest, status: number, reason: string, extraHeaders?: string[]): void
  /** The server side goes away (abnormal close, code 1006). */
  drop(): void
}

export interface FakeSipServer {
  /** What a new WebSocket does: open, fail to open, or never finish the handshake. */
  connect: 'open' | 'refuse' | 'hang'
  onRequest: RequestHandler
  readonly sockets: FakeSocket[]
  readonly requests: SipRequest[]
  /** Assign to globalThis.WebSocket. */
  readonly WebSocket: unknown
}

export function parseRequest(raw: string): SipRequest {
  const end = raw.indexOf('\r\n\r\n')
  const head = (end >= 0 ? raw.slice(0, end) : raw).split('\r\n')
  const method = (head[0] ?? '').split(' ')[0] ?? ''
  const fields: Array<[string, string]> = []
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':')
    if (colon > 0)
      fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()])
  }
  const headers = (name: string): string[] =>
    fields.filter(([key]) => key === name.toLowerCase()).map(([, value]) => value)
  return { method, raw, header: (name) => headers(name)[0], headers }
}

export function sipResponse(
  request: SipRequest,
  status: number,
  reason: string,
  extraHeaders: string[] = [],
): string {
  const to = request.header('to') ?? ''
  const lines = [
    `SIP/2.0 ${status} ${reason}`,
    ...request.headers('via').map((via) => `Via: ${via}`),
    `From: ${request.header('from') ?? ''}`,
    `To: ${/;tag=/i.test(to) ? to : `${to};tag=fake${status}`}`,
    `Call-ID: ${request.header('call-id') ?? ''}`,
    `CSeq: ${request.header('cseq') ?? ''}`,
    ...extraHeaders,
    'Content-Length: 0',
    '',
    '',
  ]
  return lines.join('\r\n')
}

export const digestChallenge =
  'WWW-Authenticate: Digest realm="fake", nonce="0123456789abcdef", algorithm=MD5, qop="auth"'

/** The Contact a 200 to REGISTER carries: the request's own, with the granted lifetime. */
export function grantedContact(request: SipRequest, expires: number): string {
  const contact = request.header('contact') ?? ''
  return `Contact: ${contact.replace(/;expires=\d+/i, '')};expires=${expires}`
}

/** A registrar that challenges once, then accepts any credentials. */
export function acceptingRegistrar(expires = 600): RequestHandler {
  return (request, socket) => {
    if (request.method !== 'REGISTER') return
    if (!request.header('authorization')) {
      socket.reply(request, 401, 'Unauthorized', [digestChallenge])
      return
    }
    const asked = /;expires=(\d+)/i.exec(request.header('contact') ?? '')?.[1]
    if (asked === '0') socket.reply(request, 200, 'OK')
    else socket.reply(request, 200, 'OK', [grantedContact(request, expires)])
  }
}

/** A registrar that challenges, then answers the authenticated REGISTER with `status`. */
export function rejectingRegistrar(
  status: number,
  reason: string,
  extraHeaders: string[] = [],
): RequestHandler {
  return (request, socket) => {
    if (request.method !== 'REGISTER') return
    if (!request.header('authorization'))
      socket.reply(request, 401, 'Unauthorized', [digestChallenge])
    else
      socket.reply(
        request,
        status,
        reason,
        status === 401 ? [digestChallenge, ...extraHeaders] : extraHeaders,
      )
  }
}

type Listener = (event: unknown) => void

const CONNECTING = 0
const OPEN = 1
const CLOSED = 3

export function createFakeSipServer(
  onRequest: RequestHandler = acceptingRegistrar(),
): FakeSipServer {
  const server = {
    connect: 'open' as FakeSipServer['connect'],
    onRequest,
    sockets: [] as FakeSocket[],
    requests: [] as SipRequest[],
    WebSocket: undefined as unknown,
  }

  class FakeWebSocket implements FakeSocket {
    static readonly CONNECTING = CONNECTING
    static readonly OPEN = OPEN
    static readonly CLOSED = CLOSED
    binaryType = 'blob'
    readyState = CONNECTING
    readonly sent: SipRequest[] = []
    private readonly listeners = new Map<string, Set<Listener>>()

    constructor(
      readonly url: string,
      readonly protocol?: string | string[],
    ) {
      server.sockets.push(this)
      // Snapshot: a test may change the behaviour before the handshake would complete.
      const behaviour = server.connect
      setTimeout(() => {
        if (this.readyState !== CONNECTING) return
        if (behaviour === 'open') {
          this.readyState = OPEN
          this.dispatch('open', { type: 'open' })
        } else if (behaviour === 'refuse') {
          this.readyState = CLOSED
          this.dispatch('error', { type: 'error' })
          this.dispatch('close', { type: 'close', code: 1006, reason: '', wasClean: false })
        }
      }, 0)
    }

    addEventListener(type: string, listener: Listener): void {
      let set = this.listeners.get(type)
      if (!set) {
        set = new Set()
        this.listeners.set(type, set)
      }
      set.add(listener)
    }

    removeEventListener(type: string, listener: Listener): void {
      this.listeners.get(type)?.delete(listener)
    }

    send(data: string): void {
      if (this.readyState !== OPEN) throw new Error('WebSocket is not open')
      if (/^(\r\n)+$/.test(data)) return
      const request = parseRequest(data)
      this.sent.push(request)
      server.requests.push(request)
      // Answer on a later tick, like a network would.
      setTimeout(() => {
        if (this.readyState === OPEN) server.onRequest(request, this)
      }, 0)
    }

    close(code = 1000): void {
      if (this.readyState === CLOSED) return
      const wasOpen = this.readyState === OPEN
      this.readyState = CLOSED
      setTimeout(() => {
        if (!wasOpen) this.dispatch('error', { type: 'error' })
        this.dispatch('close', { type: 'close', code, reason: '', wasClean: wasOpen })
      }, 0)
    }

    push(text: string): void {
      if (this.readyState !== OPEN) return
      this.dispatch('message', { type: 'message', data: text })
    }

    reply(request: SipRequest, status: number, reason: string, extraHeaders: string[] = []): void {
      this.push(sipResponse(request, status, reason, extraHeaders))
    }

    drop(): void {
      if (this.readyState === CLOSED) return
      this.readyState = CLOSED
      this.dispatch('close', { type: 'close', code: 1006, reason: '', wasClean: false })
    }

    private dispatch(type: string, event: unknown): void {
      for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event)
    }
  }

  server.WebSocket = FakeWebSocket
  return server
}
