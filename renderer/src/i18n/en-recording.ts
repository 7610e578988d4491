// English strings for call recording (stores/recordings.ts). Kept beside en.ts, which merges them
// in as `recording`. "Record", "Stop recording" and "Recording" are stable names: see DESIGN.md.
export const recordingEn = {
  record: 'Record',
  stop: 'Stop recording',
  indicator: 'Recording',
  list: 'Recordings',
  play: 'Play {name}',
  delete: 'Delete {name}',
  reveal: 'Show {name} in its folder',
  failed: 'Could not record: {reason}',
}

/** Settings → Calls: the announcement tone and (desktop) the recordings folder. */
export const recordingSettingsEn = {
  tone: 'Play a tone when recording starts',
  folder: 'Recordings folder',
  choose: 'Choose…',
  chooseFailed: 'Could not choose the folder: {reason}',
}
