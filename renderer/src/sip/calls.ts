// The calls module: places and takes calls for one account, as typed events and plain snapshots.
// It plugs into the engine (engine.use(calls.extension)) and claims incoming INVITEs; each call
// is a Call (call.ts). Everything SIP.js stays inside; callers see CallSnapshot and call ids.

import { Inviter, UserAgent } from 'sip.js'
import type { Invitation } from 'sip.js'
import { toCallTarget } from './call-target'
import type { CallTarget } from './call-target'
import { Call } from './call'
import type { CallQuality } from './call-stats'
import type { CallEvents, CallSnapshot, DtmfMethod } from './call-types'
import { TypedEmitter } from './emitter'
import type { EngineExtension } from './extension'
import { unusableOfferReason } from './sdp'
import type { SipAccount } from './types'

export interface CallManagerOptions {
  log?: (message: string) => void
  now?: () => number
}

export interface DialOptions {
  video?: boolean
}

export type DialResult = { ok: true; id: string } | { ok: false; error: Exclude<CallTarget, { ok: true }>['error'] | 'offline' }

let sequence = 0
function nextId(): string {
  sequence += 1
  return `call-${Date.now().toString(36)}-${sequence}`
}

export class CallManager {
  private readonly events: TypedEmitter<CallEvents>
  private readonly calls = new Map<string, Call>()
  private readonly log: (message: string) => void
  private readonly now: () => number
  private userAgent: UserAgent | undefined
  private account: SipAccount | undefined
  dtmfMethod: DtmfMethod = 'rfc4733'

  /** Hand this to engine.use(): the engine attaches it to every UserAgent it creates. */
  readonly extension: EngineExtension = {
    name: 'calls',
    attach: ({ userAgent, account }) => {
      this.userAgent = userAgent
      this.account = account
      return {
        delegate: { onInvite: (invitation) => this.onInvite(invitation) },
        detach: () => {
          for (const call of this.calls.values()) call.hangUp()
          this.userAgent = undefined
        },
      }
    },
  }

  constructor(options: CallManagerOptions = {}) {
    this.log = options.log ?? ((m) => console.warn(`[calls] ${m}`))
    this.now = options.now ?? Date.now
    this.events = new TypedEmitter<CallEvents>((error) => this.log(`listener threw: ${String(error)}`))
  }

  on<K extends keyof CallEvents>(event: K, listener: (value: CallEvents[K]) => void): () => void {
    return this.events.on(event, listener)
  }

  /** Live calls (not ended). */
  list(): CallSnapshot[] {
    return [...this.calls.values()].map((c) => c.snapshot)
  }

  dial(input: string, options: DialOptions = {}): DialResult {
    const ua = this.userAgent
    const account = this.account
    if (!ua || !account) return { ok: false, error: 'offline' }
    const domain = UserAgent.makeURI(account.aor)?.host ?? ''
    const target = toCallTarget(input, domain)
    if (!target.ok) return target
    const uri = UserAgent.makeURI(target.uri)
    if (!uri) return { ok: false, error: 'invalid' }
    const video = options.video ?? false
    const inviter = new Inviter(ua, uri, {
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video } },
    })
    const call = this.track(
      new Call(inviter, { id: nextId(), direction: 'outgoing', peer: { uri: target.uri, name: '' }, video }, this.hooks, this.now()),
    )
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => call.onProgress(response),
          onReject: (response) => call.onRejected(response),
        },
      })
      .catch((error: unknown) => call.failed(error))
    return { ok: true, id: call.id }
  }

  answer(id: string, video = false): Promise<void> {
    return this.get(id)?.answer(video) ?? Promise.resolve()
  }

  decline(id: string): void {
    this.get(id)?.decline()
  }

  hangUp(id: string): void {
    this.get(id)?.hangUp()
  }

  setHeld(id: string, held: boolean): Promise<boolean> {
    return this.get(id)?.setHeld(held) ?? Promise.resolve(false)
  }

  setMuted(id: string, muted: boolean): void {
    this.get(id)?.setMuted(muted)
  }

  setCameraOff(id: string, off: boolean): void {
    this.get(id)?.setCameraOff(off)
  }

  sendDtmf(id: string, tones: string): boolean {
    return this.get(id)?.sendDtmf(tones, this.dtmfMethod) ?? false
  }

  quality(id: string): Promise<CallQuality | null> {
    return this.get(id)?.quality() ?? Promise.resolve(null)
  }

  remoteStream(id: string): MediaStream | null {
    return this.get(id)?.remoteStream ?? null
  }

  localStream(id: string): MediaStream | null {
    return this.get(id)?.localStream ?? null
  }

  /** Ends every call (sign-out, window closing). */
  hangUpAll(): void {
    for (const call of this.calls.values()) call.hangUp()
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────

  private readonly hooks = {
    changed: (call: Call) => {
      const snapshot = call.snapshot
      if (call.ended) this.calls.delete(call.id)
      this.events.emit('call', snapshot)
    },
    dtmf: (call: Call, tone: string) => this.events.emit('dtmf', { callId: call.id, tone }),
    log: (message: string) => this.log(message),
  }

  private get(id: string): Call | undefined {
    return this.calls.get(id)
  }

  private track(call: Call): Call {
    this.calls.set(call.id, call)
    this.events.emit('call', call.snapshot)
    return call
  }

  private onInvite(invitation: Invitation): void {
    const identity = invitation.remoteIdentity
    const peer = { uri: identity.uri.toString(), name: identity.displayName ?? '' }
    const body = invitation.body ?? ''
    const video = /^m=video [1-9]/m.test(body)
    const call = new Call(invitation, { id: nextId(), direction: 'incoming', peer, video }, this.hooks, this.now())
    const unusable = unusableOfferReason(body)
    if (unusable) {
      // Answer 488 with the reason rather than let the browser fail it as a silent 480, and keep
      // the attempt (it shows as a failed incoming call).
      this.track(call)
      // Warning 399 (miscellaneous) carries the reason to the caller's logs.
      call.reject({ reason: 'incompatible', statusCode: 488, detail: unusable }, [
        `Warning: 399 switchboard "${unusable.replace(/"/g, "'")}"`,
      ])
      return
    }
    this.track(call)
  }
}
