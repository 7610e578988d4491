// Blind and attended transfer from our side: REFER, then the far end's progress as NOTIFYs with
// a message/sipfrag status; and the Replaces value that names a dialog (RFC 3891).

import type { Notification, Session, URI } from 'sip.js'
import { sipfragStatus } from './call-dialog'

export interface ReferOutcome {
  ok: boolean
  statusCode?: number
}

/**
 * Sends REFER asking the far end to call `referTo`. Resolves ok once the new call is answered
 * (a NOTIFY with a 2xx sipfrag); not ok when the REFER is refused or the new call fails.
 */
export function refer(
  session: Session,
  referTo: URI,
  log: (message: string) => void,
): Promise<ReferOutcome> {
  return new Promise((resolve) => {
    let settled = false
    const settle = (ok: boolean, statusCode?: number): void => {
      if (settled) return
      settled = true
      resolve(statusCode ? { ok, statusCode } : { ok })
    }
    session
      .refer(referTo, {
        requestDelegate: {
          onReject: (response) => settle(false, response.message.statusCode),
        },
        onNotify: (notification: Notification) => {
          void notification.accept()
          const code = sipfragStatus(notification.request.body)
          if (code !== null && code >= 200) settle(code < 300, code)
        },
      })
      .catch((error: unknown) => {
        log(`REFER failed: ${error instanceof Error ? error.message : String(error)}`)
        settle(false)
      })
  })
}

/** `Call-ID;to-tag=…;from-tag=…` of an established dialog, as Replaces carries it. */
export function replacesOf(session: Session): string | null {
  const dialog = session.dialog
  if (!dialog) return null
  return `${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`
}
