import { useI18n } from 'vue-i18n'
import type { CallSnapshot } from '@/sip/call-types'

/** A call's state in words ("Connected", "Ended: Busy" …), the names DESIGN.md fixes. */
export function useCallText(): {
  stateText: (call: CallSnapshot) => string
  peerName: (call: CallSnapshot) => string
} {
  const { t } = useI18n()

  function peerName(call: CallSnapshot): string {
    return call.peer.name || call.peer.uri.replace(/^sips?:/, '')
  }

  function stateText(call: CallSnapshot): string {
    switch (call.phase) {
      case 'calling':
        return t('call.calling')
      case 'ringing':
        return t('call.ringing')
      case 'incoming':
      case 'connecting':
        return t('call.connecting')
      case 'connected':
        if (call.held) return t('call.onHold')
        if (call.remoteHeld) return t('call.heldBy', { name: peerName(call) })
        return t('call.connected')
      case 'ended':
        return t('call.ended', { reason: t(`call.endReasons.${call.end?.reason ?? 'failed'}`) })
    }
  }

  return { stateText, peerName }
}
