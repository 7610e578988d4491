// Changing an established call's media by re-INVITE (hold, resume, adding or dropping video),
// and taking an offer back when the far end refuses it.

import type { Session } from 'sip.js'

/**
 * After a refused re-INVITE the offer must be taken back (RFC 3264 §8): SIP.js 0.21's Web
 * handler has no rollbackDescription, so the connection would stay in have-local-offer and
 * refuse every later offer ("Invalid signaling state").
 */
export async function rollBackOffer(
  pc: RTCPeerConnection | undefined,
  log: (message: string) => void,
): Promise<void> {
  if (pc?.signalingState !== 'have-local-offer') return
  try {
    await pc.setLocalDescription({ type: 'rollback' })
  } catch (error) {
    log(`rolling back an offer failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** re-INVITE with the given hold state; true once the far end accepted it. */
export function reInvite(
  session: Session,
  hold: boolean,
  rollBack: () => Promise<void>,
  log: (message: string) => void,
): Promise<boolean> {
  return new Promise((resolve) => {
    session.sessionDescriptionHandlerOptionsReInvite = { hold } as never
    session
      .invite({
        requestDelegate: {
          onAccept: () => resolve(true),
          onReject: () => void rollBack().then(() => resolve(false)),
        },
      })
      .catch((error: unknown) => {
        log(`re-INVITE failed: ${error instanceof Error ? error.message : String(error)}`)
        resolve(false)
      })
  })
}
