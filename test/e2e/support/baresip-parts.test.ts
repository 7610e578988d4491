// The pure parts behind the baresip e2e: ctrl_tcp framing and the WAV reading that judges what
// baresip heard. (Runs with the e2e config; needs no server or browser.)
import { describe, expect, it } from 'vitest'
import { NetstringReader, netstring } from './baresip-ctrl'
import { summarisePcm, toneWav } from './wav'

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
