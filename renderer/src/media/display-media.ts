// Which screen or window to share. A browser asks with its own picker (getDisplayMedia). The
// desktop shell has none: the page lists the screens and windows (platform.screen), the user
// picks one in our picker, main is told the choice, and getDisplayMedia is answered with it.
import type { InvokeApi } from '@shared/ipc/api'
import type { ScreenSource } from '@shared/screen'
import { isImageDataUrl, isScreenSourceId } from '@shared/screen'

export type { ScreenSource }

/** What this needs of the platform bridge (platform/types.ts's Platform has it). */
export interface ScreenPlatform {
  readonly kind: 'desktop' | 'browser'
  readonly screen: InvokeApi['screen']
}

/** Shows our picker; resolves the chosen source's id, or null when cancelled. */
export type PickSource = (sources: ScreenSource[] | Error) => Promise<string | null>

/** The stream to share, or null when the user chose nothing (or the platform refused). */
export async function pickDisplayMedia(
  platform: ScreenPlatform,
  pick: PickSource,
  media: Pick<MediaDevices, 'getDisplayMedia'> = navigator.mediaDevices,
): Promise<MediaStream | null> {
  try {
    if (platform.kind === 'desktop') {
      let sources: ScreenSource[] | Error
      try {
        sources = checked(await platform.screen.sources())
      } catch (error) {
        sources = error instanceof Error ? error : new Error(String(error))
      }
      const id = await pick(sources)
      if (id === null) return null
      await platform.screen.choose({ id })
    }
    return await media.getDisplayMedia({ video: true, audio: false })
  } catch (error) {
    // Closed the browser's picker, or main refused: nothing changes.
    console.warn('[call] no screen to share', error)
    return null
  }
}

/** Main checked them; checked again before an id is sent back or a thumbnail becomes an src. */
function checked(sources: readonly ScreenSource[]): ScreenSource[] {
  return sources
    .filter((s) => isScreenSourceId(s.id) && typeof s.name === 'string')
    .map((s) => ({ ...s, thumbnail: isImageDataUrl(s.thumbnail) ? s.thumbnail : null }))
}
