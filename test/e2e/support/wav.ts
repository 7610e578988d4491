import { readFile } from 'node:fs/promises'

// Just enough WAV for the baresip tests: write a 16-bit mono tone (its audio source) and read
// back the samples it recorded, without trusting header sizes a live recording has not set yet.

/**
 * A 16-bit PCM mono WAV holding a sine tone; with `pulse`, on and off in turn (seconds): a
 * microphone's noise suppression learns a steady tone as noise and fades it, a pulsed one not.
 */
export function toneWav(options: {
  rate: number
  seconds: number
  hz: number
  pulse?: { on: number; off: number }
}): Buffer {
  const { rate, seconds, hz, pulse } = options
  const samples = Math.round(rate * seconds)
  const data = Buffer.alloc(samples * 2)
  for (let i = 0; i < samples; i++) {
    // Half scale: loud enough to carry energy through G.711, far from clipping.
    const t = i / rate
    const on = !pulse || t % (pulse.on + pulse.off) < pulse.on
    const value = on ? Math.round(16000 * Math.sin((2 * Math.PI * hz * i) / rate)) : 0
    data.writeInt16LE(value, i * 2)
  }
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + data.length, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16) // fmt chunk size
  header.writeUInt16LE(1, 20) // PCM
  header.writeUInt16LE(1, 22) // mono
  header.writeUInt32LE(rate, 24)
  header.writeUInt32LE(rate * 2, 28) // byte rate
  header.writeUInt16LE(2, 32) // block align
  header.writeUInt16LE(16, 34) // bits per sample
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(data.length, 40)
  return Buffer.concat([header, data])
}

export interface PcmSummary {
  /** 16-bit samples in the file's data chunk so far. */
  samples: number
  /** Samples whose magnitude is above the silence threshold. */
  loud: number
}

/** Samples above this magnitude count as sound (G.711's quietest steps are well below it). */
const SILENCE = 200

/**
 * Counts the 16-bit samples of a WAV being written. The data chunk runs to the end of the file:
 * a recorder updates the chunk sizes only when it closes the file.
 */
export function summarisePcm(wav: Buffer): PcmSummary {
  const data = wav.indexOf('data', 12, 'ascii')
  if (data < 0) return { samples: 0, loud: 0 }
  const start = data + 8
  const samples = Math.max(0, Math.floor((wav.length - start) / 2))
  let loud = 0
  for (let i = 0; i < samples; i++) {
    if (Math.abs(wav.readInt16LE(start + i * 2)) > SILENCE) loud++
  }
  return { samples, loud }
}

export async function summariseWavFile(path: string): Promise<PcmSummary> {
  return summarisePcm(await readFile(path))
}

/**
 * How much of a 16-bit mono WAV's last `seconds` is each frequency, in dB: 0 for a pure sine,
 * about −3 for one of two equal tones, far below −30 for a frequency that is absent (or for
 * silence). Goertzel power over the window, against the window's whole energy.
 */
export function toneLevels(wav: Buffer, frequencies: readonly number[], seconds: number): number[] {
  const fmt = wav.indexOf('fmt ', 12, 'ascii')
  const rate = fmt < 0 ? 8000 : wav.readUInt32LE(fmt + 12)
  const data = wav.indexOf('data', 12, 'ascii')
  if (data < 0) return frequencies.map(() => -Infinity)
  const start = data + 8
  const total = Math.floor((wav.length - start) / 2)
  const count = Math.min(total, Math.round(seconds * rate))
  const samples = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    samples[i] = wav.readInt16LE(start + (total - count + i) * 2) / 32768
  }
  let energy = 0
  for (const s of samples) energy += s * s
  if (count === 0 || energy === 0) return frequencies.map(() => -Infinity)
  return frequencies.map((f) => {
    const k = 2 * Math.cos((2 * Math.PI * f) / rate)
    let s1 = 0
    let s2 = 0
    for (const x of samples) {
      const s = x + k * s1 - s2
      s2 = s1
      s1 = s
    }
    const power = s1 * s1 + s2 * s2 - k * s1 * s2
    // A full-scale sine of N samples: power (A·N/2)², energy A²·N/2.
    return 10 * Math.log10(power / ((count / 2) * energy) + 1e-30)
  })
}
