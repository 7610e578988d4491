// The SIP.js UserAgent options for an account. SIP.js defaults that are wrong for us are set here,
// in one place: its default ICE server is a public Google STUN host (a privacy leak, and
// unreachable on closed networks), it waits 5 s for ICE gathering, and it leaves Replaces off
// (attended transfer needs it). Answers take the DTLS server role (see sdp-setup-role.ts).

import { SIPExtension, UserAgent, Web } from 'sip.js'
import type { LogConnector, UserAgentDelegate, UserAgentOptions } from 'sip.js'
import { withIceCutoff } from './ice-cutoff'
import { withPassiveAnswers } from './sdp-setup-role'
import { ByteSafeTransport } from './byte-transport'
import type { IceServerConfig, SipAccount } from './types'

export const USER_AGENT_STRING = 'Switchboard/0.1'

export interface UserAgentSetup {
  contactName: string
  connectTimeoutMs: number
  iceGatheringTimeoutMs: number
  logConnector: LogConnector
  delegate?: UserAgentDelegate
  /** Opens the microphone and camera for a call (the chosen devices); SIP.js's getUserMedia if absent. */
  mediaStreamFactory?: Web.MediaStreamFactory
}

/** RTCIceServer-shaped, without relying on DOM types (this also runs in Node). */
export interface IceServer {
  urls: string
  username?: string
  credential?: string
}

export function mapIceServers(servers: readonly IceServerConfig[]): IceServer[] {
  return servers.map(({ urls, username, credential }) => ({
    urls,
    ...(username !== undefined ? { username } : {}),
    ...(credential !== undefined ? { credential } : {}),
  }))
}

const TOKEN_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'

export function randomToken(random: () => number, length = 10): string {
  let token = ''
  for (let i = 0; i < length; i++) {
    token += TOKEN_CHARS[Math.floor(Math.min(Math.max(random(), 0), 0.999999) * TOKEN_CHARS.length)]
  }
  return token
}

/** A Route header value for the outbound proxy: loose routing, as RFC 3261 §16.12.1 has it. */
export function routeOf(proxy: string): string {
  return /;lr\b/i.test(proxy) ? `<${proxy}>` : `<${proxy};lr>`
}

/** Throws when SIP.js cannot parse the address (callers turn that into 'invalid-account'). */
export function buildUserAgentOptions(
  account: SipAccount,
  setup: UserAgentSetup,
): UserAgentOptions {
  const uri = UserAgent.makeURI(account.aor)
  if (!uri) throw new Error(`Not a SIP address: ${account.aor}`)
  return {
    uri,
    // Keeps compressed (binary) bodies readable; see byte-transport.ts.
    transportConstructor: ByteSafeTransport,
    transportOptions: {
      server: account.server,
      // SIP.js takes seconds; fractions work.
      connectionTimeout: setup.connectTimeoutMs / 1000,
      // Full message traces would carry Authorization headers; they are off, and redacted anyway.
      traceSip: false,
    },
    authorizationUsername: account.username,
    authorizationPassword: account.password,
    displayName: account.displayName,
    contactName: setup.contactName,
    userAgentString: USER_AGENT_STRING,
    sipExtensionReplaces: SIPExtension.Supported,
    // No automatic 180 before the calls module has looked at an INVITE: one it refuses (busy,
    // unauthorised Replaces, unusable media) must not ring at the caller first. It sends the 180
    // itself when the call does ring (CallManager.onInvite).
    sendInitialProvisionalResponse: false,
    sessionDescriptionHandlerFactory: withIceCutoff(
      withPassiveAnswers(Web.defaultSessionDescriptionHandlerFactory(setup.mediaStreamFactory)),
      mapIceServers(account.iceServers),
      account.icePolicy === 'relay',
    ),
    ...(account.outboundProxy ? { preloadedRouteSet: [routeOf(account.outboundProxy)] } : {}),
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: {
        iceServers: mapIceServers(account.iceServers),
        ...(account.icePolicy === 'relay' ? { iceTransportPolicy: 'relay' } : {}),
      },
      iceGatheringTimeout: setup.iceGatheringTimeoutMs,
    },
    logLevel: 'warn',
    logBuiltinEnabled: false,
    logConfiguration: false,
    logConnector: setup.logConnector,
    ...(setup.delegate ? { delegate: setup.delegate } : {}),
  }
}
