// Changing an established call's media by re-INVITE (hold, resume, adding or dropping video),
// and taking an offer back when the far end refuses it.

import { RequestPendingError, SessionState } from 'sip.js'
import type { Session } from 'sip.js'
import type { Clock } from './clock'

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

/** How a re-INVITE may be tried again (without: once only). */
export interface ReInviteRetry {
  clock: Clock
  /** We sent the dialog's first INVITE: RFC 3261 §14.1 has the Call-ID's owner wait longer. */
  ownsCallId: boolean
  random?: () => number
}

/** Tries at most: a 491 (the far end's re-INVITE crossed ours) or ours still in progress. */
export const REINVITE_ATTEMPTS = 3
/** Our own re-INVITE (an ICE restart, an earlier hold) still going: tried again after this. */
export const IN_PROGRESS_WAIT_MS = 500

type Outcome = 'accepted' | 'refused' | 'glare' | 'in-progress'

/**
 * re-INVITE with the given hold state; true once the far end accepted it. A 491, or our own
 * re-INVITE still in progress, is tried again after RFC 3261 §14.1's wait (a hold pressed while
 * the far end refreshes the session must not silently do nothing).
 */
export async function reInvite(
  session: Session,
  hold: boolean,
  rollBack: () => Promise<void>,
  log: (message: string) => void,
  retry?: ReInviteRetry,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await reInviteOnce(session, hold, rollBack, log)
    if (outcome === 'accepted') return true
    if (outcome === 'refused' || !retry || attempt >= REINVITE_ATTEMPTS) return false
    const ms = outcome === 'glare' ? glareWaitMs(retry) : IN_PROGRESS_WAIT_MS
    log(
      `re-INVITE ${outcome === 'glare' ? 'crossed the far end’s (491)' : 'waits for ours in progress'}: again in ${ms} ms`,
    )
    await new Promise<void>((resolve) => retry.clock.setTimeout(resolve, ms))
    if (session.state !== SessionState.Established) return false
  }
}

/** RFC 3261 §14.1: 2.1–4 s for the Call-ID's owner, 0–2 s for the other side. */
export function glareWaitMs({ ownsCallId, random = Math.random }: ReInviteRetry): number {
  return Math.round(ownsCallId ? 2100 + random() * 1900 : random() * 2000)
}

function reInviteOnce(
  session: Session,
  hold: boolean,
  rollBack: () => Promise<void>,
  log: (message: string) => void,
): Promise<Outcome> {
  return new Promise((resolve) => {
    session.sessionDescriptionHandlerOptionsReInvite = { hold } as never
    session
      .invite({
        requestDelegate: {
          onAccept: () => resolve('accepted'),
          onReject: (response) =>
            void rollBack().then(() =>
              resolve(response.message.statusCode === 491 ? 'glare' : 'refused'),
            ),
        },
      })
      .catch((error: unknown) => {
        if (error instanceof RequestPendingError) return resolve('in-progress')
        log(`re-INVITE failed: ${error instanceof Error ? error.message : String(error)}`)
        resolve('refused')
      })
  })
}
