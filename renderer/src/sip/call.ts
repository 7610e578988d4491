// One call over one SIP.js session: its state as a plain snapshot, and the actions a user takes
// in it. SIP.js objects never leave this file, its helpers (call-dialog, call-dtmf,
// call-transfer, call-recovery) and calls.ts, which creates them.

// Read by tests and calls.ts from here, where they used to live.
export { iceUfrag, refreshRemoteTarget, sendsVideo, sipfragStatus } from './call-dialog'

import { Invitation, RequestPendingError, SessionState } from 'sip.js'
import type { Core, Info, Inviter, Referral, Session, SessionDescriptionHandler, URI } from 'sip.js'
import { endFromStatus, mediaAccessReason } from './call-end'
import type { CallEnd } from './call-end'
import { qualityFromStats } from './call-stats'
import type { CallQuality } from './call-stats'
import type { CallPeer, CallSnapshot, DtmfMethod } from './call-types'
import type { InputKind, LocalInput, SwitchableCall } from './input-switcher'
import { sdpHolds } from './sdp'
import { hasSdp, iceUfrag, refreshRemoteTarget, sendsVideo } from './call-dialog'
import { receiveTone, sendTones } from './call-dtmf'
import { reInvite, rollBackOffer } from './call-renegotiation'
import { AudioFlowWatch } from './audio-flow'
import { refer, replacesOf } from './call-transfer'
import type { MediaBlocker } from './media-precheck'
import { CallRecovery, defaultRecovery } from './call-recovery'
import type { RecoveryOptions, RestartOutcome } from './call-recovery'
import { systemClock } from './clock'
import type { Clock, TimerHandle } from './clock'

/**
 * Before an answer, how long a call waits for the connection to come back: a call dialled during
 * an outage waits this long to be sent; an INVITE whose connection dropped waits this long to be
 * cancelled on the new one. Either way it then ends "Connection lost" instead of hanging.
 */
export const UNANSWERED_OUTAGE_MS = 10_000
/** After our CANCEL, how long the far end's 487 may take before the call ends here anyway. */
export const CANCEL_WAIT_MS = 3000

/** The parts of SIP.js's Web SessionDescriptionHandler we use (its class is not exported typed). */
interface WebSdh extends SessionDescriptionHandler {
  readonly peerConnection: RTCPeerConnection | undefined
  readonly remoteMediaStream: MediaStream
  readonly localMediaStream: MediaStream
  sendDtmf(tones: string, options?: { duration: number; interToneGap: number }): boolean
  /** Replaces the senders' tracks with the stream's (replaceTrack) and stops the old ones. */
  setLocalMediaStream(stream: MediaStream): Promise<void>
}

export interface CallHooks {
  changed(call: Call): void
  /** The other side asks us to call someone else (a transfer): the manager places that call. */
  referred(call: Call, referral: Referral): void
  dtmf(call: Call, tone: string): void
  /** A microphone or camera track of the call ended on its own (the device went away). */
  inputEnded(call: Call, kind: InputKind): void
  log(message: string): void
  /** Why the media a call needs cannot be had right now, as far as known (never waits). */
  mediaBlocker(video: boolean): MediaBlocker | null
  /** Time for recovery's timers (the system clock unless a test brings its own). */
  readonly clock?: Clock
  /** UNANSWERED_OUTAGE_MS and CANCEL_WAIT_MS, where a test wants others. */
  readonly unansweredOutageMs?: number
  readonly cancelWaitMs?: number
  /** Recovery's bounds, where the defaults (call-recovery.ts) do not suit. */
  readonly recovery?: Partial<Omit<RecoveryOptions, 'leader'>>
}

/**
 * A call's media for features loaded later (conference, recording, screen sharing): they work on
 * its connection's senders themselves (media/) and ask the call only to re-offer or to say it
 * shares.
 */
export interface CallMediaControl {
  readonly peerConnection: RTCPeerConnection | undefined
  readonly localStream: MediaStream | null
  readonly remoteStream: MediaStream | null
  /** A re-INVITE offering the connection's transceivers as they are now; false if refused. */
  renegotiate(): Promise<boolean>
  setSharing(sharing: boolean): void
}

export class Call implements SwitchableCall, CallMediaControl {
  private snap: CallSnapshot
  /** Set by whatever learns why the call ends, before SIP.js reports Terminated. */
  private pendingEnd: CallEnd | undefined
  private unwatchMedia: (() => void) | undefined
  /** While SIP.js sends our INVITE or answer: its Terminated on failure must wait for our reason. */
  private starting = false
  /** Brings the call back through network trouble once it is answered (call-recovery.ts). */
  private recovery: CallRecovery | undefined
  /** Whether the engine can signal now (connected and registered on the current socket). */
  private signallingUp = true
  /** The far end's ICE username fragment as last offered or answered: a new one is a restart. */
  private remoteUfrag: string | undefined
  /** Whether audio arrives, for recovery (audio-flow.ts). */
  private flow: AudioFlowWatch | undefined
  /** Dialled while signalling was down: releases the waiting INVITE (true) or gives up (false). */
  private releaseInvite: ((send: boolean) => void) | undefined
  /** Our INVITE lost its connection before an answer: ends the call if signalling stays away. */
  private orphanTimer: TimerHandle | undefined
  /** A CANCEL went out: ends the call here if the far end's answer to it never comes. */
  private cancelTimer: TimerHandle | undefined
  /**
   * Asked for while the call was reconnecting: the hold state wanted (with whoever awaits it)
   * and keypad tones, sent in order once the call is back; dropped if it ends instead. A
   * re-INVITE or INFO sent into the gap would be lost on the dead socket or cross the ICE
   * restart's re-INVITE.
   */
  private queuedHold: boolean | undefined
  private holdWaiters: { held: boolean; resolve: (done: boolean) => void }[] = []
  private queuedTones: { tones: string; method: DtmfMethod }[] = []
  /** Audio packets received at the last check, and when that count last grew. */
  /** Whether video was asked for or offered at the start (a shared screen may add it later). */
  private readonly startedWithVideo: boolean

  constructor(
    readonly session: Session,
    init: { id: string; direction: CallSnapshot['direction']; peer: CallPeer; video: boolean },
    private readonly hooks: CallHooks,
    now: number,
  ) {
    this.snap = {
      ...init,
      phase: init.direction === 'incoming' ? 'incoming' : 'calling',
      held: false,
      remoteHeld: false,
      muted: false,
      cameraOff: false,
      sharing: false,
      receivedTones: '',
      earlyMedia: false,
      reconnecting: false,
      startedAt: now,
      connectedAt: null,
      endedAt: null,
      end: null,
      transfer: null,
    }
    this.startedWithVideo = init.video
    session.stateChange.addListener((state) => this.onSessionState(state))
    session.delegate = {
      onBye: (bye) => {
        this.pendingEnd ??= { reason: 'remote-hangup' }
        void bye.accept()
      },
      onInfo: (info) => this.onInfo(info),
      onInvite: (request, _response, statusCode) => {
        // A re-INVITE from the other side: a hold or resume shows in its SDP direction.
        // A shared screen adds video to a call, or takes it away again: show what is sent.
        if (request.body) {
          this.set({
            remoteHeld: sdpHolds(request.body),
            video: this.startedWithVideo || sendsVideo(request.body),
          })
        }
        if (statusCode !== 200) return
        // Our 200 carried our current Contact; new ICE credentials mean the far end restarts.
        const ufrag = iceUfrag(request.body)
        const restarted = ufrag !== undefined && ufrag !== this.remoteUfrag
        if (ufrag !== undefined) this.remoteUfrag = ufrag
        this.recovery?.remoteRefreshed(restarted)
      },
      onCancel: (cancel) => {
        // RFC 3326: a CANCEL whose Reason is SIP cause 200 means someone else answered it (a
        // colleague picked it up): not a missed call.
        if (/\bcause\s*=\s*200\b/i.test(cancel.request.getHeader('Reason') ?? '')) {
          this.pendingEnd ??= { reason: 'answered-elsewhere' }
        }
      },
      onSessionDescriptionHandler: () => this.watchMedia(),
      onRefer: (referral) => {
        // We follow it; our leg ends when the transferor hangs up on us.
        this.pendingEnd = { reason: 'transferred' }
        this.hooks.referred(this, referral)
      },
    }
  }

  get id(): string {
    return this.snap.id
  }

  get snapshot(): CallSnapshot {
    return { ...this.snap, peer: { ...this.snap.peer } }
  }

  get ended(): boolean {
    return this.snap.phase === 'ended'
  }

  /** The other side's audio and video; tracks join it as they arrive. */
  get remoteStream(): MediaStream | null {
    return this.sdh?.remoteMediaStream ?? null
  }

  get localStream(): MediaStream | null {
    return this.sdh?.localMediaStream ?? null
  }

  get peerConnection(): RTCPeerConnection | undefined {
    return this.sdh?.peerConnection
  }

  // ── outcomes SIP.js reports through request delegates ─────────────────────────────────────

  onProgress(response: Core.IncomingResponse): void {
    const code = response.message.statusCode ?? 0
    if (code !== 180 && code !== 183) return
    // An 18x with SDP brings early media (SIP.js applies it, see `earlyMedia` in calls.ts): the
    // far end's own tones or announcements are heard instead of our ringback.
    const earlyMedia = this.snap.earlyMedia || hasSdp(response)
    if (this.snap.phase === 'calling') this.set({ phase: 'ringing', earlyMedia })
    else if (earlyMedia !== this.snap.earlyMedia) this.set({ earlyMedia })
  }

  onRejected(response: Core.IncomingResponse): void {
    const { statusCode = 0, reasonPhrase = '' } = response.message
    // SIP.js makes up a 503 (no headers at all) when the INVITE could not be written to the
    // socket: that is our connection, not the server saying it is overloaded.
    if (statusCode === 503 && !response.message.callId) {
      this.pendingEnd ??= { reason: 'connection-lost', detail: 'the INVITE could not be sent' }
    }
    this.pendingEnd ??= endFromStatus(statusCode, reasonPhrase)
  }

  /** The INVITE could not even be sent or answered (no microphone, transport down …). */
  failed(error: unknown): void {
    this.pendingEnd ??= { reason: mediaAccessReason(error) ?? 'failed', detail: describe(error) }
    this.hooks.log(`Call ${this.id} failed: ${describe(error)}`)
    // SIP.js may leave the session alive when the failure happened before the INVITE went out.
    if (this.session.state !== SessionState.Terminated) this.terminate()
    else this.finish()
  }

  // ── user actions ──────────────────────────────────────────────────────────────────────────

  async answer(video: boolean): Promise<void> {
    if (!(this.session instanceof Invitation) || this.session.state !== SessionState.Initial) return
    this.set({ phase: 'connecting', video })
    const blocker = this.hooks.mediaBlocker(video)
    if (blocker) {
      // 480 rather than SIP.js's 488: the caller's media was fine, ours is not to be had.
      this.hooks.log(`Call ${this.id}: cannot answer (${blocker})`)
      this.reject({ reason: blocker, statusCode: 480 })
      return
    }
    const invitation = this.session
    await this.start(() =>
      invitation.accept({
        sessionDescriptionHandlerOptions: { constraints: { audio: true, video } },
      }),
    )
  }

  /** Sends the INVITE of an outgoing call; `onFailed` hears of a rejection or a failure to send. */
  async invite(onFailed?: () => void): Promise<void> {
    const inviter = this.session as Inviter
    // Dialled during an outage: the INVITE waits for the connection (bounded), so a blip does
    // not cost the call and a long outage ends it with a reason instead of a dead "Calling".
    if (!this.signallingUp && !(await this.signallingBack())) {
      if (this.ended) return
      this.pendingEnd ??= { reason: 'connection-lost', detail: 'no connection to the server' }
      this.terminate()
      onFailed?.()
      return
    }
    if (this.ended) return
    await this.start(
      () =>
        inviter.invite({
          requestDelegate: {
            onProgress: (response) => this.onProgress(response),
            onReject: (response) => {
              this.onRejected(response)
              onFailed?.()
            },
          },
        }),
      onFailed,
    )
  }

  /** Runs SIP.js's INVITE or answer; a failure (no microphone …) ends the call with its reason. */
  private async start(send: () => Promise<unknown>, onFailed?: () => void): Promise<void> {
    this.starting = true
    try {
      await send()
    } catch (error) {
      this.failed(error)
      onFailed?.()
    } finally {
      this.starting = false
      if (this.session.state === SessionState.Terminated) this.finish()
    }
  }

  decline(): void {
    this.reject({ reason: 'declined', statusCode: 603 })
  }

  /** Refuses an incoming call with the end's status code (603 unless given). */
  reject(end: CallEnd, extraHeaders: string[] = []): void {
    if (!(this.session instanceof Invitation) || this.session.state !== SessionState.Initial) return
    this.pendingEnd = end
    void this.session
      .reject({ statusCode: end.statusCode ?? 603, extraHeaders })
      .catch((e: unknown) => this.failed(e))
  }

  /** Whatever the call's stage: cancel, decline or BYE. */
  hangUp(): void {
    const answered = this.session.state === SessionState.Established
    this.pendingEnd ??=
      answered || this.snap.direction === 'incoming'
        ? { reason: 'hangup' }
        : { reason: 'cancelled' }
    this.terminate()
  }

  /** The engine's signalling came back (registered on a new socket) or went away. */
  signalling(up: boolean): void {
    this.signallingUp = up
    this.recovery?.signal(up)
    if (up) this.releaseInvite?.(true)
    if (!this.ended && this.snap.connectedAt === null) this.unansweredSignalling(up)
  }

  /** The network may have changed (online/offline, resume): look at the media path now. */
  checkNetwork(): void {
    this.recovery?.check()
  }

  /** Ends the call with a given reason (ICE failure, transfer done …). */
  endWith(end: CallEnd): void {
    this.pendingEnd ??= end
    this.terminate()
  }

  async setHeld(held: boolean): Promise<boolean> {
    if (this.session.state !== SessionState.Established) return false
    if (this.snap.reconnecting) return this.queueHold(held)
    if (this.snap.held === held) return false
    // SIP.js's hold only makes the stream send-only: the microphone would still reach the held
    // party. Tracks go off first and come back only once the resume was accepted.
    if (held) this.applyTrackState(true)
    const accepted = await this.reInvite({ hold: held })
    if (accepted) this.set({ held })
    this.applyTrackState(accepted ? held : !held)
    return accepted
  }

  setMuted(muted: boolean): void {
    this.set({ muted })
    this.applyTrackState(this.snap.held)
  }

  setCameraOff(cameraOff: boolean): void {
    this.set({ cameraOff })
    this.applyTrackState(this.snap.held)
  }

  /** Sends one or more tones; false when nothing could be sent. */
  sendDtmf(tones: string, method: DtmfMethod): boolean {
    if (this.session.state !== SessionState.Established) return false
    if (this.snap.reconnecting) {
      this.queuedTones.push({ tones, method })
      return true
    }
    return sendTones(this.session, this.sdh, tones, method, this.hooks.log)
  }

  localInputs(): LocalInput[] {
    const pc = this.peerConnection
    if (!pc || this.ended || pc.connectionState === 'closed') return []
    const inputs: LocalInput[] = []
    for (const sender of pc.getSenders()) {
      const track = sender.track
      if (!track || (track.kind !== 'audio' && track.kind !== 'video')) continue
      inputs.push({
        kind: track.kind,
        deviceId: track.getSettings().deviceId ?? '',
        live: track.readyState === 'live',
      })
    }
    return inputs
  }

  /**
   * Sends another microphone's or camera's track in place of the current one: replaceTrack, no
   * re-INVITE. Held, muted and camera-off states carry over to the new track.
   */
  async replaceInput(stream: MediaStream): Promise<boolean> {
    const sdh = this.sdh
    if (!sdh || this.ended || !this.peerConnection) {
      stopTracks(stream)
      return false
    }
    // What is sent but was not captured for the call (a conference mix, a shared screen) keeps
    // going out, untouched (not even for a frame): the new device becomes the call's own input,
    // sent again when that ends.
    const local = sdh.localMediaStream
    const covered = new Set(
      this.peerConnection
        .getSenders()
        .flatMap((s) => (s.track && !local.getTrackById(s.track.id) ? [s.track.kind] : [])),
    )
    const sent = stream.getTracks().filter((t) => !covered.has(t.kind))
    try {
      if (sent.length > 0) await sdh.setLocalMediaStream(new MediaStream(sent))
      for (const track of stream.getTracks()) if (covered.has(track.kind)) keepAside(local, track)
    } catch (error) {
      this.hooks.log(`Replacing the input of call ${this.id} failed: ${describe(error)}`)
      stopTracks(stream)
      return false
    }
    this.applyTrackState(this.snap.held)
    return true
  }

  renegotiate(): Promise<boolean> {
    return this.ended ? Promise.resolve(false) : this.reInvite({ hold: this.snap.held })
  }

  setSharing(sharing: boolean): void {
    if (this.ended) return
    // A camera chosen while sharing on an audio call is sent once the screen stops: now a
    // video call (its camera can be turned off, the picture shows).
    const video = this.snap.video || (!sharing && this.sendsCamera())
    this.set({ sharing, video })
    this.applyTrackState(this.snap.held)
  }

  async quality(): Promise<CallQuality | null> {
    const pc = this.peerConnection
    if (!pc || pc.connectionState === 'closed') return null
    const report = await pc.getStats()
    return qualityFromStats(
      report.values() as Iterable<Record<string, unknown> & { type: string; id: string }>,
    )
  }

  /**
   * Sends REFER to the other side, which should call `referTo`. Resolves true once the new call
   * is answered (NOTIFY with a 2xx sipfrag); the call then ends as transferred. False when the
   * REFER is refused or the new call fails: this call stays up, showing the failure.
   */
  async transfer(referTo: URI, label: string): Promise<boolean> {
    if (this.session.state !== SessionState.Established) return false
    this.set({ transfer: { kind: 'trying', target: label } })
    const outcome = await refer(this.session, referTo, this.hooks.log)
    if (outcome.ok) {
      this.set({ transfer: { kind: 'accepted', target: label } })
      this.endWith({ reason: 'transferred' })
    } else {
      const code = outcome.statusCode ? { statusCode: outcome.statusCode } : {}
      this.set({ transfer: { kind: 'failed', target: label, ...code } })
    }
    return outcome.ok
  }

  /** The dialog identifiers an INVITE with Replaces names (RFC 3891), once established. */
  get replacesValue(): string | null {
    return replacesOf(this.session)
  }

  /** An INVITE with Replaces took this call over: it ends without us hanging up. */
  markReplaced(): void {
    this.pendingEnd = { reason: 'replaced' }
  }

  /**
   * A colleague picked up this call while it still rang at the far end (INVITE with Replaces,
   * early-only): the ringing is cancelled saying the call was answered elsewhere (RFC 3326).
   */
  cancelPickedUp(): void {
    this.pendingEnd ??= { reason: 'replaced' }
    const session = this.session
    if (session instanceof Invitation || session.state !== SessionState.Establishing) return
    void (session as Inviter)
      .cancel({ statusCode: 200, reasonPhrase: 'Call completed elsewhere' })
      .catch(() => this.finish())
  }

  /** Forget an end reason set in advance (a transfer that then failed). */
  clearPendingEnd(): void {
    if (this.snap.phase !== 'ended') this.pendingEnd = undefined
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────

  private get sdh(): WebSdh | undefined {
    return this.session.sessionDescriptionHandler as WebSdh | undefined
  }

  private terminate(): void {
    const session = this.session
    try {
      switch (session.state) {
        case SessionState.Initial:
        case SessionState.Establishing:
          if (session instanceof Invitation) {
            void session.reject({ statusCode: 603 }).catch(() => this.finish())
          } else {
            this.releaseInvite?.(false)
            void (session as Inviter).cancel().catch(() => this.finish())
            this.watchCancel()
          }
          return
        case SessionState.Established:
          void session.bye().catch(() => this.finish())
          return
        default:
          this.finish()
      }
    } catch (error) {
      this.hooks.log(`Ending call ${this.id}: ${describe(error)}`)
      this.finish()
    }
  }

  private onSessionState(state: SessionState): void {
    switch (state) {
      case SessionState.Established:
        this.set({ phase: 'connected', connectedAt: Date.now() })
        this.applyTrackState(this.snap.held)
        this.startRecovery()
        return
      case SessionState.Terminated:
        // A failed INVITE or answer: start() records why, then finishes.
        if (this.starting) return
        // SIP.js reports Terminated before it hands the final response to our request delegate
        // (Inviter.onReject): let that delegate record why first.
        queueMicrotask(() => this.finish())
        return
    }
  }

  private finish(): void {
    if (this.snap.phase === 'ended') return
    this.releaseInvite?.(false)
    this.dropQueued()
    this.clearTimer('orphanTimer')
    this.clearTimer('cancelTimer')
    this.recovery?.dispose()
    this.flow?.stop()
    this.flow = undefined
    this.unwatchMedia?.()
    this.unwatchMedia = undefined
    const wasAnswered = this.snap.connectedAt !== null
    const fallback: CallEnd =
      this.snap.direction === 'incoming' && !wasAnswered
        ? { reason: 'missed' }
        : { reason: 'remote-hangup' }
    this.set({
      phase: 'ended',
      reconnecting: false,
      endedAt: Date.now(),
      end: this.pendingEnd ?? fallback,
    })
  }

  private onInfo(info: Info): void {
    const tone = receiveTone(info)
    if (tone === null) return
    this.set({ receivedTones: (this.snap.receivedTones + tone).slice(-32) })
    this.hooks.dtmf(this, tone)
  }

  private watchMedia(): void {
    const pc = this.peerConnection
    if (!pc || this.unwatchMedia) return
    let everConnected = false
    const onIce = (): void => {
      const state = pc.iceConnectionState
      if (state === 'connected' || state === 'completed') everConnected = true
      // Failing before media ever flowed is the call's setup failing: no path, say so and end.
      // Later, recovery restarts ICE.
      if (state === 'failed' && !everConnected) {
        this.endWith({ reason: 'no-media', detail: 'ICE failed' })
        return
      }
      this.recovery?.ice(state)
    }
    const onConnection = (): void => {
      // DTLS can fail while ICE still reads connected (the far end closed its connection).
      if (pc.connectionState === 'failed' && everConnected) this.recovery?.ice('failed')
    }
    pc.addEventListener('iceconnectionstatechange', onIce)
    pc.addEventListener('connectionstatechange', onConnection)
    // A capture track ends on its own only when its device goes away (stop() fires no event).
    const local = this.sdh?.localMediaStream
    const onEnded = (event: Event): void => {
      const kind = (event.target as MediaStreamTrack).kind
      if (!this.ended && (kind === 'audio' || kind === 'video')) this.hooks.inputEnded(this, kind)
    }
    const watched = new Set<MediaStreamTrack>()
    const watch = (track: MediaStreamTrack): void => {
      if (watched.has(track)) return
      watched.add(track)
      track.addEventListener('ended', onEnded)
    }
    const onAddTrack = (event: Event): void => {
      const track = (event as MediaStreamTrackEvent).track
      if (track) watch(track)
    }
    local?.getTracks().forEach(watch)
    local?.addEventListener('addtrack', onAddTrack)
    this.unwatchMedia = () => {
      pc.removeEventListener('iceconnectionstatechange', onIce)
      pc.removeEventListener('connectionstatechange', onConnection)
      local?.removeEventListener('addtrack', onAddTrack)
      for (const track of watched) track.removeEventListener('ended', onEnded)
    }
  }

  /** Whether a camera the call captured itself goes out now (not a shared screen). */
  private sendsCamera(): boolean {
    const local = this.sdh?.localMediaStream
    return (this.peerConnection?.getSenders() ?? []).some(
      (s) => s.track?.kind === 'video' && local?.getTrackById(s.track.id) != null,
    )
  }

  /** Outgoing tracks: off while held, audio off while muted, video off while the camera is. */
  private applyTrackState(held: boolean): void {
    const pc = this.peerConnection
    if (!pc) return
    for (const sender of pc.getSenders()) {
      const track = sender.track
      if (!track) continue
      const off = held || (track.kind === 'audio' ? this.snap.muted : this.snap.cameraOff)
      track.enabled = !off
    }
  }

  private startRecovery(): void {
    if (this.recovery) return
    this.recovery = new CallRecovery(
      {
        restartIce: () => this.restartIce(),
        giveUp: (end) => this.endWith(end),
        changed: (reconnecting) => {
          if (this.ended) return
          this.set({ reconnecting })
          if (!reconnecting) void this.flushQueued()
        },
        log: (message) => this.hooks.log(`Call ${this.id}: ${message}`),
      },
      this.hooks.clock ?? systemClock,
      { ...this.hooks.recovery, leader: this.snap.direction === 'outgoing' },
    )
    const pc = this.peerConnection
    this.remoteUfrag = iceUfrag(pc?.remoteDescription?.sdp)
    if (pc) this.recovery.ice(pc.iceConnectionState)
    if (!this.signallingUp) this.recovery.signal(false)
    const recovery = this.recovery
    this.flow = new AudioFlowWatch({
      peerConnection: () => (this.ended ? undefined : this.peerConnection),
      paused: () => this.snap.held || this.snap.remoteHeld,
      report: (flowing) => recovery.flow(flowing),
      clock: this.hooks.clock ?? systemClock,
      graceMs: this.hooks.recovery?.graceMs ?? defaultRecovery.graceMs,
    })
  }

  /**
   * re-INVITE with an ICE restart (new credentials, new candidates), keeping the hold state. Its
   * Contact is ours as the proxy sees it now: the far end's target follows our new connection.
   */
  private restartIce(): Promise<RestartOutcome> {
    const session = this.session
    const restore = (): void => {
      // SIP.js keeps re-INVITE options for later offers and answers: no ICE restart in those.
      session.sessionDescriptionHandlerOptionsReInvite = { hold: this.snap.held } as never
    }
    return new Promise<RestartOutcome>((resolve) => {
      session
        .invite({
          sessionDescriptionHandlerOptions: {
            hold: this.snap.held,
            offerOptions: { iceRestart: true },
          } as never,
          requestDelegate: {
            onAccept: (response) => {
              refreshRemoteTarget(session, response)
              this.remoteUfrag = iceUfrag(response.message.body) ?? this.remoteUfrag
              resolve({ kind: 'accepted' })
            },
            onReject: (response) => {
              void this.rollBackOffer().then(() =>
                resolve({ kind: 'rejected', statusCode: response.message.statusCode ?? 0 }),
              )
            },
          },
        })
        .catch((error: unknown) => {
          if (error instanceof RequestPendingError) {
            resolve({ kind: 'busy' })
            return
          }
          void this.rollBackOffer().then(() => resolve({ kind: 'error', detail: describe(error) }))
        })
    }).finally(restore)
  }

  /** Hold or resume asked for during the gap; the microphone goes off at once for a hold. */
  private queueHold(held: boolean): Promise<boolean> {
    this.queuedHold = held
    this.applyTrackState(held || this.snap.held)
    return new Promise((resolve) => this.holdWaiters.push({ held, resolve }))
  }

  /** The call is back: what was asked for during the gap goes out, hold first, then tones. */
  private async flushQueued(): Promise<void> {
    const held = this.queuedHold
    const waiters = this.holdWaiters.splice(0)
    this.queuedHold = undefined
    let accepted = true
    if (held !== undefined && held !== this.snap.held) accepted = await this.setHeld(held)
    else this.applyTrackState(this.snap.held)
    // Each caller hears whether its own wish is what the call ended up with.
    for (const waiter of waiters) waiter.resolve(accepted && this.snap.held === waiter.held)
    for (const { tones, method } of this.queuedTones.splice(0)) {
      if (!this.ended) this.sendDtmf(tones, method)
    }
  }

  private dropQueued(): void {
    this.queuedHold = undefined
    this.queuedTones = []
    for (const waiter of this.holdWaiters.splice(0)) waiter.resolve(false)
  }

  /** Waits (bounded) for signalling to come back before the first INVITE; false if it did not. */
  private signallingBack(): Promise<boolean> {
    this.set({ reconnecting: true })
    const clock = this.hooks.clock ?? systemClock
    return new Promise<boolean>((resolve) => {
      const timer = clock.setTimeout(
        () => this.releaseInvite?.(false),
        this.hooks.unansweredOutageMs ?? UNANSWERED_OUTAGE_MS,
      )
      this.releaseInvite = (send) => {
        clock.clearTimeout(timer)
        this.releaseInvite = undefined
        if (!this.ended) this.set({ reconnecting: false })
        resolve(send)
      }
    })
  }

  /**
   * The connection went away (or came back) before the call was answered. Responses to our
   * INVITE would go to the lost socket, so that attempt is over: once signalling is back a CANCEL
   * goes out on the new socket (a proxy that kept the transaction stops the ringing there), and
   * the call ends "Connection lost". A call ringing here is ended at once: neither the caller's
   * CANCEL nor our answer can cross a proxy that lost it.
   */
  private unansweredSignalling(up: boolean): void {
    const session = this.session
    if (session instanceof Invitation) {
      if (!up && session.state === SessionState.Initial) {
        this.endWith({ reason: 'connection-lost', detail: 'the connection dropped while ringing' })
      }
      return
    }
    // Not sent yet (waiting in invite()) or already over: nothing in flight to orphan.
    if (session.state !== SessionState.Establishing) return
    if (!up) {
      if (this.orphanTimer !== undefined) return
      this.pendingEnd = {
        reason: 'connection-lost',
        detail: 'the connection dropped before an answer',
      }
      this.set({ reconnecting: true })
      this.orphanTimer = (this.hooks.clock ?? systemClock).setTimeout(() => {
        this.orphanTimer = undefined
        this.abandon()
      }, this.hooks.unansweredOutageMs ?? UNANSWERED_OUTAGE_MS)
      return
    }
    if (this.orphanTimer === undefined) return
    this.clearTimer('orphanTimer')
    this.terminate()
  }

  /** After a CANCEL, the call ends here even if the far end's 487 never arrives. */
  private watchCancel(): void {
    if (this.cancelTimer !== undefined) return
    this.cancelTimer = (this.hooks.clock ?? systemClock).setTimeout(() => {
      this.cancelTimer = undefined
      this.abandon()
    }, this.hooks.cancelWaitMs ?? CANCEL_WAIT_MS)
  }

  /** Ends the call here without waiting for SIP.js's transaction timers; media closes now. */
  private abandon(): void {
    if (this.ended) return
    this.hooks.log(`Call ${this.id}: ended without the far end's answer`)
    this.finish()
    void this.session.dispose().catch(() => undefined)
  }

  private clearTimer(which: 'orphanTimer' | 'cancelTimer'): void {
    const timer = this[which]
    if (timer !== undefined) (this.hooks.clock ?? systemClock).clearTimeout(timer)
    this[which] = undefined
  }

  private rollBackOffer(): Promise<void> {
    return rollBackOffer(this.peerConnection, (m) => this.hooks.log(`Call ${this.id}: ${m}`))
  }

  private reInvite(options: { hold: boolean }): Promise<boolean> {
    return reInvite(this.session, options.hold, () => this.rollBackOffer(), this.hooks.log, {
      clock: this.hooks.clock ?? systemClock,
      ownsCallId: !(this.session instanceof Invitation),
    })
  }

  private set(patch: Partial<CallSnapshot>): void {
    this.snap = { ...this.snap, ...patch }
    this.hooks.changed(this)
  }
}

/** The call's own input of that kind becomes `track`, sent by no one yet (as SIP.js would). */
function keepAside(local: MediaStream, track: MediaStreamTrack): void {
  for (const old of local.getTracks()) {
    if (old.kind !== track.kind) continue
    old.stop()
    local.removeTrack(old)
  }
  local.addTrack(track)
  // What SIP.js dispatches too: watchMedia follows the new track's 'ended' through it.
  local.dispatchEvent(
    typeof MediaStreamTrackEvent === 'function'
      ? new MediaStreamTrackEvent('addtrack', { track })
      : Object.assign(new Event('addtrack'), { track }),
  )
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop()
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
