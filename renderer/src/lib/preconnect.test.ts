import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Core } from 'sip.js'
import { ByteSafeTransport } from '@/sip/byte-transport'
import {
  claimPreconnected,
  closePreconnected,
  preconnect,
  UNCLAIMED_MS,
  withSocket,
} from './preconnect'

/** A WebSocket that opens when the test says so; records every one constructed. */
class FakeSocket extends EventTarget {
  static made: FakeSocket[] = []
  readyState = 0
  binaryType = 'blob'
  sent: string[] = []
  closedWith: number | undefined
  constructor(
    readonly url: string,
    readonly protocol?: string | string[],
  ) {
    super()
    FakeSocket.made.push(this)
  }
  open(): void {
    this.readyState = 1
    this.dispatchEvent(new Event('open'))
  }
  send(data: string): void {
    this.sent.push(data)
  }
  close(code?: number): void {
    this.closedWith = code
    this.readyState = 3
  }
  receive(data: string): void {
    this.dispatchEvent(new MessageEvent('message', { data }))
  }
}

const SERVER = 'ws://pbx.example:8080/ws'
const Fake = FakeSocket as unknown as typeof WebSocket
const logs = new Core.LoggerFactory()
logs.builtinEnabled = false
const logger = logs.getLogger('test')
let realWebSocket: unknown

beforeEach(() => {
  FakeSocket.made = []
  realWebSocket = (globalThis as { WebSocket?: unknown }).WebSocket
  ;(globalThis as { WebSocket?: unknown }).WebSocket = FakeSocket
})
afterEach(() => {
  closePreconnected()
  ;(globalThis as { WebSocket?: unknown }).WebSocket = realWebSocket
  vi.useRealTimers()
})

describe('preconnect', () => {
  it('opens one SIP socket per account, each claimed once', () => {
    preconnect([SERVER, SERVER, 'ws://other.example/ws'], Fake)
    expect(FakeSocket.made.map((s) => [s.url, s.protocol])).toEqual([
      [SERVER, 'sip'],
      [SERVER, 'sip'],
      ['ws://other.example/ws', 'sip'],
    ])
    expect(claimPreconnected(SERVER)).toBe(FakeSocket.made[0])
    expect(claimPreconnected(SERVER)).toBe(FakeSocket.made[1])
    expect(claimPreconnected(SERVER)).toBeUndefined()
    expect(claimPreconnected('ws://unknown.example/ws')).toBeUndefined()
  })

  it('does not hand out a socket that closed before it was claimed', () => {
    preconnect([SERVER, SERVER], Fake)
    FakeSocket.made[0]!.close()
    expect(claimPreconnected(SERVER)).toBe(FakeSocket.made[1])
  })

  it('closes a socket nobody claimed in time, and keeps a claimed one open', () => {
    vi.useFakeTimers()
    preconnect([SERVER, SERVER], Fake)
    const claimed = claimPreconnected(SERVER)
    vi.advanceTimersByTime(UNCLAIMED_MS)
    expect(FakeSocket.made[1]!.closedWith).toBe(1000)
    expect((claimed as unknown as FakeSocket).closedWith).toBeUndefined()
    expect(claimPreconnected(SERVER)).toBeUndefined()
  })

  it('skips a server the browser refuses as a URL', () => {
    const Throwing = function (url: string) {
      if (url.startsWith('bad')) throw new SyntaxError('not a URL')
      return new FakeSocket(url, 'sip')
    } as unknown as typeof WebSocket
    preconnect(['bad url', SERVER], Throwing)
    expect(FakeSocket.made.map((s) => s.url)).toEqual([SERVER])
  })

  it('swaps the global constructor only for the one call, and only for that server', () => {
    const mine = new FakeSocket(SERVER, 'sip') as unknown as WebSocket
    const got = withSocket(SERVER, mine, () => [
      new WebSocket(SERVER, 'sip'),
      new WebSocket(SERVER, 'sip'),
      new WebSocket('ws://other.example/ws', 'sip'),
    ])
    expect(got[0]).toBe(mine)
    expect(got[1]).not.toBe(mine)
    expect((got[2] as unknown as FakeSocket).url).toBe('ws://other.example/ws')
    expect(globalThis.WebSocket).toBe(FakeSocket)
    expect(() =>
      withSocket(SERVER, mine, () => {
        throw new Error('boom')
      }),
    ).toThrow('boom')
    expect(globalThis.WebSocket).toBe(FakeSocket)
  })
})

describe('the transport on a preconnected socket', () => {
  function transport(): { transport: ByteSafeTransport; received: string[] } {
    const received: string[] = []
    const t = new ByteSafeTransport(logger, { server: SERVER, connectionTimeout: 5 })
    t.onMessage = (message) => received.push(message)
    return { transport: t, received }
  }

  it('connects at once on a socket that is already open, opening no other', async () => {
    preconnect([SERVER], Fake)
    const early = FakeSocket.made[0]!
    early.open()
    const { transport: t, received } = transport()
    await t.connect()
    expect(t.isConnected()).toBe(true)
    expect(FakeSocket.made).toHaveLength(1)
    await t.send('REGISTER sip:pbx.example SIP/2.0\r\n\r\n')
    expect(early.sent).toEqual(['REGISTER sip:pbx.example SIP/2.0\r\n\r\n'])
    early.receive('SIP/2.0 200 OK\r\n\r\n')
    expect(received).toEqual(['SIP/2.0 200 OK\r\n\r\n'])
    expect(early.binaryType).toBe('arraybuffer')
  })

  it('waits for a socket still connecting, and opens its own once that one is used', async () => {
    preconnect([SERVER], Fake)
    const early = FakeSocket.made[0]!
    const { transport: t } = transport()
    const connected = t.connect()
    expect(t.isConnected()).toBe(false)
    early.open()
    await connected
    expect(t.isConnected()).toBe(true)
    // A reconnect later opens a socket of its own.
    early.close()
    early.dispatchEvent(new CloseEvent('close', { code: 1006 }))
    await vi.waitFor(() => expect(t.isConnected()).toBe(false))
    const again = t.connect()
    expect(FakeSocket.made).toHaveLength(2)
    FakeSocket.made[1]!.open()
    await again
    expect(t.isConnected()).toBe(true)
  })

  it('opens its own socket when none was preconnected', async () => {
    const { transport: t } = transport()
    const connected = t.connect()
    expect(FakeSocket.made).toHaveLength(1)
    FakeSocket.made[0]!.open()
    await connected
    expect(t.isConnected()).toBe(true)
  })
})
