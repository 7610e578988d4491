// English strings for screen sharing in a call (Call.shareScreen). Kept beside en.ts, which
// merges them in as `sharing`. "Share screen" and "Stop sharing" are stable names: DESIGN.md.
export const sharingEn = {
  share: 'Share screen',
  stop: 'Stop sharing',
}
