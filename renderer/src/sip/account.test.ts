import { describe, it, expect } from 'vitest'
import { accountMessages as m, firstAccountError, validateAccount } from './account'
import type { AccountInput } from './account'

const base: AccountInput = {
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com/ws',
  password: 'secret',
}

describe('validateAccount: SIP address', () => {
  it.each([
    ['sip:alice@example.com', 'sip:alice@example.com'],
    ['alice@example.com', 'sip:alice@example.com'],
    ['  alice@Example.COM  ', 'sip:alice@example.com'],
    ['SIP:alice@example.com', 'sip:alice@example.com'],
    ['sip:alice@example.com:5060', 'sip:alice@example.com:5060'],
    ['sip:+4930123@pbx.example.com', 'sip:+4930123@pbx.example.com'],
    ['sip:alice.smith_2@127.0.0.1', 'sip:alice.smith_2@127.0.0.1'],
    ['sip:alice@[::1]:5060', 'sip:alice@[::1]:5060'],
    ['sip:al%20ice@example.com', 'sip:al%20ice@example.com'],
    ['sip:alice@localhost', 'sip:alice@localhost'],
  ])('accepts %j as %s', (aor, expected) => {
    const result = validateAccount({ ...base, aor })
    expect(result).toMatchObject({ ok: true, account: { aor: expected } })
  })

  it.each([
    ['', m.aorMissing],
    ['   ', m.aorMissing],
    ['alice', m.aorInvalid],
    ['@example.com', m.aorInvalid],
    ['sip:@example.com', m.aorInvalid],
    ['sip:alice@', m.aorInvalid],
    ['sip:alice@example .com', m.aorInvalid],
    ['alice smith@example.com', m.aorInvalid],
    ['sip:alice@@example.com', m.aorInvalid],
    ['sip:alice@exa_mple.com', m.aorInvalid],
    ['sip:alice@example.com:0', m.aorInvalid],
    ['sip:alice@example.com:70000', m.aorInvalid],
    ['sip:alice@example.com:port', m.aorInvalid],
    ['sip:alice@example.com;transport=ws', m.aorInvalid],
    ['sip:alice@999.1.1.1', m.aorInvalid],
    ['sip:ali<ce@example.com', m.aorInvalid],
    ['alice:pw@example.com', m.aorInvalid],
    ['tel:+123456', m.aorInvalid],
    ['https://example.com', m.aorInvalid],
    ['sips:alice@example.com', m.aorScheme],
    ['sip:alice@example.com\r\nX: y', m.aorInvalid],
  ])('rejects %j', (aor, message) => {
    expect(validateAccount({ ...base, aor })).toEqual({ ok: false, errors: { aor: message } })
  })
})

describe('validateAccount: WebSocket server', () => {
  it.each([
    'wss://sip.example.com',
    'wss://sip.example.com:8443/ws',
    'WSS://sip.example.com/ws',
    'ws://localhost:8080',
    'ws://127.0.0.1:5066/ws',
    'ws://[::1]:5066',
    'wss://127.0.0.1:4443',
  ])('accepts %s', (server) => {
    expect(validateAccount({ ...base, server })).toMatchObject({ ok: true, account: { server } })
  })

  it.each([
    ['', m.serverMissing],
    ['sip.example.com', m.serverInvalid],
    ['wss:sip.example.com', m.serverInvalid],
    ['wss://', m.serverInvalid],
    ['wss://sip example.com', m.serverInvalid],
    ['wss://user:pw@sip.example.com', m.serverInvalid],
    ['wss://sip.example.com/ws#x', m.serverInvalid],
    ['https://sip.example.com', m.serverScheme],
    ['http://localhost:8080', m.serverScheme],
    ['ws://sip.example.com', m.serverInsecure],
    ['ws://192.168.1.10:8080', m.serverInsecure],
    ['ws://127.0.0.2:8080', m.serverInsecure],
  ])('rejects %j', (server, message) => {
    expect(validateAccount({ ...base, server })).toEqual({ ok: false, errors: { server: message } })
  })

  it('trims the server URL', () => {
    expect(validateAccount({ ...base, server: ' wss://a.example ' })).toMatchObject({
      account: { server: 'wss://a.example' },
    })
  })
})

describe('validateAccount: other fields', () => {
  it.each([
    [undefined, 'alice'],
    ['', 'alice'],
    ['  ', 'alice'],
    ['alice-auth', 'alice-auth'],
    [' 1001 ', '1001'],
  ])('username %j becomes %j', (username, expected) => {
    expect(validateAccount({ ...base, username })).toMatchObject({
      account: { username: expected },
    })
  })

  it('defaults the username to the unescaped AOR user', () => {
    expect(validateAccount({ ...base, aor: 'sip:al%40ce@example.com' })).toMatchObject({
      account: { username: 'al@ce' },
    })
  })

  it.each(['al ice', 'ali\tce', 'a\u0000b'])('rejects username %j', (username) => {
    expect(validateAccount({ ...base, username })).toEqual({
      ok: false,
      errors: { username: m.usernameInvalid },
    })
  })

  it('requires a password and keeps it exactly as typed', () => {
    expect(validateAccount({ ...base, password: '' })).toEqual({
      ok: false,
      errors: { password: m.passwordMissing },
    })
    expect(validateAccount({ ...base, password: ' pw ' })).toMatchObject({
      account: { password: ' pw ' },
    })
  })

  it.each([
    ['Alice Smith', true],
    ['Zoë Ångström', true],
    ['Alice "the boss"', false],
    ['back\\slash', false],
    ['line\r\nVia: evil', false],
  ])('display name %j ok=%s', (displayName, ok) => {
    const result = validateAccount({ ...base, displayName })
    expect(result.ok).toBe(ok)
    if (!result.ok) expect(result.errors).toEqual({ displayName: m.displayNameInvalid })
  })

  it.each([
    [[{ urls: 'stun:stun.example.com:3478' }], true],
    [[{ urls: 'turns:turn.example.com', username: 'u', credential: 'c' }], true],
    [[{ urls: 'https://stun.example.com' }], false],
    [[{ urls: '' }], false],
  ])('ICE servers %j ok=%s', (iceServers, ok) => {
    expect(validateAccount({ ...base, iceServers }).ok).toBe(ok)
  })

  it('fills defaults', () => {
    expect(validateAccount(base)).toEqual({
      ok: true,
      account: {
        aor: 'sip:alice@example.com',
        server: 'wss://sip.example.com/ws',
        username: 'alice',
        password: 'secret',
        displayName: '',
        iceServers: [],
      },
    })
  })

  it('reports every bad field at once', () => {
    const result = validateAccount({ aor: 'x', server: 'ws://example.com', password: '' })
    expect(result).toEqual({
      ok: false,
      errors: { aor: m.aorInvalid, server: m.serverInsecure, password: m.passwordMissing },
    })
    if (!result.ok) expect(firstAccountError(result.errors)).toBe(m.aorInvalid)
  })
})
