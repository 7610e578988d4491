// The engine's own vocabulary. Nothing here names SIP.js: the UI and stores depend on these
// types only, so the SIP stack underneath can be swapped.

export interface SipAccount {
  /** The user's address of record, e.g. `sip:alice@example.com`. */
  aor: string
  /** WebSocket server, `ws://` (localhost only) or `wss://`. */
  server: string
  /** Authorization user; defaults to the AOR's user part when empty. */
  username: string
  password: string
  displayName: string
  /** STUN/TURN servers for media; none by default (SIP.js's default is a public host). */
  iceServers: IceServerConfig[]
  /** 'relay': calls use only TURN relay candidates (hides the local address). */
  icePolicy?: 'all' | 'relay'
  /** A SIP URI every request is routed through (pre-loaded Route); none when empty. */
  outboundProxy?: string
}

export interface IceServerConfig {
  urls: string
  username?: string
  credential?: string
}

/** State of the WebSocket to the SIP server. */
export type ConnectionState = 'disconnected' | 'connecting' | 'connected'

/**
 * Registration as the server last answered it on the current connection. `registered` only
 * ever follows a 200 to REGISTER on the socket that is open now.
 */
export type RegistrationState =
  | { kind: 'unregistered' }
  | { kind: 'registering' }
  | { kind: 'registered'; expiresAt: number }
  | { kind: 'failed'; reason: RegistrationFailure; statusCode?: number; detail?: string }

export type RegistrationFailure =
  | 'wrong-credentials' // 401/403/407 after our credentials were sent
  | 'unknown-user' // 404
  | 'timeout' // no final answer in time
  | 'unreachable' // the WebSocket could not be opened
  | 'server-error' // any other failure response
  | 'invalid-account' // the account itself is malformed (no connection attempted)

/** Why the engine thinks the network may have changed under it. */
export type NetworkCheckCause = 'online' | 'offline' | 'wake' | 'network-change' | 'resume'

export interface EngineEvents {
  connection: ConnectionState
  registration: RegistrationState
  /** Next automatic reconnect attempt, or null when none is scheduled. */
  reconnect: { attempt: number; at: number } | null
  /** The network may have changed: calls look at their media path now (call-recovery.ts). */
  networkCheck: NetworkCheckCause
}

export type EngineListener<K extends keyof EngineEvents> = (value: EngineEvents[K]) => void
