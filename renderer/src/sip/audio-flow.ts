// Whether a connected call's audio arrives, from the peer connection's own receive counters: a
// path that died shows as silence long before the browser calls it `disconnected` (about 5 s
// after a TURN server restart here). Not while either side holds (nothing is sent then).

import type { Clock, TimerHandle } from './clock'

/** How often the counters are read. */
const FLOW_POLL_MS = 1000

export interface AudioFlowOptions {
  /** The call's connection; undefined once it ended. */
  peerConnection(): RTCPeerConnection | undefined
  /** A hold on either side: silence is expected. */
  paused(): boolean
  /** true: audio arrives (again); false: none for `graceMs`. */
  report(flowing: boolean): void
  clock: Clock
  graceMs: number
}

export class AudioFlowWatch {
  private seen: { packets: number; at: number }
  private readonly timer: TimerHandle

  constructor(private readonly options: AudioFlowOptions) {
    this.seen = { packets: -1, at: options.clock.now() }
    this.timer = options.clock.setInterval(() => void this.check(), FLOW_POLL_MS)
  }

  stop(): void {
    this.options.clock.clearInterval(this.timer)
  }

  private async check(): Promise<void> {
    const { peerConnection, paused, report, clock, graceMs } = this.options
    const pc = peerConnection()
    if (!pc || pc.connectionState === 'closed') return
    const now = clock.now()
    if (paused()) {
      this.seen = { packets: -1, at: now }
      report(true)
      return
    }
    let packets = 0
    try {
      ;(await pc.getStats()).forEach(
        (s: { type?: string; kind?: string; packetsReceived?: number }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') packets += s.packetsReceived ?? 0
        },
      )
    } catch {
      return
    }
    if (!peerConnection()) return
    if (packets !== this.seen.packets) {
      this.seen = { packets, at: now }
      report(true)
    } else if (now - this.seen.at >= graceMs) {
      report(false)
    }
  }
}
