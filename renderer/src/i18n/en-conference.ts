// English strings for the local conference (stores/conference.ts). Kept beside en.ts, which
// merges them in as `conference`, so this feature's strings do not collide with others' edits.
// "Merge calls", "Conference" and "Remove" are stable names: see DESIGN.md.
export const conferenceEn = {
  title: 'Conference',
  merge: 'Merge calls',
  speaking: 'Speaking',
  muted: 'Muted',
  mute: 'Mute {name}',
  unmute: 'Unmute {name}',
  remove: 'Remove {name}',
  hangUp: 'Hang up {name}',
  hangUpAll: 'End conference',
  /** A video call in the conference: the mix carries its sound, not its picture. */
  audioOnly: 'Video calls take part with audio only',
}
