// How to pick up a colleague's ringing call from their busy lamp. Directed pickup by an INVITE
// with Replaces (RFC 3891) naming the ringing dialog, addressed to the caller, when the server's
// dialog-info gives the Call-ID and both tags; otherwise the pickup code (`*8` + extension) the
// server turns into the same thing. Call-ID and tags come from the network: they go into a
// header only when they are plain SIP tokens (no CR/LF, no `;` to smuggle parameters in).
import type { Dialog } from './dialog-info'

export const DEFAULT_PICKUP_CODE = '*8'

export type PickupPlan =
  /** INVITE `target` with these headers. */
  | { kind: 'replaces'; target: string; headers: string[] }
  /** Dial `target` (the code and the extension, at the colleague's domain). */
  | { kind: 'code'; target: string }

// RFC 3261 token and word (Call-ID), bounded.
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]{1,128}$/
const WORD = /^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}@]{1,256}$/
const SIP_URI = /^sips?:[^\s<>";,]{1,256}$/i

/** user and host of a SIP URI (`sip:dave@example.com` → dave, example.com). */
function userAndHost(aor: string): { user: string; host: string } | null {
  const match = /^sips?:([^@;?\s]+)@([^;?>\s]+)/i.exec(aor)
  return match ? { user: match[1]!, host: match[2]! } : null
}

/**
 * `lamp`: the colleague's address; `dialog`: the ringing dialog their lamp shows (from their
 * side: local tag theirs, remote tag the caller's); `code`: the account's pickup code.
 */
export function planPickup(lamp: string, dialog: Dialog | null, code = DEFAULT_PICKUP_CODE): PickupPlan | null {
  if (
    dialog &&
    WORD.test(dialog.callId) &&
    TOKEN.test(dialog.localTag) &&
    TOKEN.test(dialog.remoteTag)
  ) {
    // Sent to the caller, whose UA holds the early dialog (early-only: never a call in progress).
    // Tags as the caller sees them (to-tag = its own, from-tag = the colleague's), as SIP.js and
    // RFC 3891 §3 match them. Without the caller's address the colleague's goes: the server
    // routes it to the caller (the project's Kamailio does).
    const caller = dialog.remote?.uri ?? ''
    return {
      kind: 'replaces',
      target: SIP_URI.test(caller) ? caller : lamp,
      headers: [
        `Replaces: ${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag};early-only`,
      ],
    }
  }
  const parts = userAndHost(lamp)
  if (!parts || !/^[*#0-9]{0,8}$/.test(code)) return null
  return { kind: 'code', target: `sip:${code}${parts.user}@${parts.host}` }
}
