import { describe, expect, it } from 'vitest'
import { trayIconFile } from './tray'

describe('trayIconFile', () => {
  it.each([
    ['darwin', 'ringingTemplate.png'],
    ['win32', 'ringing.ico'],
    ['linux', 'ringing.png'],
  ] as const)('%s → %s', (platform, file) => {
    expect(trayIconFile('ringing', platform)).toBe(file)
  })
})
