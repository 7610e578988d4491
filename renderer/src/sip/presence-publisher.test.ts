import { describe, expect, it } from 'vitest'
import type { UserAgent } from 'sip.js'
import type { Clock } from './clock'
import { PresencePublisher } from './presence-publisher'

// A stand-in for SIP.js's core: records each PUBLISH and lets the test answer it. The real
// exchange with Kamailio is covered by test/e2e/presence.test.ts.
interface Sent {
  headers: string[]
  body: string | undefined
  answer(code: number, headers?: Record<string, string>): void
}

function fakeUserAgent() {
  const sent: Sent[] = []
  const core = {
    configuration: { aor: 'sip:alice@example.com' },
    makeOutgoingRequestMessage: (
      _m: string,
      _r: unknown,
      _f: unknown,
      _t: unknown,
      _o: unknown,
      headers: string[],
      body?: { content: string },
    ) => ({
      headers,
      body: body?.content,
    }),
    publish: (
      message: { headers: string[]; body: string | undefined },
      delegate: { onAccept: (r: unknown) => void; onReject: (r: unknown) => void },
    ) => {
      sent.push({
        ...message,
        answer: (code, headers = {}) => {
          const response = {
            message: {
              statusCode: code,
              reasonPhrase: '',
              getHeader: (name: string) => headers[name],
            },
          }
          if (code < 300) delegate.onAccept(response)
          else delegate.onReject(response)
        },
      })
    },
  }
  return { ua: { userAgentCore: core } as unknown as UserAgent, sent }
}

function manualClock() {
  const timers: Array<{ at: number; fn: () => void; id: number }> = []
  let now = 0
  let next = 1
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: next })
      return next++ as unknown as ReturnType<Clock['setTimeout']>
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === (id as unknown as number))
      if (i >= 0) timers.splice(i, 1)
    },
    setInterval: () => 0 as unknown as ReturnType<Clock['setInterval']>,
    clearInterval: () => undefined,
  }
  const advance = (ms: number): void => {
    now += ms
    for (const t of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(t), 1)
      t.fn()
    }
  }
  return { clock, advance }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('PresencePublisher', () => {
  it('sends one PUBLISH at a time, then modifies with SIP-If-Match', async () => {
    const { ua, sent } = fakeUserAgent()
    const { clock } = manualClock()
    const publisher = new PresencePublisher(ua, { expires: 600, clock, log: () => undefined })
    void publisher.publish('one')
    void publisher.publish('two')
    await flush()
    expect(sent).toHaveLength(1)
    sent[0]!.answer(200, { 'SIP-ETag': 'e1', Expires: '600' })
    await flush()
    expect(sent).toHaveLength(2)
    expect(sent[1]!.headers).toContain('SIP-If-Match: e1')
    expect(sent[1]!.body).toBe('two')
  })

  it('refreshes before expiry without a body, and removes with Expires: 0', async () => {
    const { ua, sent } = fakeUserAgent()
    const { clock, advance } = manualClock()
    const publisher = new PresencePublisher(ua, { expires: 600, clock, log: () => undefined })
    void publisher.publish('doc')
    await flush()
    sent[0]!.answer(200, { 'SIP-ETag': 'e1', Expires: '100' })
    await flush()
    advance(79_000)
    expect(sent).toHaveLength(1)
    advance(2_000)
    await flush()
    expect(sent).toHaveLength(2)
    expect(sent[1]!.body).toBeUndefined()
    expect(sent[1]!.headers).toContain('SIP-If-Match: e1')
    sent[1]!.answer(200, { 'SIP-ETag': 'e2', Expires: '100' })
    await flush()
    const closing = publisher.close()
    await flush()
    expect(sent[2]!.headers).toEqual(['Event: presence', 'Expires: 0', 'SIP-If-Match: e2'])
    sent[2]!.answer(200, { 'SIP-ETag': 'e2' })
    await closing
  })

  it('starts afresh after a 412 (the server forgot the entity tag)', async () => {
    const { ua, sent } = fakeUserAgent()
    const { clock } = manualClock()
    const publisher = new PresencePublisher(ua, { expires: 600, clock, log: () => undefined })
    void publisher.publish('a')
    await flush()
    sent[0]!.answer(200, { 'SIP-ETag': 'e1' })
    await flush()
    void publisher.publish('b')
    await flush()
    sent[1]!.answer(412)
    await flush()
    expect(sent[2]!.headers.some((h) => h.startsWith('SIP-If-Match'))).toBe(false)
    expect(sent[2]!.body).toBe('b')
  })
})
