// A lamp's state in words: for the strip and for the tray (which gets them ready-made, since the
// desk-phone words load with the lamps, not with the shell's). The caller's name is network text.
import type { LampState } from '@shared/dialog/lamp'

export function lampText(
  t: (key: string, values?: Record<string, unknown>) => string,
  state: LampState,
): string {
  switch (state.kind) {
    case 'idle':
      return t('desk.lamps.idle')
    case 'ringing': {
      const caller = state.caller?.name || state.caller?.uri.replace(/^sips?:/, '')
      return caller ? t('desk.lamps.ringingFrom', { caller }) : t('desk.lamps.ringing')
    }
    case 'in-call':
      return t('desk.lamps.inCall')
    case 'on-hold':
      return t('desk.lamps.onHold')
    default:
      return t('desk.lamps.unknown')
  }
}
