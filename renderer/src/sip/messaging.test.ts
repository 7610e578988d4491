import { describe, expect, it, vi } from 'vitest'
import type { Message, UserAgent } from 'sip.js'
import type { EngineView } from './extension'
import type { RegistrationState, SipAccount } from './types'
import {
  MAX_INCOMING_MESSAGE_BYTES,
  MessageRefused,
  DateKeys,
  Messaging,
  classifyAnswer,
  fingerprint,
  mediaType,
  parseDateHeader,
  peerOf,
  utf8Length,
} from './messaging'
import type { IncomingChatMessage } from './messaging'

const answer = (statusCode: number, reasonPhrase: string, via = true) => ({
  statusCode,
  reasonPhrase,
  hasHeader: (name: string) => via && name === 'via',
})

describe('delivery state from the final answer', () => {
  it.each([
    [answer(200, 'OK'), true, { kind: 'delivered' }],
    [answer(202, 'Accepted for later delivery'), true, { kind: 'sent' }],
    [
      answer(404, 'Not Found'),
      true,
      { kind: 'failed', statusCode: 404, reason: 'Not Found (404)' },
    ],
    [answer(500, ''), true, { kind: 'failed', statusCode: 500, reason: 'error 500' }],
    [
      answer(408, 'Request Timeout', false),
      true,
      { kind: 'failed', statusCode: 408, reason: 'no answer in time' },
    ],
    [
      answer(503, 'Service Unavailable', false),
      true,
      { kind: 'failed', statusCode: 503, reason: 'network error' },
    ],
    // Made up locally after the registration was lost: not the peer's answer, send again.
    [answer(408, 'Request Timeout', false), false, { kind: 'retry' }],
    [answer(503, 'Service Unavailable', false), false, { kind: 'retry' }],
  ])('%o (same registration: %s)', (response, same, outcome) => {
    expect(classifyAnswer(response, same)).toEqual(outcome)
  })
})

describe('incoming helpers', () => {
  it('files a conversation under scheme:user@host', () => {
    expect(peerOf({ scheme: 'sip', user: 'bob', host: 'Example.COM', port: 5060 })).toBe(
      'sip:bob@example.com:5060',
    )
  })
  it('reads the media type without parameters', () => {
    expect(mediaType('Text/Plain; charset=UTF-8')).toBe('text/plain')
    expect(mediaType(undefined)).toBe('text/plain')
  })
  it('takes a Date header unless it is unreadable or in the future', () => {
    const now = Date.parse('Wed, 25 Nov 2026 19:00:00 GMT')
    expect(parseDateHeader('Wed, 25 Nov 2026 18:00:00 GMT', now)).toBe(now - 3_600_000)
    expect(parseDateHeader('Thu, 26 Nov 2026 18:00:00 GMT', now)).toBeUndefined()
    expect(parseDateHeader('yesterday', now)).toBeUndefined()
  })
  it('counts UTF-8 bytes and fingerprints content', () => {
    expect(utf8Length('é😀')).toBe(6)
    expect(fingerprint('a')).not.toBe(fingerprint('b'))
    expect(fingerprint('a')).toBe(fingerprint('a'))
  })
})

describe('duplicate names for messages that carry a Date', () => {
  it('keeps two identical messages of one delivery run apart, and matches a second run', () => {
    const keys = new DateKeys()
    expect(keys.next('bob|1000|abc', 0)).toBe('bob|1000|abc')
    expect(keys.next('bob|1000|abc', 5)).toBe('bob|1000|abc#2')
    expect(keys.next('bob|1000|other', 6)).toBe('bob|1000|other')
    // The store sends them again later: the same names as the first time.
    expect(keys.next('bob|1000|abc', 60_000)).toBe('bob|1000|abc')
    expect(keys.next('bob|1000|abc', 60_001)).toBe('bob|1000|abc#2')
    keys.reset()
    expect(keys.next('bob|1000|abc', 60_002)).toBe('bob|1000|abc')
  })
})

describe('receiving a MESSAGE', () => {
  const NOW = Date.parse('Wed, 25 Nov 2026 19:00:00 GMT')

  function setup(store: (message: IncomingChatMessage) => Promise<void> = async () => {}) {
    const stored: IncomingChatMessage[] = []
    let onRegistration: (state: RegistrationState) => void = () => {}
    const handlers = {
      store: vi.fn(async (message: IncomingChatMessage) => {
        await store(message)
        stored.push(message)
      }),
      composing: vi.fn(),
      receipt: vi.fn(),
      registered: vi.fn(),
    }
    const messaging = new Messaging(handlers, { now: () => NOW })
    const receipts = vi.spyOn(messaging, 'sendReceipt').mockImplementation(() => {})
    const engine: EngineView = {
      connection: 'connected',
      registration: { kind: 'registered', expiresAt: NOW + 600_000 },
      on: ((event: string, listener: (state: RegistrationState) => void) => {
        if (event === 'registration') onRegistration = listener
        return () => {}
      }) as EngineView['on'],
    }
    const attachment = messaging.extension.attach({
      userAgent: {} as UserAgent,
      account: {} as SipAccount,
      engine,
    })
    const claimed = attachment?.delegate?.onMessage
    if (!claimed) throw new Error('messaging claims no MESSAGE')
    const onMessage: (message: Message) => void = claimed
    let n = 0
    function deliver(body: string, headers: Record<string, string> = {}) {
      n += 1
      const accept = vi.fn(async () => {})
      const reject = vi.fn(async () => {})
      const all: Record<string, string> = { 'content-type': 'text/plain', ...headers }
      const message = {
        request: {
          from: { uri: { scheme: 'sip', user: 'bob', host: 'Example.com' }, displayName: 'Bob' },
          getHeader: (name: string) => all[name.toLowerCase()],
          body,
          callId: `call-${n}`,
          cseq: 1,
        },
        accept,
        reject,
      }
      onMessage(message as unknown as Message)
      return { accept, reject }
    }
    const reregister = () => {
      onRegistration({ kind: 'unregistered' })
      onRegistration({ kind: 'registered', expiresAt: NOW + 600_000 })
    }
    return { deliver, stored, handlers, reregister, receipts }
  }

  it('answers 200 only once the message is stored, 500 when it could not be', async () => {
    let release = (): void => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { deliver } = setup(() => gate)
    const first = deliver('hello')
    await Promise.resolve()
    expect(first.accept).not.toHaveBeenCalled()
    release()
    await vi.waitFor(() => expect(first.accept).toHaveBeenCalledOnce())

    const failing = setup(async () => {
      throw new Error('disk full')
    })
    const second = failing.deliver('hello')
    await vi.waitFor(() =>
      expect(second.reject).toHaveBeenCalledWith({
        statusCode: 500,
        reasonPhrase: 'Could not store message',
      }),
    )
    expect(second.accept).not.toHaveBeenCalled()
  })

  it("takes the time from a server's Date and names identical same-second texts apart", async () => {
    const { deliver, stored, reregister } = setup()
    const date = 'Wed, 25 Nov 2026 18:59:30 GMT'
    deliver('ok', { date })
    deliver('ok', { date })
    deliver('no date')
    await vi.waitFor(() => expect(stored).toHaveLength(3))
    expect(stored.map((m) => m.at)).toEqual([NOW - 30_000, NOW - 30_000, NOW])
    expect(stored[0]!.dateKey).not.toBe(stored[1]!.dateKey)
    expect(stored[2]!.dateKey).toBeUndefined()
    expect(stored[0]!.key).not.toBe(stored[1]!.key)
    // Signed in again, the store dumps the same two: the same names, so they are dropped.
    reregister()
    deliver('ok', { date })
    deliver('ok', { date })
    await vi.waitFor(() => expect(stored).toHaveLength(5))
    expect(stored.slice(3).map((m) => m.dateKey)).toEqual(stored.slice(0, 2).map((m) => m.dateKey))
  })

  it('answers 413 to a body over the cap, before storing or reading it', async () => {
    const { deliver, handlers } = setup()
    const big = deliver('x'.repeat(MAX_INCOMING_MESSAGE_BYTES + 1))
    await vi.waitFor(() =>
      expect(big.reject).toHaveBeenCalledWith({
        statusCode: 413,
        reasonPhrase: 'Message Too Large',
      }),
    )
    // Bytes, not characters: 2-byte characters count twice.
    const wide = deliver('é'.repeat(MAX_INCOMING_MESSAGE_BYTES / 2 + 1))
    await vi.waitFor(() => expect(wide.reject).toHaveBeenCalled())
    const typing = deliver(' '.repeat(MAX_INCOMING_MESSAGE_BYTES + 1), {
      'content-type': 'application/im-iscomposing+xml',
    })
    await vi.waitFor(() => expect(typing.reject).toHaveBeenCalled())
    expect(handlers.store).not.toHaveBeenCalled()
    expect(handlers.composing).not.toHaveBeenCalled()
    const fits = deliver('x'.repeat(MAX_INCOMING_MESSAGE_BYTES))
    await vi.waitFor(() => expect(fits.accept).toHaveBeenCalled())
  })

  it('answers a refusal from the store with its own status', async () => {
    const { deliver } = setup(async () => {
      throw new MessageRefused(480, 'Too many unread messages')
    })
    const refused = deliver('hello')
    await vi.waitFor(() =>
      expect(refused.reject).toHaveBeenCalledWith({
        statusCode: 480,
        reasonPhrase: 'Too many unread messages',
      }),
    )
  })

  it('never stores a typing indication', async () => {
    const { deliver, handlers } = setup()
    const { accept } = deliver(
      '<?xml version="1.0"?><isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"><state>active</state></isComposing>',
      { 'content-type': 'application/im-iscomposing+xml' },
    )
    await vi.waitFor(() => expect(accept).toHaveBeenCalled())
    expect(handlers.store).not.toHaveBeenCalled()
    expect(handlers.composing).toHaveBeenCalledWith(expect.objectContaining({ active: true }))
  })

  it('takes a disposition notification as a receipt, never as a message', async () => {
    const { deliver, handlers } = setup()
    const { accept } = deliver(
      '<imdn xmlns="urn:ietf:params:xml:ns:imdn"><message-id>sb-1</message-id>' +
        '<display-notification><status><displayed/></status></display-notification></imdn>',
      { 'content-type': 'message/imdn+xml' },
    )
    await vi.waitFor(() => expect(accept).toHaveBeenCalled())
    expect(handlers.store).not.toHaveBeenCalled()
    expect(handlers.receipt).toHaveBeenCalledWith({
      peer: 'sip:bob@example.com',
      notification: { messageId: 'sb-1', kind: 'display', status: 'displayed' },
    })
  })

  it('drops an unreadable notification quietly (200, nothing shown)', async () => {
    const { deliver, handlers } = setup()
    const { accept } = deliver('<!DOCTYPE imdn><imdn/>', { 'content-type': 'message/imdn+xml' })
    await vi.waitFor(() => expect(accept).toHaveBeenCalled())
    expect(handlers.store).not.toHaveBeenCalled()
    expect(handlers.receipt).not.toHaveBeenCalled()
  })

  it('unwraps CPIM, stores the text with its IMDN request, then says "delivered"', async () => {
    const { deliver, stored, receipts } = setup()
    const cpim = [
      'From: <sip:bob@example.com>',
      'To: <sip:alice@example.com>',
      'DateTime: 2026-11-25T18:59:00Z',
      'NS: imdn <urn:ietf:params:imdn>',
      'imdn.Message-ID: m-7',
      'imdn.Disposition-Notification: positive-delivery, display',
      '',
      'Content-Type: text/plain',
      '',
      'Hello Alice',
    ].join('\r\n')
    const { accept } = deliver(cpim, { 'content-type': 'message/cpim' })
    await vi.waitFor(() => expect(accept).toHaveBeenCalled())
    expect(stored[0]).toMatchObject({
      contentType: 'text/plain',
      body: 'Hello Alice',
      imdn: { messageId: 'm-7', delivery: true, display: true },
    })
    expect(receipts).toHaveBeenCalledWith(
      'sip:bob@example.com',
      'delivered',
      expect.objectContaining({ messageId: 'm-7', dateTime: '2026-11-25T18:59:00Z' }),
    )
  })

  it("names a message by its sender's imdn.Message-ID: a second copy under a new Call-ID is the same", async () => {
    const { deliver, stored } = setup()
    const cpim = (id: string) =>
      `NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: ${id}\r\n` +
      'imdn.Disposition-Notification: positive-delivery\r\n\r\nContent-Type: text/plain\r\n\r\nsame text'
    deliver(cpim('m-9'), { 'content-type': 'message/cpim' })
    deliver(cpim('m-9'), { 'content-type': 'message/cpim' }) // new Call-ID, no Date
    deliver(cpim('m-10'), { 'content-type': 'message/cpim' })
    await vi.waitFor(() => expect(stored).toHaveLength(3))
    expect(stored[0]!.key).toBe('in:imdn:sip:bob@example.com:m-9')
    expect(stored[1]!.key).toBe(stored[0]!.key)
    expect(stored[2]!.key).not.toBe(stored[0]!.key)
    // Without a Message-ID, each request is its own message.
    deliver('plain')
    await vi.waitFor(() => expect(stored).toHaveLength(4))
    expect(stored[3]!.key).toMatch(/^in:call-\d+:1$/)
  })

  it('sends no "delivered" when the message could not be stored, or none was asked for', async () => {
    const failing = setup(async () => {
      throw new Error('disk full')
    })
    const cpim =
      'NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: m-8\r\n' +
      'imdn.Disposition-Notification: positive-delivery\r\n\r\nContent-Type: text/plain\r\n\r\nx'
    const { reject } = failing.deliver(cpim, { 'content-type': 'message/cpim' })
    await vi.waitFor(() => expect(reject).toHaveBeenCalled())
    expect(failing.receipts).not.toHaveBeenCalled()
    const plain = setup()
    const { accept } = plain.deliver('no receipts please')
    await vi.waitFor(() => expect(accept).toHaveBeenCalled())
    expect(plain.receipts).not.toHaveBeenCalled()
  })
})
