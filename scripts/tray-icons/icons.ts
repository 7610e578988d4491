// The tray icons, drawn as SVG: the app's three joined lines (build/icon.svg) small enough for a
// tray, and a badge in the corner that says the state. Colour for Linux and Windows; macOS gets
// template images (black and alpha only, the OS tints them), where the badge's shape carries the
// state. Pure: scripts/tray-icons/generate.ts renders these to PNG and ICO.
import type { TrayIcon } from '../../shared/shell/tray-model'

interface Badge {
  colour: string
  /** Drawn inside the badge, white on colour (or cut out of the template badge). */
  mark: 'none' | 'bar' | 'dot' | 'wave' | 'clock' | 'handset' | 'check'
  /** The template image's mark, where colour alone told the state apart (available vs busy). */
  templateMark?: Badge['mark']
  /** Hollow: only a ring (offline). */
  hollow?: boolean
}

export const BADGES: Readonly<Record<TrayIcon, Badge>> = {
  available: { colour: '#2e9d4f', mark: 'none', templateMark: 'check' },
  away: { colour: '#d99a00', mark: 'clock' },
  busy: { colour: '#d23b3b', mark: 'none' },
  dnd: { colour: '#d23b3b', mark: 'bar' },
  call: { colour: '#d23b3b', mark: 'handset' },
  offline: { colour: '#8a8f98', mark: 'none', hollow: true },
  ringing: { colour: '#2f6fde', mark: 'wave' },
  unread: { colour: '#2f6fde', mark: 'dot' },
}

const LINES =
  '<g fill="none" stroke="STROKE" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round">' +
  '<path d="M5 7 H11 C13.5 7 15 8.5 15 11 V14"/>' +
  '<path d="M5 21 H11 C13.5 21 15 19.5 15 17 V14"/>' +
  '<path d="M15 14 H21"/></g>' +
  '<g fill="STROKE"><circle cx="5" cy="7" r="3"/><circle cx="5" cy="21" r="3"/><circle cx="21" cy="14" r="3.4"/></g>'

function mark(kind: Badge['mark'], fill: string): string {
  switch (kind) {
    case 'none':
      return ''
    case 'check':
      return `<path d="M21 24.2 L23.2 26.2 L27 21.8" fill="none" stroke="${fill}" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round"/>`
    case 'bar':
      return `<rect x="20.5" y="23" width="7" height="2" rx="1" fill="${fill}"/>`
    case 'dot':
      return `<circle cx="24" cy="24" r="2" fill="${fill}"/>`
    case 'wave':
      return (
        `<path d="M21.5 24 a2.5 2.5 0 0 1 5 0" fill="none" stroke="${fill}" stroke-width="1.5" stroke-linecap="round"/>` +
        `<circle cx="24" cy="25.2" r="1.2" fill="${fill}"/>`
      )
    case 'clock':
      return `<path d="M24 20.8 V24 H26.6" fill="none" stroke="${fill}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>`
    case 'handset':
      return `<path d="M21 22.2 q3 -1.6 6 0 l-0.6 1.8 -1.5 -0.4 v-0.8 q-0.9 -0.3 -1.8 0 v0.8 l-1.5 0.4 z" fill="${fill}"/>`
  }
}

/** A colour icon (Linux, Windows): lines in `ink` (dark on light panels by default). */
export function colourSvg(icon: TrayIcon, ink = '#3a3f47'): string {
  const badge = BADGES[icon]
  const lines = LINES.replaceAll('STROKE', icon === 'offline' ? '#8a8f98' : ink)
  const body = badge.hollow
    ? `<circle cx="24" cy="24" r="5.6" fill="#ffffff" stroke="${badge.colour}" stroke-width="2.2"/>`
    : `<circle cx="24" cy="24" r="7" fill="#ffffff"/><circle cx="24" cy="24" r="6" fill="${badge.colour}"/>${mark(badge.mark, '#ffffff')}`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${lines}${body}</svg>`
}

/**
 * A macOS template image: black and transparent only. The badge is cut out of the lines (a
 * transparent gap) and its mark is cut out of the badge, so each state reads by shape alone.
 */
export function templateSvg(icon: TrayIcon): string {
  const badge = BADGES[icon]
  const cut = `<circle cx="24" cy="24" r="7.6" fill="black"/>`
  const shape = badge.hollow
    ? `<circle cx="24" cy="24" r="5" fill="none" stroke="white" stroke-width="2"/>`
    : `<circle cx="24" cy="24" r="6" fill="white"/>${mark(badge.templateMark ?? badge.mark, 'black')}`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">` +
    `<defs><mask id="m"><rect width="32" height="32" fill="white"/>${cut}</mask>` +
    `<mask id="b"><rect width="32" height="32" fill="black"/>${shape}</mask></defs>` +
    `<g mask="url(#m)" opacity="${icon === 'offline' ? 0.5 : 1}">${LINES.replaceAll('STROKE', '#000000')}</g>` +
    `<rect width="32" height="32" fill="#000000" mask="url(#b)"/></svg>`
  )
}

/** A Windows .ico holding PNG images (Vista and later read PNG entries), smallest first. */
export function icoFromPngs(images: readonly { size: number; png: Uint8Array }[]): Uint8Array {
  const header = 6
  const entry = 16
  let offset = header + entry * images.length
  const total = offset + images.reduce((sum, i) => sum + i.png.length, 0)
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  view.setUint16(0, 0, true)
  view.setUint16(2, 1, true)
  view.setUint16(4, images.length, true)
  images.forEach((image, index) => {
    const at = header + entry * index
    view.setUint8(at, image.size >= 256 ? 0 : image.size)
    view.setUint8(at + 1, image.size >= 256 ? 0 : image.size)
    view.setUint8(at + 2, 0)
    view.setUint8(at + 3, 0)
    view.setUint16(at + 4, 1, true)
    view.setUint16(at + 6, 32, true)
    view.setUint32(at + 8, image.png.length, true)
    view.setUint32(at + 12, offset, true)
    out.set(image.png, offset)
    offset += image.png.length
  })
  return out
}
