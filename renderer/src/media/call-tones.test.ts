import { describe, expect, it } from 'vitest'
import type { CallSnapshot } from '../sip/call-types'
import { CallTones, wantedTones } from './call-tones'
import type { ToneOutput } from './call-tones'
import { RINGBACK, RINGTONE } from './tones'
import type { TonePattern } from './tones'
import { callSnapshot } from '../sip/testing/call-snapshot'

const call = (patch: Partial<CallSnapshot> = {}): CallSnapshot =>
  callSnapshot({ ...{ peer: { uri: 'sip:bob@example.com', name: '' } }, ...patch })

describe('wantedTones', () => {
  it.each([
    ['nothing without calls', [], { ringtone: false, ringback: false }],
    [
      'ringtone while a call rings here',
      [call({ direction: 'incoming', phase: 'incoming' })],
      { ringtone: true, ringback: false },
    ],
    [
      'no ringtone once answered',
      [call({ direction: 'incoming', phase: 'connecting' })],
      { ringtone: false, ringback: false },
    ],
    [
      'no ringtone once ended (missed, declined)',
      [call({ direction: 'incoming', phase: 'ended' })],
      { ringtone: false, ringback: false },
    ],
    [
      'no ringback before the far end rings',
      [call({ phase: 'calling' })],
      { ringtone: false, ringback: false },
    ],
    [
      'ringback while the far end rings',
      [call({ phase: 'ringing' })],
      { ringtone: false, ringback: true },
    ],
    [
      'no ringback with early media',
      [call({ phase: 'ringing', earlyMedia: true })],
      { ringtone: false, ringback: false },
    ],
    [
      'no ringback once connected',
      [call({ phase: 'connected' })],
      { ringtone: false, ringback: false },
    ],
    [
      'a second call rings during a call',
      [call({ phase: 'connected' }), call({ id: 'c2', direction: 'incoming', phase: 'incoming' })],
      { ringtone: true, ringback: false },
    ],
  ])('%s', (_what, calls, expected) => {
    expect(wantedTones(calls, true)).toEqual(expected)
  })

  it('no ringtone when the user turned it off', () => {
    expect(wantedTones([call({ direction: 'incoming', phase: 'incoming' })], false).ringtone).toBe(
      false,
    )
  })
})

class RecordingOutput implements ToneOutput {
  now: { pattern: TonePattern; sinkId: string } | null = null
  play(pattern: TonePattern, sinkId: string): void {
    this.now = { pattern, sinkId }
  }
  stop(): void {
    this.now = null
  }
}

describe('CallTones', () => {
  it('rings on the ringer device and rings back on the speaker', () => {
    const ring = new RecordingOutput()
    const back = new RecordingOutput()
    const tones = new CallTones(ring, back)
    tones.update({ ringtone: true, ringback: true }, { ringer: 'bell', speaker: 'desk' })
    expect(ring.now).toEqual({ pattern: RINGTONE, sinkId: 'bell' })
    expect(back.now).toEqual({ pattern: RINGBACK, sinkId: 'desk' })
    tones.update({ ringtone: false, ringback: true }, { ringer: 'bell', speaker: 'desk' })
    expect(ring.now).toBeNull()
    tones.stop()
    expect(back.now).toBeNull()
  })
})
