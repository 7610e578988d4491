import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
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

// Issue 10 row 10: a recorded REGISTER exchange (401 challenge, then the authenticated retry,
// once as a multi-line trace and once folded onto one line) plus the ways a password reaches
// a log line: none of its secrets may survive redaction.
describe('a recorded REGISTER exchange', () => {
  const recorded = readFileSync(
    fileURLToPath(new URL('./fixtures/register-exchange.txt', import.meta.url)),
    'utf8',
  )
  const secrets = ['s3cr3t-Pa55', '6629fae49393a05397450978507c4ef1', 'p6tgd1ttek2c']

  it('holds the secrets before redaction (the fixture is a real test)', () => {
    for (const secret of secrets) expect(recorded).toContain(secret)
  })

  it.each(secrets)('has no %s after redaction', (secret) => {
    expect(redactText(recorded)).not.toContain(secret)
  })

  it('keeps what is not a secret', () => {
    const out = redactText(recorded)
    expect(out).toContain('WWW-Authenticate: Digest realm="127.0.0.1"')
    expect(out).toContain('Call-ID: 8k7ukj4o4rfbm0ao3v4cb1')
    expect(out).toContain('server=wss://127.0.0.1:8443')
  })

  it.each([
    ['send: Authorization: Digest response="abc"', 'send: Authorization: [redacted]'],
    ['pwd=hunter2 pw=hunter2', 'pwd=[redacted] pw=[redacted]'],
    ['the password hunter2 was typed', 'the password [redacted] was typed'],
    ['digest response=abc, cnonce="xyz"', 'digest response=[redacted], cnonce=[redacted]'],
    ['X-Authorization-Mode: none', 'X-Authorization-Mode: none'],
  ])('%j → %j', (input, output) => {
    expect(redactText(input)).toBe(output)
  })
})
