import { describe, expect, it } from 'vitest'
import { messageTime } from './message-time'

describe('message time', () => {
  const now = new Date(2026, 10, 25, 18, 30).getTime()
  it('shows only the time of day for a message from today', () => {
    const text = messageTime(new Date(2026, 10, 25, 9, 5).getTime(), 'en', now)
    expect(text).toMatch(/9:05/)
    expect(text).not.toMatch(/2026/)
  })
  it('adds the date for an older message', () => {
    expect(messageTime(new Date(2026, 10, 20, 9, 5).getTime(), 'en', now)).toMatch(/Nov 20, 2026/)
  })
  it('follows the locale', () => {
    expect(messageTime(new Date(2026, 10, 20, 21, 5).getTime(), 'de', now)).toMatch(/21:05/)
  })
})
