// Screen sharing on the desktop. Electron has no picker of its own: getDisplayMedia in our page
// reaches `session.setDisplayMediaRequestHandler`, answered here with the screen or window the
// user picked in OUR picker (the page lists `sources()` with thumbnails, then `choose(id)`s one,
// then calls getDisplayMedia). Nothing is shared without a fresh choice, from our own page.
import type { Logger } from './log'
import { isOwnOrigin } from './security'
import { THUMBNAIL_SIZE, toScreenSources } from '@shared/screen'
import type { ScreenSource } from '@shared/screen'

/** What desktopCapturer.getSources gives, as far as used here. */
export interface CapturedSource {
  id: string
  name: string
  thumbnail: { toDataURL(): string; isEmpty(): boolean }
}

export interface GetSourcesOptions {
  types: ('screen' | 'window')[]
  thumbnailSize: { width: number; height: number }
  fetchWindowIcons: boolean
}

/** The parts of Electron's DisplayMediaRequestHandler request looked at. */
export interface DisplayRequest {
  securityOrigin: string
  videoRequested: boolean
  frame: { parent: unknown } | null
}

/** Electron's callback: a source to capture, or null to refuse. */
export type DisplayCallback = (streams: { video: CapturedSource } | null) => void

export interface ScreenPickerOptions {
  getSources(options: GetSourcesOptions): Promise<readonly CapturedSource[]>
  ownOrigins: readonly string[]
  now: () => number
  log: Logger
}

/**
 * A choice is for the getDisplayMedia that follows it at once: one left over (the call ended in
 * between) must not share a window much later without asking.
 */
export const CHOICE_TTL_MS = 30_000

export function createScreenPicker({ getSources, ownOrigins, now, log }: ScreenPickerOptions) {
  let choice: { id: string; at: number } | null = null

  return {
    /** Screens and windows with thumbnails, for the picker. */
    async sources(): Promise<ScreenSource[]> {
      const captured = await getSources({
        types: ['screen', 'window'],
        thumbnailSize: { ...THUMBNAIL_SIZE },
        fetchWindowIcons: false,
      })
      return toScreenSources(
        captured.map((s) => ({
          id: s.id,
          name: s.name,
          thumbnail: s.thumbnail.isEmpty() ? '' : s.thumbnail.toDataURL(),
        })),
      )
    },

    /** The user picked this one; the next request from our page gets it. */
    choose({ id }: { id: string }): void {
      choice = { id, at: now() }
    },

    /** setDisplayMediaRequestHandler's handler. Every path answers, so the page never hangs. */
    async answer(request: DisplayRequest, callback: DisplayCallback): Promise<void> {
      const taken = choice
      choice = null
      const own = request.frame?.parent === null && isOwnOrigin(request.securityOrigin, ownOrigins)
      if (!own || !request.videoRequested) {
        log.warn(`refused a screen request from ${request.securityOrigin || 'an unknown origin'}`)
        callback(null)
        return
      }
      if (!taken || now() - taken.at > CHOICE_TTL_MS) {
        log.warn('refused a screen request: nothing was chosen in the picker')
        callback(null)
        return
      }
      try {
        // No thumbnails needed to find it again.
        const sources = await getSources({
          types: ['screen', 'window'],
          thumbnailSize: { width: 0, height: 0 },
          fetchWindowIcons: false,
        })
        const source = sources.find((s) => s.id === taken.id)
        if (!source) log.warn('the chosen screen or window is gone')
        callback(source ? { video: source } : null)
      } catch (error) {
        log.error('listing screens failed', error)
        callback(null)
      }
    },
  }
}

export type ScreenPicker = ReturnType<typeof createScreenPicker>
