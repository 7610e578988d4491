// The calls module: places and takes calls for one account, as typed events and plain snapshots.
// It plugs into the engine (engine.use(calls.extension)) and claims incoming INVITEs; each call
// is a Call (call.ts). Everything SIP.js stays inside; callers see CallSnapshot and call ids.

import { Inviter, SessionState, URI, UserAgent, Web } from 'sip.js'
import type { Invitation, Referral } from 'sip.js'
import { mayReplace } from './replaces-policy'
import type { Address } from '@shared/address'
import { Call } from './call'
import type { CallHooks, CallMediaControl } from './call'
import type { CallQuality } from './call-stats'
import type { CallEnd } from './call-end'
import type { RecoveryOptions } from './call-recovery'
import type { CallEvents, CallPeer, CallSnapshot, DtmfMethod, TransferRequest } from './call-types'
import { TypedEmitter } from '../lib/emitter'
import type { EngineExtension, EngineView } from './extension'
import { MediaReadiness } from './media-precheck'
import { EarlyAudio } from './early-audio'
import { InputSwitcher } from './input-switcher'
import type { InputKind } from './input-switcher'
import type { MediaInput } from '../media/device-service'
import { unusableOfferReason } from './sdp'
import type { SipAccount } from './types'

export interface CallManagerOptions {
  log?: (message: string) => void
  now?: () => number
  /**
   * Opens the chosen microphone and camera (falling back to the default) and reports device
   * changes; without it calls use SIP.js's plain getUserMedia and devices are never switched.
   */
  media?: MediaInput
  /** Bounds for bringing calls back through network trouble (defaults in call-recovery.ts). */
  recovery?: Partial<Omit<RecoveryOptions, 'leader'>>
}

export interface DialOptions {
  video?: boolean
  /** Headers of the INVITE, e.g. the Replaces of a directed pickup (see pickup.ts). */
  extraHeaders?: string[]
}

/** Why a parsed target cannot be dialled now: signed out, or a URI SIP.js will not take. */
export type DialError = 'offline' | 'invalid'

export type DialResult = { ok: true; id: string } | { ok: false; error: DialError }

/**
 * A Refer-To in name-addr form (<…>): a URI with a `?Replaces=` header part must be bracketed,
 * and SIP.js writes URIs bare.
 */
class BracketedUri extends URI {
  override toString(): string {
    return `<${super.toString()}>`
  }
}

/**
 * Incoming calls ringing at once; one more is answered 486 Busy Here without ringing or a history
 * entry, so an INVITE flood neither rings once per INVITE nor fills the call history.
 */
export const MAX_RINGING_CALLS = 2

let sequence = 0
function nextId(): string {
  sequence += 1
  return `call-${Date.now().toString(36)}-${sequence}`
}

export class CallManager {
  private readonly events: TypedEmitter<CallEvents>
  private readonly calls = new Map<string, Call>()
  /** REFERs accepted (202) and waiting for the user's answer, by TransferRequest id. */
  private readonly transfers = new Map<string, { referral: Referral; original: Call }>()
  private readonly log: (message: string) => void
  private readonly now: () => number
  private userAgent: UserAgent | undefined
  private account: SipAccount | undefined
  private readonly media: MediaInput | undefined
  /** The microphone opened as an INVITE arrives (before the dialog renders), for the answer. */
  private readonly early: EarlyAudio | undefined
  private readonly inputs: InputSwitcher | undefined
  /** The engine is connected and registered on its current socket: calls can signal. */
  private signallingUp = true
  /** INVITEs waiting for release (see holdIncoming), or null when calls are taken at once. */
  private heldInvites: Invitation[] | null = null
  dtmfMethod: DtmfMethod = 'rfc4733'
  /**
   * Asked about each incoming call before it rings: an end to refuse it with (Do not disturb
   * answers 486, recorded as missed), or null to let it ring. Set by the presence store.
   */
  rejectIncoming: ((peer: CallPeer) => CallEnd | null) | null = null
  /**
   * Whether a ringing call is answered at once with the microphone muted (an intercom page the
   * user allowed); set by the desk-phone settings once they load. `callId`: the ringing call;
   * `ownAor`: the account it came to.
   */
  autoAnswer: ((invitation: Invitation, callId: string, ownAor: string) => boolean) | null = null

  /** Hand this to engine.use(): the engine attaches it to every UserAgent it creates. */
  readonly extension: EngineExtension = {
    name: 'calls',
    mediaStreamFactory: (constraints, sdh, options) => this.openMedia(constraints, sdh, options),
    attach: ({ userAgent, account, engine }) => {
      this.userAgent = userAgent
      this.account = account
      this.readiness.start()
      this.signallingUp = usable(engine)
      const stops = [
        engine.on('connection', () => this.onSignalling(usable(engine))),
        engine.on('registration', () => this.onSignalling(usable(engine))),
        engine.on('networkCheck', () => this.liveCalls().forEach((call) => call.checkNetwork())),
      ]
      return {
        delegate: { onInvite: (invitation) => this.onInvite(invitation) },
        // A call is up, or one dialled during the outage waits to be sent (or cancelled).
        urgent: () =>
          this.liveCalls().some((call) => {
            const { phase, reconnecting } = call.snapshot
            return phase === 'connected' || reconnecting
          }),
        detach: () => {
          stops.forEach((stop) => stop())
          for (const call of this.calls.values()) call.hangUp()
          this.userAgent = undefined
        },
      }
    },
  }

  constructor(options: CallManagerOptions = {}) {
    this.log = options.log ?? ((m) => console.warn(`[calls] ${m}`))
    this.now = options.now ?? Date.now
    this.events = new TypedEmitter<CallEvents>((error) =>
      this.log(`listener threw: ${String(error)}`),
    )
    this.media = options.media
    this.hooks = { ...this.baseHooks, ...(options.recovery ? { recovery: options.recovery } : {}) }
    this.early = this.media ? new EarlyAudio((want) => this.media!.open(want)) : undefined
    if (this.media) {
      this.inputs = new InputSwitcher(
        this.media,
        (notice) => this.events.emit('device', notice),
        this.log,
      )
      // A device that drops out of the list without its track ending (some systems do that).
      this.media.onDevices(() => void this.inputs?.check(this.liveCalls()))
    }
  }

  on<K extends keyof CallEvents>(event: K, listener: (value: CallEvents[K]) => void): () => void {
    return this.events.on(event, listener)
  }

  /**
   * Incoming calls wait (SIP.js has answered 100 Trying) until the returned function is called:
   * for the moments at start-up before the app that shows them, and its Do not disturb, exist.
   * One the caller gave up on meanwhile is dropped: it never rang here.
   */
  holdIncoming(): () => void {
    this.heldInvites ??= []
    return () => {
      const held = this.heldInvites ?? []
      this.heldInvites = null
      for (const invitation of held) {
        if (invitation.state === SessionState.Initial) this.onInvite(invitation)
        else this.log('An incoming call ended before start-up finished')
      }
    }
  }

  /** Live calls (not ended). */
  list(): CallSnapshot[] {
    return [...this.calls.values()].map((c) => c.snapshot)
  }

  /** Whether `target` can be dialled now; no side effect (callers check before holding calls). */
  check(target: Address): DialError | null {
    if (!this.userAgent || !this.account) return 'offline'
    return UserAgent.makeURI(target.uri) ? null : 'invalid'
  }

  dial(target: Address, options: DialOptions = {}): DialResult {
    const ua = this.userAgent
    const uri = UserAgent.makeURI(target.uri)
    const error = this.check(target)
    if (error || !ua || !uri) return { ok: false, error: error ?? 'invalid' }
    const video = options.video ?? false
    const inviter = new Inviter(ua, uri, {
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video } },
      // A 183 with SDP is heard (the far end's ringback or announcement) instead of our tone.
      earlyMedia: true,
      ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    })
    const call = this.track(
      new Call(
        inviter,
        { id: nextId(), direction: 'outgoing', peer: { uri: target.uri, name: '' }, video },
        this.hooks,
        this.now(),
      ),
    )
    void call.invite()
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

  /** A call's media for a conference, a recording or a screen share; null once it ended. */
  control(id: string): CallMediaControl | null {
    return this.get(id) ?? null
  }

  /** Blind transfer: the other side is asked (REFER) to call `target`; see Call.transfer. */
  transfer(id: string, target: Address): Promise<boolean> {
    const call = this.get(id)
    const uri = UserAgent.makeURI(target.uri)
    if (!call || !uri) return Promise.resolve(false)
    return call.transfer(uri, uri.toString())
  }

  /**
   * Attended transfer, last step: the other side of `id` is asked to call the consulted party
   * with Replaces, taking over our consult call. Refer-To is the consulted party's address (the
   * one we dialed), not its device Contact: a WebSocket client's Contact is a `.invalid` host no
   * proxy can route.
   */
  async completeTransfer(id: string, consultId: string): Promise<boolean> {
    const call = this.get(id)
    const consult = this.get(consultId)
    const replaces = consult?.replacesValue
    const target = consult ? UserAgent.makeURI(consult.snapshot.peer.uri) : undefined
    if (!call || !consult || !replaces || !target) return false
    const referTo = new BracketedUri(target.scheme, target.user ?? '', target.host, target.port)
    referTo.setHeader('Replaces', encodeURIComponent(replaces))
    consult.markReplaced()
    const ok = await call.transfer(referTo, consult.snapshot.peer.uri)
    if (!ok) consult.clearPendingEnd()
    return ok
  }

  /**
   * Follows a transfer the other side asked for (TransferRequest): calls whom the REFER names,
   * with its Replaces and Referred-By, audio only unless the user chose video. SIP.js reports the
   * outcome to the asker (NOTIFY).
   */
  followTransfer(id: string, video = false): boolean {
    const pending = this.transfers.get(id)
    this.transfers.delete(id)
    if (!pending || !this.userAgent) return false
    const { referral, original } = pending
    const inviter = referral.makeInviter({
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video } },
      earlyMedia: true,
    })
    const uri = referral.referTo.uri.clone()
    uri.clearHeaders()
    const call = this.track(
      new Call(
        inviter,
        {
          id: nextId(),
          direction: 'outgoing',
          peer: { uri: uri.toString(), name: referral.referTo.displayName ?? '' },
          video,
        },
        this.hooks,
        this.now(),
      ),
    )
    // The original call is done talking: hold it while the new one rings.
    void original.setHeld(true)
    // If it fails, the original call is not done after all.
    void call.invite(() => original.clearPendingEnd())
    return true
  }

  /** The user said no to a transfer: the asker hears 603 Declined (NOTIFY), our call goes on. */
  declineTransfer(id: string): void {
    const pending = this.transfers.get(id)
    this.transfers.delete(id)
    if (!pending) return
    pending.original.clearPendingEnd()
    try {
      pending.original.session.dialog?.notify(undefined, {
        extraHeaders: ['Event: refer', 'Subscription-State: terminated;reason=noresource'],
        body: {
          contentDisposition: 'render',
          contentType: 'message/sipfrag',
          content: 'SIP/2.0 603 Declined',
        },
      })
    } catch (error) {
      this.log(`NOTIFY for a declined transfer failed: ${String(error)}`)
    }
  }

  /**
   * The user chose another microphone (audio) or camera (video): live calls move to it at once,
   * without renegotiating.
   */
  switchInput(kind: InputKind): Promise<void> {
    return this.inputs?.switchAll(this.liveCalls(), kind) ?? Promise.resolve()
  }

  /** Ends every call (sign-out, window closing). */
  hangUpAll(): void {
    for (const call of this.calls.values()) call.hangUp()
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────

  private readonly readiness = new MediaReadiness(globalThis.navigator ?? {})

  private readonly hooks: CallHooks

  private readonly baseHooks: CallHooks = {
    changed: (call: Call) => {
      const snapshot = call.snapshot
      if (call.ended) {
        this.calls.delete(call.id)
        this.early?.release(call.id)
      }
      this.events.emit('call', snapshot)
    },
    dtmf: (call: Call, tone: string) => this.events.emit('dtmf', { callId: call.id, tone }),
    referred: (call: Call, referral: Referral) => this.onReferred(call, referral),
    inputEnded: (call: Call, kind: InputKind) => void this.inputs?.recover(call, kind),
    log: (message: string) => this.log(message),
    mediaBlocker: (video: boolean) => this.readiness.blocker(video),
  }

  /** Signalling went away (socket lost) or came back (registered on the new socket). */
  private onSignalling(up: boolean): void {
    if (up === this.signallingUp) return
    this.signallingUp = up
    for (const call of this.liveCalls()) call.signalling(up)
  }

  private liveCalls(): Call[] {
    return [...this.calls.values()].filter((c) => !c.ended)
  }

  /** Local media for a new call: the chosen devices, the default for one that is missing. */
  private async openMedia(...args: Parameters<Web.MediaStreamFactory>): Promise<MediaStream> {
    if (!this.media) return Web.defaultMediaStreamFactory()(...args)
    const [constraints] = args
    const want = { audio: Boolean(constraints.audio), video: Boolean(constraints.video) }
    const early = want.audio && !want.video ? this.early?.take() : undefined
    const media = this.media
    const { stream, fellBack } = await (early?.catch(() => media.open(want)) ?? media.open(want))
    for (const role of fellBack) this.events.emit('device', { kind: 'missing', role })
    return stream
  }

  /**
   * The other side asks us to call someone (REFER). Nothing is dialled here: the REFER is
   * accepted (202: we will consider it) and the request goes to whoever asks the user; the
   * outcome reaches the asker later as a NOTIFY (followTransfer / declineTransfer).
   */
  private onReferred(original: Call, referral: Referral): void {
    let target: string
    try {
      const uri = referral.referTo.uri.clone()
      uri.clearHeaders()
      target = uri.toString()
    } catch (error) {
      original.clearPendingEnd()
      this.log(`REFER with an unreadable Refer-To: ${String(error)}`)
      void referral.reject({ statusCode: 400 }).catch(() => undefined)
      return
    }
    void referral
      .accept()
      .catch((error: unknown) => this.log(`Accepting REFER failed: ${String(error)}`))
    const request: TransferRequest = {
      id: `transfer-${nextId()}`,
      callId: original.id,
      from: original.snapshot.peer,
      target,
      fromOwnDomain: sameHost(original.snapshot.peer.uri, this.account?.aor ?? ''),
    }
    this.transfers.set(request.id, { referral, original })
    this.events.emit('transferRequest', request)
  }

  private ringingCount(): number {
    return [...this.calls.values()].filter((c) => c.snapshot.phase === 'incoming').length
  }

  private get(id: string): Call | undefined {
    return this.calls.get(id)
  }

  private track(call: Call): Call {
    this.calls.set(call.id, call)
    if (!this.signallingUp) call.signalling(false)
    this.events.emit('call', call.snapshot)
    return call
  }

  private onInvite(invitation: Invitation): void {
    if (this.heldInvites) {
      this.heldInvites.push(invitation)
      return
    }
    const identity = invitation.remoteIdentity
    const peer = { uri: identity.uri.toString(), name: identity.displayName ?? '' }
    // An INVITE with Replaces that SIP.js matched to one of our calls would take that call over
    // (RFC 3891): only for the call's own peer, or one it handed the call to (see the policy).
    const replaced = invitation.replacee
    const replacedCall = replaced
      ? [...this.calls.values()].find((c) => c.session === replaced && !c.ended)
      : undefined
    if (replaced) {
      const verdict = replacedCall
        ? mayReplace({
            sender: identity.uri.toString(),
            referredBy: invitation.request.getHeader('referred-by'),
            replacedPeer: replacedCall.snapshot.peer.uri,
            ownAor: this.account?.aor ?? '',
            pickup: isPickup(invitation, replacedCall.snapshot),
          })
        : { ok: false as const, why: 'no such call' }
      if (!verdict.ok) {
        this.log(`INVITE with Replaces refused: ${verdict.why}`)
        void invitation
          .reject({ statusCode: 403, reasonPhrase: 'Replaces not authorized' })
          .catch(() => undefined)
        return
      }
    } else if (this.ringingCount() >= MAX_RINGING_CALLS) {
      this.log(`Incoming call refused: ${MAX_RINGING_CALLS} calls are ringing already`)
      void invitation.reject({ statusCode: 486 }).catch(() => undefined)
      return
    }
    const body = invitation.body ?? ''
    const video = /^m=video [1-9]/m.test(body)
    const call = new Call(
      invitation,
      { id: nextId(), direction: 'incoming', peer, video },
      this.hooks,
      this.now(),
    )
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
    const refusal = this.rejectIncoming?.(peer)
    if (refusal) {
      // Refused before it is tracked: the call is only ever seen ended, so nothing rings.
      call.reject(refusal)
      return
    }
    // getUserMedia runs while the call rings and its dialog renders, not after "Answer".
    if (!invitation.replacee && !this.readiness.blocker(false)) this.early?.start(call.id)
    this.track(call)
    // An authorised Replaces (attended transfer): it takes that call over, so answer at once;
    // SIP.js then hangs up the replaced one.
    if (replacedCall) {
      if (
        replacedCall.snapshot.direction === 'outgoing' &&
        replacedCall.snapshot.phase !== 'connected'
      ) {
        // Picked up while it rang: SIP.js would BYE the replaced session after answering, which
        // it cannot do to an early dialog (it throws); we CANCEL it ourselves instead.
        ;(invitation as unknown as { _replacee?: unknown })._replacee = undefined
        replacedCall.cancelPickedUp()
      } else {
        replacedCall.markReplaced()
      }
      void call.answer(replacedCall.snapshot.video)
      return
    }
    if (this.autoAnswer?.(invitation, call.id, this.account?.aor ?? '')) {
      // Muted before the answer: the page is heard, nothing from here goes out until unmuted.
      call.setMuted(true)
      void call.answer(false)
      return
    }
    // It rings: tell the caller (SIP.js's automatic 180 is off, see user-agent.ts).
    void invitation.progress().catch((error: unknown) => this.log(`180 failed: ${String(error)}`))
  }
}

/** An INVITE whose Replaces says `early-only` for our outgoing call that is still ringing. */
function isPickup(invitation: Invitation, replaced: CallSnapshot): boolean {
  const replaces = invitation.request.parseHeader('replaces') as
    { early_only?: boolean } | undefined
  return (
    replaces?.early_only === true &&
    replaced.direction === 'outgoing' &&
    replaced.phase !== 'connected'
  )
}

/** Calls can signal: the socket is open and the registrar accepted us on it. */
function usable(engine: EngineView): boolean {
  return engine.connection === 'connected' && engine.registration.kind === 'registered'
}

/** Whether a SIP URI's host is the host of `aor` (our own domain). */
function sameHost(uri: string, aor: string): boolean {
  const a = UserAgent.makeURI(uri)?.host.toLowerCase()
  return a !== undefined && a === UserAgent.makeURI(aor)?.host.toLowerCase()
}
