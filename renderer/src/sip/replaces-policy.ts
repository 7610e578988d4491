// Who may take over one of our calls with an INVITE carrying Replaces (RFC 3891). Its §6 asks
// for authorization: a dialog's identifiers (Call-ID, tags) leak easily, and without a check
// anyone who learns them can cut into a live call and take it over, unasked.
//
// Allowed:
// - the replaced call's own peer (the same party moving the call, e.g. to another device): it
//   gains nothing it did not have;
// - a sender of our own domain whose Referred-By names the replaced call's peer: an attended
//   transfer, where that peer (the transferor) handed its call with us to the sender. Our own
//   domain's users are authenticated by our server before their INVITE reaches us (the project's
//   Kamailio challenges every out-of-dialog request with a local From); a foreign sender is not,
//   and its Referred-By is just a claim, so it is refused;
// - a sender of our own domain taking over a call of ours that still rings at the far end, with
//   `early-only` (directed call pickup: a colleague answers the phone we are ringing); it cannot
//   cut into a conversation, as SIP.js refuses early-only for a confirmed dialog (486).
// Everything else is answered 403 and the live call goes on.

import { Grammar, UserAgent } from 'sip.js'

export interface ReplacesRequest {
  /** The new INVITE's From URI. */
  sender: string
  /** The new INVITE's Referred-By header, if any. */
  referredBy: string | undefined
  /** The peer URI of the call it would replace. */
  replacedPeer: string
  /** Our own address of record. */
  ownAor: string
  /** Replaces carries `early-only` and names our outgoing call that is still ringing. */
  pickup?: boolean
}

export type ReplacesVerdict = { ok: true } | { ok: false; why: string }

/** `user@host` of a SIP URI (lower-case host, no port or parameters), or null. */
function identityOf(uri: string | undefined): string | null {
  const parsed = uri ? UserAgent.makeURI(uri) : undefined
  if (!parsed) return null
  return `${parsed.user ?? ''}@${parsed.host.toLowerCase()}`
}

function referredByUri(header: string | undefined): string | undefined {
  if (!header) return undefined
  return Grammar.nameAddrHeaderParse(header)?.uri.toString()
}

export function mayReplace(request: ReplacesRequest): ReplacesVerdict {
  const sender = identityOf(request.sender)
  const peer = identityOf(request.replacedPeer)
  if (!sender || !peer) return { ok: false, why: 'unreadable identities' }
  if (sender === peer) return { ok: true }
  const ownDomain = identityOf(request.ownAor)?.split('@')[1]
  const senderDomain = sender.split('@')[1]
  if (!ownDomain || senderDomain !== ownDomain) {
    return { ok: false, why: `${sender} is not the call's peer and not of our domain` }
  }
  if (request.pickup) return { ok: true }
  if (identityOf(referredByUri(request.referredBy)) !== peer) {
    return { ok: false, why: `${sender} was not referred by the call's peer` }
  }
  return { ok: true }
}
