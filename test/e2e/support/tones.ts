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

export interface DecodedAudio {
  seconds: number
  /** Power at each frequency (from `fromSeconds` on), in dB above the power at `control` Hz. */
  tones: number[]
}

/**
 * Decodes an audio file in the page (decodeAudioData) and measures tones in it: all of it, or
 * what follows `fromSeconds`.
 */
export async function decodeInPage(
  page: Page,
  file: Buffer,
  frequencies: readonly number[],
  control: number,
  fromSeconds = 0,
): Promise<DecodedAudio> {
  return page.evaluate(
    async ({ base64, freqs, control, fromSeconds }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const context = new OfflineAudioContext(1, 1, 48_000)
      const buffer = await context.decodeAudioData(bytes.buffer)
      const data = buffer.getChannelData(0).subarray(Math.floor(fromSeconds * buffer.sampleRate))
      // Goertzel: the power of one frequency, without a whole FFT.
      const power = (f: number): number => {
        const k = (2 * Math.cos((2 * Math.PI * f) / buffer.sampleRate)) as number
        let s1 = 0
        let s2 = 0
        for (let i = 0; i < data.length; i++) {
          const s = data[i]! + k * s1 - s2
          s2 = s1
          s1 = s
        }
        return s1 * s1 + s2 * s2 - k * s1 * s2
      }
      const floor = power(control) + 1e-12
      return {
        seconds: buffer.duration,
        tones: freqs.map((f) => 10 * Math.log10((power(f) + 1e-12) / floor)),
      }
    },
    { base64: file.toString('base64'), freqs: [...frequencies], control, fromSeconds },
  )
}

/**
 * The loudest moment of one frequency over `ms`: per analyser frame (every ~40 ms of audio), its
 * level in dB above the level at `control` Hz (a click or noise raises both; a tone only its
 * own), the control taken no lower than `audible` dBFS (a quiet noise floor swings by ±20 dB
 * between bins; the beep reads about −26 at the analyser); the highest level held for `holdMs`
 * of audio time (a noise spike is one frame, the 500 ms beep many). Held by audio time, not by a
 * count of reads: on a busy machine the reads come further apart, and five of them had spanned
 * more than the beep (a CI run read a beep in a conference mix at 12.9 dB). A read while the
 * audio clock stood still is not a new frame. `received`: what the connections receive; `played`:
 * sounds the page itself plays (tones, not call audio; needs support/fake-devices.ts's record of
 * played elements), including ones that start while listening. −Infinity when there was nothing
 * to listen to.
 */
export async function peakTone(
  page: Page,
  hz: number,
  control: number,
  ms: number,
  from: 'received' | 'played',
  holdMs = 160,
  audible = -50,
): Promise<number> {
  return page.evaluate(
    async ({ hz, control, ms, from, holdMs, audible }) => {
      const context = new AudioContext()
      await context.resume().catch(() => undefined)
      const fftSize = 4096
      const binHz = context.sampleRate / fftSize
      const tapped = new Set<MediaStreamTrack>()
      const analysers: { node: AnalyserNode; levels: number[]; at: number[] }[] = []
      const remoteTracks = (): Set<MediaStreamTrack> => {
        const tracks = new Set<MediaStreamTrack>()
        for (const pc of window.__pcs ?? []) {
          if (pc.connectionState === 'closed') continue
          for (const r of pc.getReceivers()) tracks.add(r.track)
        }
        return tracks
      }
      const tap = (): void => {
        const remote = remoteTracks()
        const tracks =
          from === 'received'
            ? [...remote]
            : (window.__played?.() ?? [])
                .flatMap((el) =>
                  el.srcObject instanceof MediaStream ? el.srcObject.getAudioTracks() : [],
                )
                .filter((t) => !remote.has(t))
        for (const track of tracks) {
          if (track.kind !== 'audio' || track.readyState !== 'live' || tapped.has(track)) continue
          tapped.add(track)
          const analyser = context.createAnalyser()
          analyser.fftSize = fftSize
          analyser.smoothingTimeConstant = 0
          context.createMediaStreamSource(new MediaStream([track])).connect(analyser)
          analysers.push({ node: analyser, levels: [], at: [] })
        }
      }
      const level = (bins: Float32Array, f: number): number => {
        const center = Math.round(f / binHz)
        let peak = -200
        for (let b = center - 2; b <= center + 2; b++) peak = Math.max(peak, bins[b] ?? -200)
        return peak
      }
      const end = performance.now() + ms
      // The analyser's frame changes only as the audio clock moves.
      let lastRead = -1
      try {
        while (performance.now() < end) {
          tap()
          const now = context.currentTime
          if (now > lastRead) {
            lastRead = now
            for (const { node, levels, at } of analysers) {
              const bins = new Float32Array(node.frequencyBinCount)
              node.getFloatFrequencyData(bins)
              levels.push(level(bins, hz) - Math.max(level(bins, control), audible))
              at.push(now)
            }
          }
          await new Promise((r) => setTimeout(r, 40))
        }
      } finally {
        await context.close()
      }
      // From each frame, the lowest level until audio time has moved on by holdMs.
      let peak = -Infinity
      for (const { levels, at } of analysers) {
        for (let i = 0; i < levels.length; i++) {
          let held = levels[i]!
          let j = i + 1
          for (; j < levels.length && at[j - 1]! - at[i]! < holdMs / 1000; j++) {
            held = Math.min(held, levels[j]!)
          }
          if (at[j - 1]! - at[i]! >= holdMs / 1000) peak = Math.max(peak, held)
        }
      }
      return peak
    },
    { hz, control, ms, from, holdMs, audible },
  )
}
