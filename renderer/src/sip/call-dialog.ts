// What a call reads from its dialog's messages: the status in a REFER NOTIFY, the remote target
// a re-INVITE's answer refreshes, ICE credentials and video in an SDP body. Pure functions over
// SIP.js's message types.

import { NameAddrHeader } from 'sip.js'
import type { Core, Session, URI } from 'sip.js'

/** The status code in a REFER NOTIFY's message/sipfrag body ("SIP/2.0 200 OK"). */
export function sipfragStatus(body: string | undefined): number | null {
  const match = body?.match(/^SIP\/2\.0 (\d{3})/)
  return match ? Number(match[1]) : null
}

/**
 * RFC 3261 12.2.1.2: a 2xx to a target refresh (re-INVITE) replaces the dialog's remote target
 * with its Contact. SIP.js 0.21 does this for re-INVITEs it receives, not for answers to its own;
 * without it, our later BYE or re-INVITE would go to where the far end was before it reconnected.
 */
export function refreshRemoteTarget(session: Session, response: Core.IncomingResponse): void {
  const dialog = session.dialog as unknown as { dialogState?: { remoteTarget: URI } } | undefined
  let contact: unknown
  try {
    contact = response.message.parseHeader('contact')
  } catch {
    return
  }
  if (dialog?.dialogState && contact instanceof NameAddrHeader) {
    dialog.dialogState.remoteTarget = contact.uri
  }
}

/** The first ICE username fragment of an SDP body; a new one means ICE restarts (RFC 8839). */
export function iceUfrag(sdp: string | undefined): string | undefined {
  return sdp ? /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1] : undefined
}

/** Whether an SDP body sends video: an m=video section with a port, not recvonly or inactive. */
export function sendsVideo(sdp: string): boolean {
  const sections = sdp.split(/\r?\n(?=m=)/).filter((s) => /^m=video [1-9]/.test(s))
  return sections.some((s) => !/^a=(recvonly|inactive)\s*$/m.test(s))
}

export function hasSdp(response: Core.IncomingResponse): boolean {
  const type = response.message.getHeader('Content-Type') ?? ''
  return /^application\/sdp/i.test(type) && (response.message.body ?? '').trim() !== ''
}
