import { describe, expect, it } from 'vitest'
import { qualityFromStats } from './call-stats'

describe('qualityFromStats', () => {
  it('reads the audio streams, codec and round trip', () => {
    const q = qualityFromStats([
      { id: 'c1', type: 'codec', mimeType: 'audio/opus', clockRate: 48000 },
      { id: 'i1', type: 'inbound-rtp', kind: 'audio', codecId: 'c1', packetsReceived: 98, packetsLost: 2, bytesReceived: 5000, jitter: 0.0042, totalAudioEnergy: 0.5 },
      { id: 'i2', type: 'inbound-rtp', kind: 'video', packetsReceived: 1000 },
      { id: 'o1', type: 'outbound-rtp', kind: 'audio', packetsSent: 100, bytesSent: 6000 },
      { id: 'r1', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.012 },
    ])
    expect(q).toEqual({
      codec: 'opus 48 kHz',
      packetsSent: 100,
      bytesSent: 6000,
      packetsReceived: 98,
      bytesReceived: 5000,
      packetsLost: 2,
      lossPercent: 2,
      roundTripMs: 12,
      jitterMs: 4.2,
      audioEnergy: 0.5,
    })
  })

  it('falls back to the selected candidate pair for the round trip, and copes with nothing', () => {
    expect(
      qualityFromStats([{ id: 'p', type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.001 }])
        .roundTripMs,
    ).toBe(1)
    expect(qualityFromStats([])).toMatchObject({ codec: null, packetsReceived: 0, lossPercent: 0 })
  })
})
