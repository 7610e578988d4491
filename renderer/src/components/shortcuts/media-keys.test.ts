import { describe, expect, it } from 'vitest'
import { mediaKeyAction } from './media-keys'

describe('mediaKeyAction', () => {
  it.each([
    ['play', true, 'answer'],
    ['pause', true, 'answer'],
    ['play', false, 'hangUp'],
    ['pause', false, 'hangUp'],
    ['hangup', true, 'hangUp'],
    ['togglemicrophone', false, 'mute'],
  ] as const)('%s (ringing: %s) → %s', (key, ringing, action) => {
    expect(mediaKeyAction(key, ringing)).toBe(action)
  })
})
