// How feature modules (calls, messaging, presence) plug into the engine. Each one lives in
// renderer/src/sip/, is handed every UserAgent the engine creates, and may claim the incoming
// requests it handles. The engine keeps the connection and the registration to itself.

import type {
  Core,
  Invitation,
  Message,
  Notification,
  UserAgent,
  UserAgentDelegate,
  Web,
} from 'sip.js'
import type { ConnectionState, EngineEvents, RegistrationState, SipAccount } from './types'

/** Incoming traffic a module can claim. One module per handler. */
export interface ExtensionDelegate {
  onInvite?(invitation: Invitation): void
  onMessage?(message: Message): void
  onNotify?(notification: Notification): void
  onReferRequest?(request: Core.IncomingReferRequest): void
  onSubscribeRequest?(request: Core.IncomingSubscribeRequest): void
}

/** The engine as a module sees it: events and state, nothing that changes it. */
export interface EngineView {
  readonly connection: ConnectionState
  readonly registration: RegistrationState
  on<K extends keyof EngineEvents>(event: K, listener: (value: EngineEvents[K]) => void): () => void
}

export interface ExtensionContext {
  /** The UserAgent for this start() … stop(); it outlives reconnects. */
  readonly userAgent: UserAgent
  readonly account: SipAccount
  readonly engine: EngineView
}

export interface ExtensionAttachment {
  readonly delegate?: ExtensionDelegate
  /**
   * Runs before the UserAgent stops, while the connection may still be up: end subscriptions and
   * publications here (UserAgent.stop() never resolves while a Subscriber is active). The engine
   * bounds the wait with its stop timeout.
   */
  detach?(): void | Promise<void>
  /**
   * True while losing the connection costs the user something now (a call is up): reconnect
   * attempts are then not spaced out beyond a couple of seconds.
   */
  urgent?(): boolean
}

export interface EngineExtension {
  readonly name: string
  /**
   * Opens local media for the calls of every UserAgent (the calls module: the chosen microphone
   * and camera). The first extension in use that has one is asked, at the time media is opened.
   */
  readonly mediaStreamFactory?: Web.MediaStreamFactory
  /** Called once per UserAgent: at start(), or at use() when the engine is already running. */
  attach(context: ExtensionContext): ExtensionAttachment | void
}

const handlerNames = [
  'onInvite',
  'onMessage',
  'onNotify',
  'onReferRequest',
  'onSubscribeRequest',
] as const satisfies readonly (keyof ExtensionDelegate & keyof UserAgentDelegate)[]

export interface NamedDelegate {
  name: string
  delegate?: ExtensionDelegate | undefined
}

/**
 * A MESSAGE no module takes (the messaging module is off, or detached while signing out): SIP.js
 * would answer 200 and drop it, so the sender would read it as delivered. 480 tells the sender it
 * was not, and it stays in their outbox or their server's store.
 */
function refuseMessage(message: Message): void {
  message.reject({ statusCode: 480, reasonPhrase: 'Temporarily Unavailable' }).catch(() => {})
}

/**
 * One UserAgent delegate from the modules' delegates. Other unclaimed handlers stay undefined so
 * SIP.js keeps its defaults (486 to INVITE, 481 to NOTIFY, 405 to the rest); an unclaimed
 * MESSAGE is refused (`refuseMessage`).
 */
export function composeDelegate(parts: readonly NamedDelegate[]): UserAgentDelegate {
  const composed: Record<string, unknown> = {}
  const owners = new Map<string, string>()
  for (const { name, delegate } of parts) {
    if (!delegate) continue
    for (const handler of handlerNames) {
      const fn = delegate[handler]
      if (!fn) continue
      const owner = owners.get(handler)
      if (owner !== undefined) {
        throw new Error(`${handler} is already handled by extension "${owner}", not "${name}"`)
      }
      owners.set(handler, name)
      composed[handler] = fn.bind(delegate)
    }
  }
  composed.onMessage ??= refuseMessage
  return composed as UserAgentDelegate
}
