import { useI18n } from 'vue-i18n'
import type { CallSnapshot, CallEnd } from '@/sip'

/** Reasons too broad to act on without the code (which server error? which failure?). */
const SHOWS_CODE = new Set<CallEnd['reason']>(['server-error', 'failed'])

/** A call's state in words ("Connected", "Ended: Busy" …), the names DESIGN.md fixes. */
export function useCallText(): {
  stateText: (call: CallSnapshot) => string
  peerName: (call: CallSnapshot) => string
  endText: (end: CallEnd | null | undefined) => string
} {
  const { t } = useI18n()

  function peerName(call: CallSnapshot): string {
    return call.peer.name || call.peer.uri.replace(/^sips?:/, '')
  }

  /** Why a call ended, in words; the SIP code is added only where the words alone are vague. */
  function endText(end: CallEnd | null | undefined): string {
    const reason = t(`call.endReasons.${end?.reason ?? 'failed'}`)
    if (end?.statusCode === undefined || !SHOWS_CODE.has(end.reason)) return reason
    return t('call.endReasonWithCode', { reason, code: end.statusCode })
  }

  function stateText(call: CallSnapshot): string {
    switch (call.phase) {
      case 'calling':
        // Not answered yet and the connection is down: it waits for it, or ends soon.
        return call.reconnecting ? t('call.reconnecting') : t('call.calling')
      case 'ringing':
        return call.reconnecting ? t('call.reconnecting') : t('call.ringing')
      case 'incoming':
      case 'connecting':
        return t('call.connecting')
      case 'connected':
        if (call.reconnecting) return t('call.reconnecting')
        if (call.held) return t('call.onHold')
        if (call.remoteHeld) return t('call.heldBy', { name: peerName(call) })
        return t('call.connected')
      case 'ended':
        return t('call.ended', { reason: endText(call.end) })
    }
  }

  return { stateText, peerName, endText }
}
