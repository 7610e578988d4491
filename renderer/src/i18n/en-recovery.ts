// English strings for calls that ride out network trouble (sip/call-recovery.ts). Kept beside en.ts
// (which merges them into `call`) so this feature's strings do not collide with others' edits.
// "Reconnecting" is a stable name: see DESIGN.md.
export const recoveryCallEn = {
  /** Answered, and an ICE restart is under way; the timer keeps counting. */
  reconnecting: 'Reconnecting',
}

export const recoveryEndReasonsEn = {
  'connection-lost': 'Connection lost',
}
