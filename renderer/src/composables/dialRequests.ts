// A `sip:`/`tel:` link in a message asks for a call through here. Chat does not know how calls
// are placed (or confirmed): whoever does registers a handler; until then nothing dials.

export type DialHandler = (target: string) => void

let handler: DialHandler | null = null

/** Takes over dial requests (the calls feature, which confirms before dialing). */
export function handleDialRequests(next: DialHandler): () => void {
  handler = next
  return () => {
    if (handler === next) handler = null
  }
}

/** Asks for a call to `target`; false when nothing can place calls yet. */
export function requestDial(target: string): boolean {
  if (!handler) return false
  handler(target)
  return true
}
