// Limits on what strangers on the network can make the app do (issue 10 row 7). Pure, with the
// clock passed in, so the chat store's rules are tested without timers.

/** Per conversation: one notification every few seconds, so a burst is one alert. */
export const NOTIFY_PEER_EVERY_MS = 3000
/** All conversations together: a rotating From must not get one notification per message. */
export const NOTIFY_GLOBAL_MAX = 3
export const NOTIFY_GLOBAL_WINDOW_MS = 10_000
/**
 * Unread messages kept from one sender who is not a contact; more are refused (480) until the
 * user reads the conversation. A contact is never capped.
 */
export const MAX_UNREAD_FROM_STRANGER = 100

/** Decides whether a new message may raise a notification now. */
export class NotificationBudget {
  private readonly perPeer = new Map<string, number>()
  private recent: number[] = []

  constructor(private readonly now: () => number = Date.now) {}

  take(peer: string): boolean {
    const now = this.now()
    if (now - (this.perPeer.get(peer) ?? -Infinity) < NOTIFY_PEER_EVERY_MS) return false
    this.recent = this.recent.filter((at) => now - at < NOTIFY_GLOBAL_WINDOW_MS)
    if (this.recent.length >= NOTIFY_GLOBAL_MAX) return false
    this.recent.push(now)
    this.perPeer.set(peer, now)
    if (this.perPeer.size > 1000) this.prune(now)
    return true
  }

  private prune(now: number): void {
    for (const [peer, at] of this.perPeer) {
      if (now - at >= NOTIFY_PEER_EVERY_MS) this.perPeer.delete(peer)
    }
  }
}

/** Counts unread messages per sender who is not a contact, and says when to refuse more. */
export class StrangerCap {
  private readonly unread = new Map<string, number>()

  /**
   * Whether one more unread message from `peer` may be stored; `known` is the unread count the
   * conversation list shows (it may lag a burst, so the larger of it and our own count wins).
   */
  admit(peer: string, isContact: boolean, known: number): boolean {
    if (isContact) return true
    return Math.max(known, this.unread.get(peer) ?? 0) < MAX_UNREAD_FROM_STRANGER
  }

  /** A message from `peer` was stored unread. */
  stored(peer: string, known: number): void {
    this.unread.set(peer, Math.max(known, this.unread.get(peer) ?? 0) + 1)
  }

  /** The user read the conversation. */
  read(peer: string): void {
    this.unread.delete(peer)
  }
}
