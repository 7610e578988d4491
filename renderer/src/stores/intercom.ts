// Intercom auto-answer as the calls store's policy: the INVITE's headers and the rules of
// shared/intercom (allowed in Settings, not in Do not disturb, no other call, own domain only).
// Installed with the desk-phone settings, after start-up.
import type { Invitation } from 'sip.js'
import { decideAutoAnswer } from '@shared/intercom/auto-answer'

export interface IntercomInputs {
  allowed(): boolean
  doNotDisturb(): boolean
  /** Calls other than `callId` that are up, ringing or on hold, over every account. */
  otherCalls(callId: string): number
}

/** `sip:alice@example.com` → `example.com`. */
function domainOf(aor: string): string {
  return /^sips?:(?:[^@]*@)?([^;:>?]+)/i.exec(aor)?.[1] ?? ''
}

export function intercomPolicy(inputs: IntercomInputs) {
  return (invitation: Invitation, callId: string, ownAor: string): boolean => {
    const request = invitation.request
    const decision = decideAutoAnswer(
      {
        callInfo: request.getHeaders('Call-Info'),
        alertInfo: request.getHeaders('Alert-Info'),
        answerMode: request.getHeaders('Answer-Mode'),
      },
      {
        allowed: inputs.allowed(),
        doNotDisturb: inputs.doNotDisturb(),
        otherCalls: inputs.otherCalls(callId),
        callerDomain: invitation.remoteIdentity.uri.host,
        ownDomain: domainOf(ownAor),
      },
    )
    return decision.answer
  }
}
