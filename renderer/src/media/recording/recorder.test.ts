import { describe, expect, it } from 'vitest'
import { recordingExtension, recordingFileName, recordingMimeType } from './recorder'

describe('recordingMimeType', () => {
  it.each([
    [['audio/webm;codecs=opus', 'audio/ogg;codecs=opus'], 'audio/webm;codecs=opus'],
    [['audio/ogg;codecs=opus'], 'audio/ogg;codecs=opus'],
    [['audio/mp4'], null],
  ])('with %j supported picks %s', (supported, expected) => {
    expect(recordingMimeType((t) => supported.includes(t))).toBe(expected)
  })
})

describe('recordingFileName', () => {
  const at = new Date('2026-12-06T20:15:30.123Z')

  it('names the peer and the time, with the container’s extension', () => {
    expect(recordingFileName('sip:bob@example.com', at, 'audio/webm;codecs=opus')).toBe(
      'switchboard-bob_example.com-2026-12-06T20-15-30Z.webm',
    )
    expect(recordingExtension('audio/ogg;codecs=opus')).toBe('ogg')
  })

  it('keeps path separators and odd characters out', () => {
    const name = recordingFileName('sip:../../etc/passwd@x', at, 'audio/webm')
    expect(name).not.toMatch(/[/\\]/)
    expect(name.startsWith('switchboard-')).toBe(true)
  })

  it('still names a call without a peer', () => {
    expect(recordingFileName('', at, 'audio/webm')).toContain('switchboard-call-')
  })
})
