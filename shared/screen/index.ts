// Screens and windows offered for sharing on the desktop (Electron's desktopCapturer), as our
// own picker in the page lists them. Main builds the list with these rules and the page checks
// them again before it shows anything: a window title is any text another program chose, and a
// thumbnail goes into an <img src>, so it must be an image and nothing else.
import { sanitizeText } from '../text/sanitize'

export type ScreenSourceKind = 'screen' | 'window'

export interface ScreenSource {
  /** desktopCapturer's id: `screen:<n>:<n>` or `window:<n>:<n>`. */
  id: string
  kind: ScreenSourceKind
  /** The window's title or the screen's name, as plain one-line text. */
  name: string
  /** A PNG or JPEG data URL, or null when there is none (a minimised window). */
  thumbnail: string | null
}

/** The picker asks for thumbnails of this size; desktopCapturer keeps the aspect ratio. */
export const THUMBNAIL_SIZE = { width: 320, height: 180 } as const

export const MAX_SOURCE_NAME = 200
/** A 320×180 PNG is tens of kB; anything far larger is not a thumbnail we asked for. */
export const MAX_THUMBNAIL_CHARS = 1_000_000
/** More sources than anyone can choose from in a list. */
export const MAX_SOURCES = 100

const SOURCE_ID = /^(screen|window):\d{1,20}:\d{1,20}$/

export function isScreenSourceId(value: unknown): value is string {
  return typeof value === 'string' && SOURCE_ID.test(value)
}

// Base64 only, PNG or JPEG only: no SVG (scripts), no other media types, no parameters.
const IMAGE_DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/

export function isImageDataUrl(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= MAX_THUMBNAIL_CHARS && IMAGE_DATA_URL.test(value)
  )
}

/** What desktopCapturer gives, reduced to strings (its thumbnail as `toDataURL()`). */
export interface RawScreenSource {
  id: string
  name: string
  thumbnail: string
}

/**
 * The sources as the picker shows them: unknown ids dropped, names made plain one-line text
 * (a bare id's kind stands in for an empty one), thumbnails kept only when they are images.
 */
export function toScreenSources(raw: readonly RawScreenSource[]): ScreenSource[] {
  const sources: ScreenSource[] = []
  for (const source of raw) {
    if (!isScreenSourceId(source.id)) continue
    const kind: ScreenSourceKind = source.id.startsWith('screen:') ? 'screen' : 'window'
    sources.push({
      id: source.id,
      kind,
      name: sanitizeText(String(source.name), { maxLength: MAX_SOURCE_NAME }).trim(),
      thumbnail: isImageDataUrl(source.thumbnail) ? source.thumbnail : null,
    })
    if (sources.length >= MAX_SOURCES) break
  }
  return sources
}
