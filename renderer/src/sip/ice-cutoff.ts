// SIP.js sends an offer or answer only once ICE gathering has ended (there is no trickle ICE over
// SIP here), and gathering ends late: Chromium gathers host UDP candidates in one burst, then
// host TCP candidates about 100 ms later, then server-reflexive and relay candidates as the
// configured servers answer. Waiting only for the candidates that can carry the call cuts that
// wait: host UDP always, server-reflexive when a STUN server is set, relay when a TURN server is.
// Host TCP (ICE-TCP) helps only between peers that block UDP and have no TURN: not worth 100 ms
// on every call. SIP.js's iceGatheringTimeout still bounds the wait when a server never answers.
import { Web } from 'sip.js'
import type { SessionDescriptionHandlerFactory } from 'sip.js'
import type { IceServer } from './user-agent'

export interface CandidateKind {
  type: string | null
  protocol: string | null
}

export interface ExpectedCandidates {
  srflx: boolean
  relay: boolean
  /** Relay-only policy: the browser gathers no host candidates to wait for. */
  relayOnly?: boolean
}

export interface IceCutoffOptions {
  expect: ExpectedCandidates
  /** How long after the last useful candidate to wait for the rest of its burst. */
  quietMs: number
  done(): void
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

/** Decides, candidate by candidate, when a gathering round has what it needs. */
export class IceCutoff {
  private seen = { hostUdp: false, srflx: false, relay: false }
  private timer: unknown = undefined
  private finished = false
  private readonly setTimer: (run: () => void, ms: number) => unknown
  private readonly clearTimer: (timer: unknown) => void

  constructor(private readonly options: IceCutoffOptions) {
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
    this.clearTimer =
      options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>))
  }

  /** A new gathering round (first offer, answer, or ICE restart). */
  restart(): void {
    this.cancel()
    this.seen = { hostUdp: false, srflx: false, relay: false }
    this.finished = false
  }

  /** Gathering ended on its own: nothing left to cut short. */
  cancel(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer)
    this.timer = undefined
    this.finished = true
  }

  candidate(candidate: CandidateKind | null): void {
    if (this.finished || candidate === null) return
    const { type, protocol } = candidate
    if (type === 'host' && protocol === 'udp') this.seen.hostUdp = true
    else if (type === 'srflx') this.seen.srflx = true
    else if (type === 'relay') this.seen.relay = true
    else return // host TCP, prflx: not waited for, and no reason to wait longer either
    if (!this.enough()) return
    // More of the same burst (other interfaces, other m-lines) arrives within a few ms.
    if (this.timer !== undefined) this.clearTimer(this.timer)
    this.timer = this.setTimer(() => {
      this.timer = undefined
      this.finished = true
      this.options.done()
    }, this.options.quietMs)
  }

  private enough(): boolean {
    const { expect } = this.options
    if (expect.relayOnly) return this.seen.relay
    return (
      this.seen.hostUdp && (!expect.srflx || this.seen.srflx) && (!expect.relay || this.seen.relay)
    )
  }
}

/** What the configured ICE servers can add: STUN gives server-reflexive, TURN relay candidates. */
export function expectedCandidates(iceServers: readonly IceServer[]): ExpectedCandidates {
  const urls = iceServers.map((s) => s.urls)
  return {
    srflx: urls.some((u) => /^stuns?:/i.test(u)),
    relay: urls.some((u) => /^turns?:/i.test(u)),
  }
}

/** A candidate's type and protocol, from its fields or, where a browser leaves them out, its line. */
export function candidateKind(candidate: {
  candidate: string
  type?: string | null
  protocol?: string | null
}): CandidateKind {
  const fields = candidate.candidate.split(' ')
  const typeAt = fields.indexOf('typ')
  return {
    type: candidate.type ?? (typeAt >= 0 ? (fields[typeAt + 1] ?? null) : null),
    protocol: candidate.protocol ?? fields[2]?.toLowerCase() ?? null,
  }
}

/** Wraps SIP.js's handler factory so each handler stops waiting once useful candidates are in. */
export function withIceCutoff(
  base: SessionDescriptionHandlerFactory,
  iceServers: readonly IceServer[],
  relayOnly = false,
  quietMs = 25,
): SessionDescriptionHandlerFactory {
  const expect = { ...expectedCandidates(iceServers), relayOnly }
  return (session, options) => {
    const sdh = base(session, options)
    if (!(sdh instanceof Web.SessionDescriptionHandler)) return sdh
    const cutoff = new IceCutoff({ expect, quietMs, done: () => sdh.iceGatheringComplete() })
    sdh.peerConnectionDelegate = {
      onicegatheringstatechange: () => {
        const state = sdh.peerConnection?.iceGatheringState
        if (state === 'gathering') cutoff.restart()
        else if (state === 'complete') cutoff.cancel()
      },
      onicecandidate: (event) =>
        cutoff.candidate(event.candidate ? candidateKind(event.candidate) : null),
    }
    return sdh
  }
}
