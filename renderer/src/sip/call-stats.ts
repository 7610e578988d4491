// The call quality panel's numbers, from an RTCPeerConnection's getStats() report. Pure, so it
// is tested without a browser; the audio stream is what the panel describes.

export interface CallQuality {
  codec: string | null
  packetsSent: number
  bytesSent: number
  packetsReceived: number
  bytesReceived: number
  packetsLost: number
  /** Lost / (received + lost), in percent. */
  lossPercent: number
  roundTripMs: number | null
  jitterMs: number | null
  /** Receiving audio energy (the sum of squared levels × seconds); rises with sound, not silence. */
  audioEnergy: number | null
}

type Stat = Record<string, unknown> & { type: string; id: string }

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined)
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

export function qualityFromStats(report: Iterable<Stat>): CallQuality {
  const byId = new Map<string, Stat>()
  for (const stat of report) byId.set(stat.id, stat)
  const stats = [...byId.values()]
  const audio = (s: Stat): boolean => (s.kind ?? s.mediaType) === 'audio'
  const inbound = stats.find((s) => s.type === 'inbound-rtp' && audio(s))
  const outbound = stats.find((s) => s.type === 'outbound-rtp' && audio(s))
  const remoteInbound = stats.find((s) => s.type === 'remote-inbound-rtp' && audio(s))
  const pair = stats.find(
    (s) => s.type === 'candidate-pair' && (s.nominated === true || s.selected === true),
  )

  const codecId = str(inbound?.codecId) ?? str(outbound?.codecId)
  const codec = codecId ? byId.get(codecId) : undefined
  const mime = str(codec?.mimeType)
  const rate = num(codec?.clockRate)

  const received = num(inbound?.packetsReceived) ?? 0
  const lost = Math.max(0, num(inbound?.packetsLost) ?? 0)
  const rttSeconds = num(remoteInbound?.roundTripTime) ?? num(pair?.currentRoundTripTime)
  const jitterSeconds = num(inbound?.jitter)

  return {
    codec: mime ? `${mime.replace(/^audio\//i, '')}${rate ? ` ${rate / 1000} kHz` : ''}` : null,
    packetsSent: num(outbound?.packetsSent) ?? 0,
    bytesSent: num(outbound?.bytesSent) ?? 0,
    packetsReceived: received,
    bytesReceived: num(inbound?.bytesReceived) ?? 0,
    packetsLost: lost,
    lossPercent: received + lost > 0 ? (lost / (received + lost)) * 100 : 0,
    roundTripMs: rttSeconds !== undefined ? Math.round(rttSeconds * 1000) : null,
    jitterMs: jitterSeconds !== undefined ? Math.round(jitterSeconds * 1000 * 10) / 10 : null,
    audioEnergy: num(inbound?.totalAudioEnergy) ?? null,
  }
}
