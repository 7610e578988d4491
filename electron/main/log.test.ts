import { describe, expect, it } from 'vitest'
import { createLogger, redact, redactText } from './log'

describe('redactText', () => {
  it.each([
    ['Authorization: Digest username="alice", response="abc123"', 'Authorization: [redacted]'],
    ['proxy-authorization:Digest realm="x"', 'proxy-authorization: [redacted]'],
    ['password=hunter2&user=alice', 'password=[redacted]&user=alice'],
    ['{"password":"hunter2","user":"alice"}', '{"password":[redacted],"user":"alice"}'],
    ["credential: 'turn-secret'", 'credential: [redacted]'],
    ['wss://alice:hunter2@sip.example.com/ws', 'wss://alice:[redacted]@sip.example.com/ws'],
    ['REGISTER sip:example.com SIP/2.0', 'REGISTER sip:example.com SIP/2.0'],
    ['the passive voice', 'the passive voice'],
  ])('%j → %j', (input, output) => {
    expect(redactText(input)).toBe(output)
  })

  it('blanks every Authorization line of a SIP message', () => {
    const message = [
      'REGISTER sip:example.com SIP/2.0',
      'Authorization: Digest username="alice", nonce="n", response="r"',
      'Via: SIP/2.0/WSS x.invalid',
      'Proxy-Authorization: Digest username="alice"',
      '',
    ].join('\r\n')
    const out = redactText(message)
    expect(out).not.toContain('response')
    expect(out).toContain('Via: SIP/2.0/WSS x.invalid')
    expect(out.match(/\[redacted\]/g)).toHaveLength(2)
  })
})

describe('redact', () => {
  it('blanks secret-named keys at any depth and scrubs strings', () => {
    const input = {
      accountId: 'sip:alice@example.com',
      password: 'hunter2',
      nested: { sipPassword: 'x', credential: 'y', headers: { Authorization: 'Digest z' } },
      list: ['password=abc'],
    }
    expect(redact(input)).toEqual({
      accountId: 'sip:alice@example.com',
      password: '[redacted]',
      nested: {
        sipPassword: '[redacted]',
        credential: '[redacted]',
        headers: { Authorization: '[redacted]' },
      },
      list: ['password=[redacted]'],
    })
  })

  it('handles errors, cycles and primitives', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    expect(redact(cyclic)).toEqual({ a: 1, self: '[circular]' })
    expect(redact(42)).toBe(42)
    expect(redact(null)).toBeNull()
    const error = redact(new Error('login failed, password=hunter2')) as { message: string }
    expect(error.message).toBe('login failed, password=[redacted]')
  })
})

describe('createLogger', () => {
  it('prefixes lines with the module name and redacts messages and details', () => {
    const lines: unknown[][] = []
    const sink = {
      debug: (...a: unknown[]) => lines.push(['debug', ...a]),
      info: (...a: unknown[]) => lines.push(['info', ...a]),
      warn: (...a: unknown[]) => lines.push(['warn', ...a]),
      error: (...a: unknown[]) => lines.push(['error', ...a]),
    }
    const log = createLogger('credentials', sink)
    log.info('saved password=hunter2', { password: 'hunter2' })
    log.child('file').warn('x')
    expect(lines).toEqual([
      ['info', '[credentials]', 'saved password=[redacted]', { password: '[redacted]' }],
      ['warn', '[credentials:file]', 'x'],
    ])
    expect(JSON.stringify(lines)).not.toContain('hunter2')
  })
})
