import { describe, expect, it } from 'vitest'
import { TRAY_ICONS } from '../../shared/shell/tray-model'
import { colourSvg, icoFromPngs, templateSvg } from './icons'

describe('tray icon SVGs', () => {
  it('draw each state differently', () => {
    expect(new Set(TRAY_ICONS.map((i) => colourSvg(i))).size).toBe(TRAY_ICONS.length)
    expect(new Set(TRAY_ICONS.map((i) => templateSvg(i))).size).toBe(TRAY_ICONS.length)
  })

  it('template images are black and transparent only (macOS tints them)', () => {
    for (const icon of TRAY_ICONS) {
      const colours = templateSvg(icon).match(/#[0-9a-f]{6}/gi) ?? []
      expect(new Set(colours.map((c) => c.toLowerCase()))).toEqual(new Set(['#000000']))
    }
  })
})

describe('icoFromPngs', () => {
  it('writes the ICO directory and the PNGs after it', () => {
    const a = new Uint8Array([1, 2, 3])
    const b = new Uint8Array([4, 5])
    const ico = icoFromPngs([
      { size: 16, png: a },
      { size: 256, png: b },
    ])
    const view = new DataView(ico.buffer)
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([0, 1, 2])
    expect(ico[6]).toBe(16)
    expect(ico[22]).toBe(0) // 256 is written as 0
    expect(view.getUint32(6 + 8, true)).toBe(3)
    expect(view.getUint32(6 + 12, true)).toBe(38)
    expect([...ico.slice(38, 41)]).toEqual([1, 2, 3])
    expect([...ico.slice(41)]).toEqual([4, 5])
  })
})
