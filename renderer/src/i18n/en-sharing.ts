// English strings for screen sharing in a call (Call.shareScreen). Kept beside en.ts, which
// merges them in as `sharing`. "Share screen" and "Stop sharing" are stable names: DESIGN.md.
export const sharingEn = {
  share: 'Share screen',
  stop: 'Stop sharing',
  /** The desktop's own picker of screens and windows. */
  picker: {
    title: 'Choose what to share',
    screens: 'Screens',
    windows: 'Windows',
    untitled: 'Untitled window',
    none: 'There is no screen or window to share.',
    failed: 'The screens and windows could not be listed.',
    cancel: 'Cancel',
  },
}
