import { describe, expect, it } from 'vitest'
import {
  MAX_RECORDING_CHUNK_BYTES,
  isRecordingFileName,
  recordingChunkSchema,
  recordingIdSchema,
} from '.'

describe('recording file names', () => {
  it.each([
    ['switchboard-bob_example.com-2026-12-06T20-15-30Z.webm', true],
    ['call.ogg', true],
    ['../secret.webm', false],
    ['a/b.webm', false],
    ['a\\b.webm', false],
    ['.hidden.webm', false],
    ['call.exe', false],
    ['call.webm\0.txt', false],
    ['', false],
    [`${'a'.repeat(200)}.webm`, false],
  ])('%j → %s', (name, ok) => {
    expect(isRecordingFileName(name)).toBe(ok)
  })
})

describe('recording chunks and ids', () => {
  it('takes bytes up to the limit, nothing else', () => {
    expect(recordingChunkSchema.safeParse(new Uint8Array(10)).success).toBe(true)
    expect(
      recordingChunkSchema.safeParse(new Uint8Array(MAX_RECORDING_CHUNK_BYTES + 1)).success,
    ).toBe(false)
    expect(recordingChunkSchema.safeParse([1, 2, 3]).success).toBe(false)
    expect(recordingChunkSchema.safeParse('AAAA').success).toBe(false)
  })

  it.each([
    ['rec-1', true],
    ['rec-', false],
    ['../rec-1', false],
  ])('id %j → %s', (id, ok) => {
    expect(recordingIdSchema.safeParse(id).success).toBe(ok)
  })
})
