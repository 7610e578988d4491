// Media keys and a headset's hook button, as the Media Session API delivers them (where the
// platform routes them to the app: Chromium does while a call's audio plays). The hook is
// play/pause: it answers a ringing call, else ends the one in progress.
import type { ShortcutAction } from './shortcuts'

export const MEDIA_KEYS = ['play', 'pause', 'hangup', 'togglemicrophone'] as const
export type MediaKey = (typeof MEDIA_KEYS)[number]

export function mediaKeyAction(key: MediaKey, ringing: boolean): ShortcutAction {
  switch (key) {
    case 'play':
    case 'pause':
      return ringing ? 'answer' : 'hangUp'
    case 'hangup':
      return 'hangUp'
    case 'togglemicrophone':
      return 'mute'
  }
}
