import { describe, it, expect, vi } from 'vitest'
import { createLogConnector, redact } from './log'

const register = [
  'REGISTER sip:example.com SIP/2.0',
  'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
  'Authorization: Digest algorithm=MD5, username="alice", realm="example.com", nonce="n", uri="sip:example.com", response="0123456789abcdef0123456789abcdef", qop=auth, cnonce="c1", nc=00000001',
  'proxy-authorization:Digest username="alice", response="ffff"',
  'Contact: <sip:x@abc.invalid;transport=ws>;expires=600',
  '',
  '',
].join('\r\n')

describe('redact', () => {
  it('blanks Authorization and Proxy-Authorization values, keeps other headers', () => {
    const out = redact(register)
    expect(out).toContain('Authorization: [redacted]\r\n')
    expect(out).toContain('proxy-authorization: [redacted]\r\n')
    expect(out).toContain('Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1')
    expect(out).not.toContain('0123456789abcdef')
    expect(out).not.toContain('ffff')
  })

  it.each([
    ['digest response outside a header', 'got response="deadbeef", cnonce=abc', 'deadbeef'],
    ['the password anywhere', 'config {"pw":"hunter2"} hunter2!', 'hunter2'],
  ])('removes %s', (_name, text, secret) => {
    expect(redact(text, ['hunter2'])).not.toContain(secret)
  })

  it('ignores empty secrets', () => {
    expect(redact('abc', [''])).toBe('abc')
  })
})

describe('createLogConnector', () => {
  const logger = () => ({ debug: vi.fn(), warn: vi.fn(), error: vi.fn() })

  it('drops log/debug lines (SIP.js sends every level to the connector) unless verbose', () => {
    const quiet = logger()
    const connector = createLogConnector(quiet, () => [])
    connector('log', 'sip.Transport', undefined, 'Sending WebSocket message')
    connector('debug', 'sip.Transport', undefined, 'x')
    expect(quiet.debug).not.toHaveBeenCalled()

    const loud = logger()
    createLogConnector(loud, () => [], true)('log', 'sip.Transport', undefined, register)
    expect(loud.debug).toHaveBeenCalledOnce()
    expect(loud.debug.mock.calls[0]?.[0]).not.toContain('0123456789abcdef')
  })

  it('routes warn and error, redacted, with the category', () => {
    const out = logger()
    const connector = createLogConnector(out, () => ['s3cret'])
    connector('warn', 'sip.Registerer', undefined, 'password s3cret leaked')
    // Typed as string, but SIP.js's JavaScript does not enforce it.
    connector(
      'error',
      'sip.UserAgentCore',
      undefined,
      new Error('boom s3cret') as unknown as string,
    )
    expect(out.warn).toHaveBeenCalledWith('sip.Registerer: password [redacted] leaked')
    expect(out.error).toHaveBeenCalledWith('sip.UserAgentCore: boom [redacted]')
  })

  it('reports socket failures as warnings: the engine handles them, they are no program error', () => {
    const out = logger()
    createLogConnector(out, () => [])(
      'error',
      'sip.Transport',
      undefined,
      'WebSocket error occurred.',
    )
    expect(out.error).not.toHaveBeenCalled()
    expect(out.warn).toHaveBeenCalledWith('sip.Transport: WebSocket error occurred.')
  })

  it('a request the dead socket could not carry is a warning too (SIP.js answers it 503)', () => {
    const out = logger()
    const connector = createLogConnector(out, () => [])
    connector(
      'error',
      'sip.user-agent-client',
      undefined,
      'User agent client request transport error.',
    )
    connector('error', 'sip.transaction.nict', undefined, 'Transport error occurred in NICT.')
    expect(out.error).not.toHaveBeenCalled()
    expect(out.warn).toHaveBeenCalledTimes(2)
  })

  it('an answer the dead socket could not carry (a call that rang here as it dropped) is a warning', () => {
    const out = logger()
    const connector = createLogConnector(out, () => [])
    connector('error', 'sip.user-agent-server', undefined, 'Not connected.')
    connector(
      'error',
      'sip.UserAgent',
      undefined,
      'A transport error has occurred while handling an incoming INVITE request.',
    )
    expect(out.error).not.toHaveBeenCalled()
    expect(out.warn).toHaveBeenCalledTimes(2)
    // Other UserAgent errors stay errors.
    connector('error', 'sip.UserAgent', undefined, 'Something else broke.')
    expect(out.error).toHaveBeenCalledTimes(1)
  })

  it('offers crossing (re-INVITE glare during recovery) are warnings; other description errors are not', () => {
    const out = logger()
    const connector = createLogConnector(out, () => [])
    connector(
      'error',
      'sip.SessionDescriptionHandler',
      undefined,
      "SessionDescriptionHandler.getDescription failed - InvalidStateError: Failed to execute 'setLocalDescription' on 'RTCPeerConnection': Failed to set local offer sdp: Called in wrong state: have-remote-offer",
    )
    expect(out.warn).toHaveBeenCalledTimes(1)
    connector('error', 'sip.SessionDescriptionHandler', undefined, 'getUserMedia failed')
    expect(out.error).toHaveBeenCalledTimes(1)
  })

  it('describes non-string content', () => {
    const out = logger()
    createLogConnector(out, () => [])('warn', 'c', undefined, { a: 1 } as unknown as string)
    expect(out.warn).toHaveBeenCalledWith('c: {"a":1}')
  })
})
