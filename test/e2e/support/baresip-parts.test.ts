// The pure parts behind the baresip e2e: ctrl_tcp framing and the WAV reading that judges what
// baresip heard. (Runs with the e2e config; needs no server or browser.)
import { describe, expect, it } from 'vitest'
import { NetstringReader, netstring } from './baresip-ctrl'
import { summarisePcm, toneLevels, toneWav } from './wav'

describe('netstrings (ctrl_tcp framing)', () => {
  it('frames text with its byte length, UTF-8 included', () => {
    expect(netstring('{"a":1}').toString()).toBe('7:{"a":1},')
    expect(netstring('é').toString()).toBe('2:é,')
  })

  it('splits messages however TCP cuts them', () => {
    const wire = Buffer.concat([netstring('{"event":true}'), netstring('{"response":true}')])
    for (let cut = 0; cut <= wire.length; cut++) {
      const reader = new NetstringReader()
      const out = [...reader.push(wire.subarray(0, cut)), ...reader.push(wire.subarray(cut))]
      expect(out).toEqual(['{"event":true}', '{"response":true}'])
    }
  })

  it('refuses a stream that is not netstrings', () => {
    expect(() => new NetstringReader().push(Buffer.from('x:{},'))).toThrow(/length/)
    expect(() => new NetstringReader().push(Buffer.from('2:{}x'))).toThrow(/terminated/)
  })
})

describe('WAV tone and summary', () => {
  it('a tone is all sound after its first zero crossing', () => {
    const wav = toneWav({ rate: 8000, seconds: 1, hz: 440 })
    expect(wav.length).toBe(44 + 16000)
    const { samples, loud } = summarisePcm(wav)
    expect(samples).toBe(8000)
    expect(loud).toBeGreaterThan(7500)
  })

  it('silence has samples but no sound; a file without data has neither', () => {
    const silent = toneWav({ rate: 8000, seconds: 0.5, hz: 440 })
    silent.fill(0, 44)
    expect(summarisePcm(silent)).toEqual({ samples: 4000, loud: 0 })
    expect(summarisePcm(Buffer.from('RIFF....WAVEfmt '))).toEqual({ samples: 0, loud: 0 })
  })

  it('counts to the end of the file, whatever the data chunk size says (live recording)', () => {
    const wav = toneWav({ rate: 8000, seconds: 0.25, hz: 440 })
    wav.writeUInt32LE(0, 40)
    expect(summarisePcm(wav).samples).toBe(2000)
  })
})

describe('tone levels in a WAV (what baresip heard, by frequency)', () => {
  /** Two pulsed tones summed, as a conference mix sends them. */
  function mixed(rate: number, a: number, b: number): Buffer {
    const one = toneWav({ rate, seconds: 3, hz: a, pulse: { on: 0.4, off: 0.1 } })
    const two = toneWav({ rate, seconds: 3, hz: b, pulse: { on: 0.4, off: 0.1 } })
    const out = Buffer.from(one)
    for (let i = 44; i < out.length; i += 2) {
      out.writeInt16LE(Math.round((one.readInt16LE(i) + two.readInt16LE(i)) / 2), i)
    }
    return out
  }

  it('reads each present tone near −3 dB and an absent one far below', () => {
    const [a, b, absent] = toneLevels(mixed(8000, 650, 1000), [650, 1000, 440], 2)
    expect(a).toBeGreaterThan(-6)
    expect(b).toBeGreaterThan(-6)
    expect(absent).toBeLessThan(-30)
  })

  it('reads only the last seconds, and silence as nothing', () => {
    const tone = toneWav({ rate: 8000, seconds: 2, hz: 650 })
    const silence = toneWav({ rate: 8000, seconds: 1, hz: 0 })
    const joined = Buffer.concat([tone, silence.subarray(44)])
    expect(toneLevels(joined, [650], 1)[0]).toBe(-Infinity)
    expect(toneLevels(joined, [650], 2)[0]).toBeGreaterThan(-6)
  })
})
