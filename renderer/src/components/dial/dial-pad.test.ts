import { describe, expect, it } from 'vitest'
import { dialPadText, MAX_DIAL_PAD_LENGTH } from './dial-pad'

describe('dialPadText', () => {
  it.each([
    ['1001', '1001'],
    ['+1 (201) 555-0123', '+12015550123'],
    ['+44\u00a020 7946 0958', '+442079460958'],
    ['1-800-FLOWERS', '18003569377'],
    ['*97#', '*97#'],
    ['12+34', '1234'],
    ['  ', ''],
    ['<script>', '727478'],
  ])('%j → %j', (raw, kept) => {
    expect(dialPadText(raw)).toBe(kept)
  })

  it('keeps at most the limit', () => {
    expect(dialPadText('1'.repeat(10_000))).toHaveLength(MAX_DIAL_PAD_LENGTH)
  })
})
