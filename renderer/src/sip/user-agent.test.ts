import { describe, it, expect } from 'vitest'
import { SIPExtension, UserAgent } from 'sip.js'
import { buildUserAgentOptions, mapIceServers, randomToken, USER_AGENT_STRING } from './user-agent'
import type { SipAccount } from './types'

const account: SipAccount = {
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com/ws',
  username: 'alice-auth',
  password: 'pw',
  displayName: 'Alice',
  iceServers: [
    { urls: 'turn:turn.example.com', username: 'u', credential: 'c' },
    { urls: 'stun:s.example.com' },
  ],
}
const setup = {
  contactName: 'c0ntact',
  connectTimeoutMs: 4000,
  iceGatheringTimeoutMs: 500,
  logConnector: () => {},
}

describe('buildUserAgentOptions', () => {
  const options = buildUserAgentOptions(account, setup)

  it('overrides the SIP.js defaults that are wrong for us', () => {
    expect(options.sessionDescriptionHandlerFactoryOptions).toEqual({
      peerConnectionConfiguration: {
        iceServers: [
          { urls: 'turn:turn.example.com', username: 'u', credential: 'c' },
          { urls: 'stun:s.example.com' },
        ],
      },
      iceGatheringTimeout: 500,
    })
    expect(options.sipExtensionReplaces).toBe(SIPExtension.Supported)
    expect(options.sendInitialProvisionalResponse).toBe(false)
    expect(options.userAgentString).toBe(USER_AGENT_STRING)
    expect(options.logLevel).toBe('warn')
    expect(options.logBuiltinEnabled).toBe(false)
    expect(options.transportOptions).toEqual({
      server: account.server,
      connectionTimeout: 4,
      traceSip: false,
    })
    expect(options.noAnswerTimeout).toBeUndefined()
    expect(options.reconnectionAttempts).toBeUndefined()
  })

  it('passes the credentials, display name and contact name', () => {
    expect(options).toMatchObject({
      authorizationUsername: 'alice-auth',
      authorizationPassword: 'pw',
      displayName: 'Alice',
      contactName: 'c0ntact',
    })
    expect(String(options.uri)).toBe('sip:alice@example.com')
  })

  it('gives an empty ICE server list, not the public Google default, when none is configured', () => {
    const none = buildUserAgentOptions({ ...account, iceServers: [] }, setup)
    expect(none.sessionDescriptionHandlerFactoryOptions).toMatchObject({
      peerConnectionConfiguration: { iceServers: [] },
    })
  })

  it('"Relay only": the peer connections use TURN relays alone', () => {
    const relay = buildUserAgentOptions({ ...account, icePolicy: 'relay' }, setup)
    expect(relay.sessionDescriptionHandlerFactoryOptions).toMatchObject({
      peerConnectionConfiguration: { iceTransportPolicy: 'relay' },
    })
    const all = buildUserAgentOptions({ ...account, icePolicy: 'all' }, setup)
    const config = all.sessionDescriptionHandlerFactoryOptions as {
      peerConnectionConfiguration: RTCConfiguration
    }
    expect(config.peerConnectionConfiguration.iceTransportPolicy).toBeUndefined()
  })

  it('builds a UserAgent SIP.js accepts', () => {
    const ua = new UserAgent(options)
    expect(ua.contact.uri.user).toBe('c0ntact')
    expect(ua.configuration.sipExtensionReplaces).toBe(SIPExtension.Supported)
  })

  it('throws on an address SIP.js cannot parse', () => {
    expect(() => buildUserAgentOptions({ ...account, aor: 'not a uri' }, setup)).toThrow(
      /Not a SIP address/,
    )
  })
})

describe('helpers', () => {
  it('maps ICE servers without undefined members', () => {
    expect(mapIceServers([{ urls: 'stun:a' }])).toEqual([{ urls: 'stun:a' }])
    expect(Object.keys(mapIceServers([{ urls: 'stun:a' }])[0] ?? {})).toEqual(['urls'])
  })

  it('makes tokens from the injected random source', () => {
    expect(randomToken(() => 0, 4)).toBe('aaaa')
    expect(randomToken(() => 1, 3)).toBe('999')
    expect(randomToken(Math.random)).toMatch(/^[a-z0-9]{10}$/)
  })
})
