import { describe, expect, it } from 'vitest'
import { publishedStatus } from './policy'

describe('publishedStatus', () => {
  it.each([
    ['available', false, false, 'available'],
    ['available', true, false, 'on-the-phone'],
    ['available', false, true, 'away'],
    ['available', true, true, 'on-the-phone'],
    ['away', true, false, 'on-the-phone'],
    ['away', false, true, 'away'],
    ['busy', true, true, 'busy'],
    ['dnd', true, true, 'dnd'],
    ['invisible', true, true, 'invisible'],
  ] as const)('chosen %s, in a call %s, idle %s → %s', (chosen, inCall, idle, expected) => {
    expect(publishedStatus({ chosen, inCall, idle })).toBe(expected)
  })
})
