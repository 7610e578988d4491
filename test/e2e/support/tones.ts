import type { Page } from 'playwright-core'

// Which voice arrives: each user's fake microphone plays its own tone (a WAV given to Chromium
// with --use-file-for-fake-audio-capture), and the receiving page's own analyser reads the level
// of each frequency in what each connection receives — from outside the app, on the receivers.

/**
 * For each open connection (in creation order), the level in dB of each frequency in its
 * received audio, above the median of the spectrum (the noise floor): a tone that arrives reads
 * tens of dB, one that does not reads about 0.
 */
export async function receivedTones(
  page: Page,
  frequencies: readonly number[],
): Promise<number[][]> {
  return page.evaluate(async (freqs) => {
    const context = new AudioContext()
    await context.resume().catch(() => undefined)
    try {
      const pcs = (window.__pcs ?? []).filter((pc) => pc.connectionState !== 'closed')
      const analysers = pcs.map((pc) => {
        const tracks = pc
          .getReceivers()
          .map((r) => r.track)
          .filter((t) => t.kind === 'audio' && t.readyState === 'live')
        if (tracks.length === 0) return null
        const analyser = context.createAnalyser()
        analyser.fftSize = 8192
        analyser.smoothingTimeConstant = 0
        context.createMediaStreamSource(new MediaStream(tracks)).connect(analyser)
        return analyser
      })
      const sums = analysers.map((a) => (a ? new Float64Array(a.frequencyBinCount) : null))
      const reads = 10
      for (let i = 0; i < reads; i++) {
        await new Promise((r) => setTimeout(r, 100))
        analysers.forEach((a, n) => {
          if (!a) return
          const bins = new Float32Array(a.frequencyBinCount)
          a.getFloatFrequencyData(bins)
          const sum = sums[n]!
          // Power, not dB, is averaged: a tone that pulses still shows.
          for (let b = 0; b < bins.length; b++) sum[b]! += 10 ** (Math.max(bins[b]!, -200) / 10)
        })
      }
      return analysers.map((a, n) => {
        const sum = sums[n]
        if (!a || !sum) return freqs.map(() => 0)
        const db = Array.from(sum, (p) => 10 * Math.log10(p / reads + 1e-30))
        const floor = [...db].sort((x, y) => x - y)[Math.floor(db.length / 2)]!
        const binHz = context.sampleRate / a.fftSize
        return freqs.map((f) => {
          const center = Math.round(f / binHz)
          let peak = -Infinity
          for (let b = center - 2; b <= center + 2; b++) peak = Math.max(peak, db[b] ?? -Infinity)
          return peak - floor
        })
      })
    } finally {
      await context.close()
    }
  }, frequencies)
}
