import { describe, expect, it } from 'vitest'
import { MAX_PROVISIONING_BYTES, parseProvisioning } from './provisioning'

describe('provisioning files', () => {
  it('reads every field the account editor has', () => {
    const result = parseProvisioning(
      JSON.stringify({
        aor: 'sip:alice@pbx.example.com',
        server: 'wss://pbx.example.com:7443',
        username: 'alice-auth',
        password: 'secret',
        displayName: 'Alice',
        iceServers: [{ urls: 'turn:turn.example.com', username: 't', credential: 'tc' }],
        icePolicy: 'relay',
        registerExpires: 300,
        realm: 'pbx',
        outboundProxy: 'sip:proxy.example.com;lr',
        vendorExtra: { ignored: true },
      }),
    )
    expect(result).toEqual({
      ok: true,
      account: {
        aor: 'sip:alice@pbx.example.com',
        server: 'wss://pbx.example.com:7443',
        username: 'alice-auth',
        password: 'secret',
        displayName: 'Alice',
        iceUrl: 'turn:turn.example.com',
        turnUsername: 't',
        turnPassword: 'tc',
        icePolicy: 'relay',
        registerExpires: '300',
        realm: 'pbx',
        outboundProxy: 'sip:proxy.example.com;lr',
      },
    })
  })

  it.each([
    ['not JSON', '{aor:'],
    ['a list', '[]'],
    ['no server', JSON.stringify({ aor: 'sip:a@b' })],
    ['a number for the address', JSON.stringify({ aor: 5, server: 'wss://b' })],
    ['a line break in a name', JSON.stringify({ aor: 'sip:a@b', server: 'wss://b', displayName: 'A\r\nVia: x' })],
    ['an odd ICE policy', JSON.stringify({ aor: 'sip:a@b', server: 'wss://b', icePolicy: 'none' })],
    ['a fractional expiry', JSON.stringify({ aor: 'sip:a@b', server: 'wss://b', registerExpires: 1.5 })],
    ['ICE servers as text', JSON.stringify({ aor: 'sip:a@b', server: 'wss://b', iceServers: 'stun:x' })],
    ['too large', JSON.stringify({ aor: 'sip:a@b', server: 'wss://b', pad: 'x'.repeat(MAX_PROVISIONING_BYTES) })],
  ])('refuses %s with a reason', (_name, source) => {
    const result = parseProvisioning(source)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error).toMatch(/\w/)
      expect(result.code).toMatch(/^[a-z-]+$/)
    }
  })
})
