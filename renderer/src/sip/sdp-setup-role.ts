// Which end of DTLS we take when we answer (RFC 5763 §5: the answerer to `a=setup:actpass` picks
// `active` or `passive`). Chromium picks active, so it sends the ClientHello; with its
// post-quantum key share that ClientHello spans two DTLS fragments, which mbedtls 2.x (Linphone,
// many desk phones and PBXs) refuses. As the DTLS server we receive their small ClientHello
// instead, so every answer we make to an `actpass` offer says `passive`.
//
// A DTLS role is kept for the life of a transport: a re-offer on a call where we already are the
// client must be answered `active` again (Chromium fails to apply a role change), so the current
// role, when there is one, wins.

import { Web } from 'sip.js'
import type { SessionDescriptionHandlerFactory } from 'sip.js'

export type DtlsRole = 'active' | 'passive'

type Setup = 'actpass' | 'active' | 'passive' | 'holdconn'

/** The `a=setup` of each media section (session-level value as the fallback), in order. */
export function setupAttributes(sdp: string): (Setup | undefined)[] {
  const [session = '', ...media] = sdp.split(/^(?=m=)/m)
  const fallback = readSetup(session)
  return media.map((section) => readSetup(section) ?? fallback)
}

function readSetup(section: string): Setup | undefined {
  return section.match(/^a=setup:(actpass|active|passive|holdconn)\s*$/m)?.[1] as Setup | undefined
}

/**
 * Our DTLS role on a call as negotiated so far, from the current descriptions (undefined before
 * the first negotiation completed): what our last answer said, or the opposite of the peer's
 * answer to our last offer.
 */
export function currentDtlsRole(
  local: { type: string; sdp: string } | null | undefined,
  remote: { type: string; sdp: string } | null | undefined,
): DtlsRole | undefined {
  if (local?.type === 'answer') return firstRole(setupAttributes(local.sdp))
  if (local?.type === 'offer' && remote?.type === 'answer') {
    const theirs = firstRole(setupAttributes(remote.sdp))
    return theirs === 'active' ? 'passive' : theirs === 'passive' ? 'active' : undefined
  }
  return undefined
}

function firstRole(setups: (Setup | undefined)[]): DtlsRole | undefined {
  return setups.find((s): s is DtlsRole => s === 'active' || s === 'passive')
}

/**
 * The answer with `a=setup:active` turned into `passive` in each media section whose offer
 * section said `actpass`, unless we already are the DTLS client on this call.
 */
export function preferPassiveAnswer(answer: string, offer: string, current?: DtlsRole): string {
  if (current === 'active') return answer
  const offered = setupAttributes(offer)
  const [session = '', ...media] = answer.split(/^(?=m=)/m)
  const sections = media.map((section, i) =>
    offered[i] === 'actpass'
      ? section.replace(/^a=setup:active(?=\r?$)/m, 'a=setup:passive')
      : section,
  )
  return session + sections.join('')
}

/** The parts of SIP.js's Web handler this needs (its getDescription signature, loosely). */
type GetDescription = Web.SessionDescriptionHandler['getDescription']

/** Wraps SIP.js's handler factory so each local answer takes the DTLS server role when allowed. */
export function withPassiveAnswers(
  base: SessionDescriptionHandlerFactory,
): SessionDescriptionHandlerFactory {
  return (session, options) => {
    const sdh = base(session, options)
    if (!(sdh instanceof Web.SessionDescriptionHandler)) return sdh
    const original: GetDescription = sdh.getDescription.bind(sdh)
    sdh.getDescription = (descriptionOptions, modifiers = []) => {
      const pc = sdh.peerConnection
      if (pc?.signalingState !== 'have-remote-offer') {
        return original(descriptionOptions, modifiers)
      }
      const offer = pc.remoteDescription?.sdp ?? ''
      const current = currentDtlsRole(pc.currentLocalDescription, pc.currentRemoteDescription)
      const passive = (
        description: RTCSessionDescriptionInit,
      ): Promise<RTCSessionDescriptionInit> =>
        Promise.resolve({
          ...description,
          sdp: preferPassiveAnswer(description.sdp ?? '', offer, current),
        })
      return original(descriptionOptions, [...modifiers, passive])
    }
    return sdh
  }
}
