// Instant messages over SIP MESSAGE (RFC 3428) as an engine module. Framework-free: it sends,
// classifies the final answer, and hands incoming messages to whoever stores them; the answer
// to an incoming MESSAGE goes out only after that store has said the message is durable.
//
// A Messager's 2xx only means the next hop took it: 200 is the peer's client answering through
// the proxy (Delivered), 202 a server that stored it for later (Sent). A failure the UserAgent
// made up itself (no Via: transport error, timer F) while the registration changed is not the
// peer's answer: the caller gets 'retry' and sends it again, with the same Call-ID so the peer
// can drop the copy if the first one did arrive.

import { keyOf } from '@shared/address/key'
import type { UriParts } from '@shared/address/key'
import { Messager, UserAgent } from 'sip.js'
import type { Core, Message, MessagerOptions } from 'sip.js'
import type { EngineExtension, EngineView } from './extension'
import { buildIsComposing, IS_COMPOSING_TYPE, parseIsComposing } from './iscomposing'
import type { ImdnRequest } from './chat-content'
import type { Envelope } from './chat-envelope'
import type * as ChatCodec from './chat-codec'
import type { ImdnNotification } from '@shared/imdn/imdn'
import type { RegistrationState } from './types'

// CPIM, IMDN and content decoding (with their XML reader) load with the first message in or
// out, after the REGISTER, not in the first bundle. One promise: messages keep their order.
let codecModule: Promise<typeof ChatCodec> | undefined
const loadCodec = (): Promise<typeof ChatCodec> => (codecModule ??= import('./chat-codec'))

/** Fresh tries of a MESSAGE still challenged after SIP.js answered the challenge. */
const CHALLENGE_RETRIES = 2
const CHALLENGE_RETRY_MS = 1000

function challengedAgain(outcome: DeliveryOutcome): boolean {
  return outcome.kind === 'failed' && (outcome.statusCode === 401 || outcome.statusCode === 407)
}

/** Largest text body we send, in UTF-8 bytes (RFC 3428 §7 asks to stay small; msilo relays it over UDP). */
export const MAX_MESSAGE_BYTES = 4096

/**
 * Largest incoming MESSAGE body we take, in bytes; a larger one is answered 413 and never stored
 * or shown. Eight times what we send ourselves: room for other clients, none for a flood of
 * huge bodies. (A relay such as Kamailio carries at most ~64 KB per message anyway, so the cap
 * sits well below that, where it can be tested through a real server.)
 */
export const MAX_INCOMING_MESSAGE_BYTES = 32 * 1024

/** Thrown by a store handler to refuse a message with a given answer (a cap, not a failure). */
export class MessageRefused extends Error {
  constructor(
    readonly statusCode: number,
    readonly reasonPhrase: string,
  ) {
    super(`${statusCode} ${reasonPhrase}`)
    this.name = 'MessageRefused'
  }
}

export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'sent' }
  | { kind: 'failed'; statusCode: number; reason: string }
  /** Never answered by the network we are on now: send again once registered. */
  | { kind: 'retry' }

export interface IncomingChatMessage {
  /** Call-ID + CSeq: a retransmission or a re-send of the same request has the same one. */
  key: string
  /**
   * Sender + Date + body (+ `#n` for the n-th such message of one delivery run): the same stored
   * message dumped twice by a server. Only with a Date. See `DateKeys`.
   */
  dateKey?: string
  peer: string
  displayName: string
  contentType: string
  body: string
  /** The Date header when the server gives a plausible one (offline store), else arrival time. */
  at: number
  /** The notifications the sender asked for (CPIM imdn.* headers, RFC 5438). */
  imdn?: ImdnRequest
}

/** A disposition notification (RFC 5438) from `peer` about one of our messages. */
export interface ReceiptEvent {
  peer: string
  notification: ImdnNotification
}

export interface ComposingEvent {
  peer: string
  displayName: string
  active: boolean
  refreshSeconds: number
}

export interface MessagingHandlers {
  /**
   * Makes the message durable; a rejection answers 500 so the sender (or its server) retries,
   * a MessageRefused answers its own status.
   */
  store(message: IncomingChatMessage): Promise<void>
  composing(event: ComposingEvent): void
  /** Never stored as a message: it updates the delivery state of one of ours. */
  receipt(event: ReceiptEvent): void
  /** Registered again (or for the first time) with a UserAgent: time to flush the outbox. */
  registered(): void
}

export interface SendRequest {
  target: string
  body: string
  contentType?: string
  /** Stable per message, reused on every retry; also its imdn.Message-ID. */
  callId: string
  /** When it was written (the CPIM DateTime); now if absent. */
  at?: number
}

// A Date more than this far in the future is a wrong clock, not a time to sort by.
const FUTURE_SLACK_MS = 5 * 60_000
// Identical messages (sender, Date second, text) closer together than this, within one
// registration, belong to one delivery run of a server's store.
const SAME_RUN_MS = 30_000
const MAX_TRACKED_KEYS = 2000

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}

/** FNV-1a over the UTF-16 code units, as hex: a short, stable content fingerprint. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/** `sip:user@host[:port]`, lower-case host: the key a conversation is filed under. */
export function peerOf(uri: UriParts): string {
  return keyOf(uri)
}

export function mediaType(header: string | undefined): string {
  return (header ?? 'text/plain').split(';')[0]!.trim().toLowerCase() || 'text/plain'
}

export function parseDateHeader(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined
  const at = Date.parse(value)
  if (!Number.isFinite(at) || at > now + FUTURE_SLACK_MS) return undefined
  return at
}

export function classifyAnswer(
  response: Pick<Core.IncomingResponseMessage, 'statusCode' | 'reasonPhrase' | 'hasHeader'>,
  sameRegistration: boolean,
): DeliveryOutcome {
  const code = response.statusCode ?? 0
  if (code >= 200 && code < 300) return code === 200 ? { kind: 'delivered' } : { kind: 'sent' }
  // Responses SIP.js makes up (timer F, transport error) carry no headers at all.
  const local = !response.hasHeader('via')
  if (local && !sameRegistration) return { kind: 'retry' }
  if (local && code === 408) return { kind: 'failed', statusCode: 408, reason: 'no answer in time' }
  if (local) return { kind: 'failed', statusCode: code, reason: 'network error' }
  const phrase = (response.reasonPhrase ?? '').trim()
  return {
    kind: 'failed',
    statusCode: code,
    reason: phrase ? `${phrase} (${code})` : `error ${code}`,
  }
}

/**
 * Names messages that carry a Date for the duplicate check. A server's store can send the same
 * message again (its first delivery timed out, or the connection dropped mid-dump), with a new
 * Call-ID; sender + Date + text is then all that identifies it. But one person can send the same
 * text twice within one Date second ("ok", "ok"), and a store delivers both in the same run. So
 * the n-th identical message of a run gets `#n`: a second run starts again at 1 and matches what
 * the first stored, while two of one run stay two. A run ends at a new registration (a store
 * delivers again after REGISTER) or after SAME_RUN_MS without that message.
 */
export class DateKeys {
  private readonly runs = new Map<string, { count: number; lastAt: number }>()

  next(base: string, now: number): string {
    const run = this.runs.get(base)
    const count = run && now - run.lastAt < SAME_RUN_MS ? run.count + 1 : 1
    this.runs.set(base, { count, lastAt: now })
    if (this.runs.size > MAX_TRACKED_KEYS) this.prune(now)
    return count === 1 ? base : `${base}#${count}`
  }

  /** A new registration: whatever a store sends now is a new run. */
  reset(): void {
    this.runs.clear()
  }

  private prune(now: number): void {
    for (const [key, run] of this.runs) {
      if (now - run.lastAt >= SAME_RUN_MS) this.runs.delete(key)
    }
  }
}

export class Messaging {
  private ua: UserAgent | undefined
  private epoch = 0
  private registeredNow = false
  private readonly now: () => number
  private readonly dateKeys = new DateKeys()
  /** Peers that refused CPIM (415) this session: they get plain messages. */
  private readonly plainPeers = new Set<string>()

  constructor(
    private readonly handlers: MessagingHandlers,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now
  }

  /** Bumped at every new registration; a send outliving its epoch lost its network. */
  get registration(): number {
    return this.epoch
  }

  get registered(): boolean {
    return this.registeredNow && this.ua !== undefined
  }

  readonly extension: EngineExtension = {
    name: 'messaging',
    attach: ({ userAgent, engine }) => {
      this.ua = userAgent
      const off = engine.on('registration', (state) => this.onRegistration(state))
      this.onRegistration((engine as EngineView).registration)
      return {
        delegate: { onMessage: (message) => void this.receive(message) },
        detach: () => {
          off()
          if (this.ua === userAgent) this.ua = undefined
          this.registeredNow = false
        },
      }
    },
  }

  /**
   * Sends one MESSAGE and resolves with what became of it; never rejects. It goes in a CPIM
   * envelope asking for delivery and display notifications; a peer that answers 415 (no CPIM)
   * gets it again as it is, and so does everything after to that peer.
   */
  async send(request: SendRequest): Promise<DeliveryOutcome> {
    const { requestReceipts } = await loadCodec()
    const ua = this.ua
    if (!ua || !this.registeredNow) return { kind: 'retry' }
    const contentType = request.contentType ?? 'text/plain'
    const plain = { contentType, body: request.body }
    if (this.plainPeers.has(request.target)) return this.sendChallenged(request, plain, 1)
    const wrapped = requestReceipts({
      from: ua.configuration.uri.toString(),
      to: request.target,
      at: request.at ?? this.now(),
      callId: request.callId,
      contentType,
      body: request.body,
    })
    const outcome = await this.sendChallenged(request, wrapped, 1)
    if (outcome.kind !== 'failed' || outcome.statusCode !== 415) return outcome
    this.plainPeers.add(request.target)
    return this.sendChallenged(request, plain, 7)
  }

  /**
   * One send, and again when the proxy still challenges after SIP.js answered its challenge
   * (401/407 again: a nonce that went stale or crossed another request, or a registrar that
   * could not read its user table for a moment; seen with Kamailio's sqlite under load). The
   * fresh tries wait a little (CHALLENGE_RETRY_MS, then twice that) so a busy moment can pass;
   * each leaves a CSeq free for SIP.js's authenticated resend (CSeq + 1).
   */
  private async sendChallenged(
    request: SendRequest,
    content: Envelope,
    cseq: number,
  ): Promise<DeliveryOutcome> {
    let outcome = await this.sendOnce(request, content, cseq)
    for (let retry = 1; retry <= CHALLENGE_RETRIES && challengedAgain(outcome); retry += 1) {
      await new Promise((resolve) => setTimeout(resolve, CHALLENGE_RETRY_MS * retry))
      outcome = await this.sendOnce(request, content, cseq + 2 * retry)
    }
    return outcome
  }

  /** Tells `peer` its message was delivered or displayed (fire and forget, like typing). */
  sendReceipt(
    peer: string,
    status: 'delivered' | 'displayed',
    request: Pick<ImdnRequest, 'messageId' | 'dateTime'>,
  ): void {
    void loadCodec().then(({ receipt }) => {
      const ua = this.ua
      const uri = UserAgent.makeURI(peer)
      if (!ua || !uri || !this.registeredNow) return
      try {
        const { contentType, body } = receipt(status, request, ua.configuration.uri.toString())
        new Messager(ua, uri, body, contentType).message().catch(() => {})
      } catch {
        // not connected: a lost receipt only leaves the sender at an earlier state
      }
    })
  }

  private sendOnce(
    request: SendRequest,
    content: Envelope,
    cseq: number,
  ): Promise<DeliveryOutcome> {
    const ua = this.ua
    if (!ua || !this.registeredNow) return Promise.resolve({ kind: 'retry' })
    const target = UserAgent.makeURI(request.target)
    if (!target) {
      return Promise.resolve({ kind: 'failed', statusCode: 0, reason: 'not a SIP address' })
    }
    const epoch = this.epoch
    return new Promise<DeliveryOutcome>((resolve) => {
      const settle = (response: Core.IncomingResponse): void =>
        resolve(classifyAnswer(response.message, epoch === this.epoch && this.registeredNow))
      try {
        const messager = new Messager(ua, target, content.body, content.contentType, {
          // CSeq fixed too: a retry is then byte-for-byte the same request to the peer's dedupe.
          // SIP.js passes params through to the request; its type lists only the From/To ones.
          params: { callId: request.callId, cseq } as MessagerOptions['params'],
        })
        messager
          .message({ requestDelegate: { onAccept: settle, onReject: settle } })
          .catch(() => resolve({ kind: 'retry' }))
      } catch {
        resolve({ kind: 'retry' })
      }
    })
  }

  /** Fire and forget: a lost typing indication is harmless. */
  sendComposing(target: string, active: boolean): void {
    const ua = this.ua
    const uri = UserAgent.makeURI(target)
    if (!ua || !uri || !this.registeredNow) return
    try {
      new Messager(ua, uri, buildIsComposing(active), IS_COMPOSING_TYPE).message().catch(() => {})
    } catch {
      // not connected: nobody is waiting for this
    }
  }

  private onRegistration(state: RegistrationState): void {
    const was = this.registeredNow
    this.registeredNow = state.kind === 'registered'
    if (this.registeredNow && !was) {
      this.epoch += 1
      this.dateKeys.reset()
      this.handlers.registered()
    }
  }

  private async receive(message: Message): Promise<void> {
    const request = message.request
    // Before anything reads it: the body's size in bytes (Content-Length as received).
    if (utf8Length(request.body ?? '') > MAX_INCOMING_MESSAGE_BYTES) {
      await message.reject({ statusCode: 413, reasonPhrase: 'Message Too Large' }).catch(() => {})
      return
    }
    const from = request.from
    const peer = peerOf(from.uri)
    const displayName = (from.displayName ?? '').trim()
    const { readIncoming } = await loadCodec()
    const content = await readIncoming(
      request.getHeader('content-type'),
      request.getHeader('content-encoding'),
      request.body ?? '',
    )
    if (content.kind === 'refused') {
      await message
        .reject({ statusCode: content.statusCode, reasonPhrase: content.reason })
        .catch(() => {})
      return
    }
    if (content.kind !== 'message') {
      // Never stored: answering at once is the whole of their handling.
      if (content.kind === 'composing') {
        this.handlers.composing({ peer, displayName, ...parseIsComposing(content.body) })
      } else if (content.kind === 'receipt') {
        this.handlers.receipt({ peer, notification: content.notification })
      }
      await message.accept().catch(() => {})
      return
    }
    const type = content.contentType
    const now = this.now()
    const body = content.body
    const date = parseDateHeader(request.getHeader('date'), now)
    const incoming: IncomingChatMessage = {
      // The sender's own imdn.Message-ID names the message wherever it comes from: a store that
      // sends it again under a new Call-ID (its first delivery timed out, or the socket dropped
      // mid-dump) is recognised even without a Date. Else the request's identity.
      key: content.imdn
        ? `in:imdn:${peer}:${content.imdn.messageId}`
        : `in:${request.callId}:${request.cseq}`,
      ...(date !== undefined
        ? { dateKey: this.dateKeys.next(`${peer}|${date}|${fingerprint(body)}`, now) }
        : {}),
      peer,
      displayName,
      contentType: type,
      body,
      at: date ?? now,
      ...(content.imdn ? { imdn: content.imdn } : {}),
    }
    try {
      await this.handlers.store(incoming)
    } catch (error) {
      const refused = error instanceof MessageRefused ? error : undefined
      await message
        .reject({
          statusCode: refused?.statusCode ?? 500,
          reasonPhrase: refused?.reasonPhrase ?? 'Could not store message',
        })
        .catch(() => {})
      return
    }
    await message.accept().catch(() => {})
    // Stored: that is what "delivered" promises (RFC 5438 §7.1.1).
    if (content.imdn?.delivery) this.sendReceipt(peer, 'delivered', content.imdn)
  }
}
