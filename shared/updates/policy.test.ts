// Issue 10 row 16: updates only for a packaged build, with the setting on, over https.
import { describe, expect, it } from 'vitest'
import {
  CHECK_EVERY_MS,
  compareVersions,
  FIRST_CHECK_DELAY_MS,
  nextCheckIn,
  onUpdateEvent,
  shouldCheckForUpdates,
} from './policy'
import type { UpdateContext } from './policy'

const base: UpdateContext = {
  enabled: true,
  packaged: true,
  platform: 'win32',
  appImage: false,
  feedUrl: 'https://updates.example.com/switchboard',
}

describe('shouldCheckForUpdates', () => {
  it.each<[Partial<UpdateContext>, string | true]>([
    [{}, true],
    [{ packaged: false }, 'unpackaged'],
    [{ packaged: false, enabled: true }, 'unpackaged'],
    [{ enabled: false }, 'disabled'],
    [{ platform: 'linux' }, 'package-manager'],
    [{ platform: 'linux', appImage: true }, true],
    [{ platform: 'darwin' }, true],
    [{ feedUrl: 'http://updates.example.com' }, 'insecure-feed'],
    [{ feedUrl: 'file:///tmp/feed' }, 'insecure-feed'],
    [{ feedUrl: '' }, 'no-feed'],
  ])('%j → %s', (change, expected) => {
    const decision = shouldCheckForUpdates({ ...base, ...change })
    expect(decision.check ? true : decision.reason).toBe(expected)
  })
})

describe('nextCheckIn', () => {
  it('waits a minute first, then every six hours', () => {
    expect(nextCheckIn(null, 1000)).toBe(FIRST_CHECK_DELAY_MS)
    expect(nextCheckIn(0, 1000)).toBe(CHECK_EVERY_MS - 1000)
    expect(nextCheckIn(0, CHECK_EVERY_MS + 5)).toBe(0)
  })
})

describe('onUpdateEvent', () => {
  it.each([
    [{ kind: 'downloaded', version: '1.3.0' } as const, 'notify-ready'],
    [{ kind: 'downloaded', version: '1.2.0' } as const, 'log'],
    [{ kind: 'downloaded', version: '1.1.9' } as const, 'log'],
    [{ kind: 'error', message: 'sha512 checksum mismatch' } as const, 'log'],
    [{ kind: 'not-available' } as const, 'none'],
    [{ kind: 'available', version: '1.3.0' } as const, 'log'],
  ])('%j → %s', (event, kind) => {
    expect(onUpdateEvent(event, '1.2.0').kind).toBe(kind)
  })

  it('compares versions numerically', () => {
    expect(compareVersions('1.2.10', '1.2.9')).toBe(1)
    expect(compareVersions('v2.0.0', '2.0.0')).toBe(0)
    expect(compareVersions('2.0.0-beta.1', '2.0.0')).toBe(-1)
  })
})
