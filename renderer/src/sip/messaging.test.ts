import { describe, expect, it } from 'vitest'
import {
  classifyAnswer,
  fingerprint,
  mediaType,
  parseDateHeader,
  peerOf,
  utf8Length,
} from './messaging'

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
