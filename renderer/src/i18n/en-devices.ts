// English strings for audio and video devices and call tones. Kept beside en.ts (which includes
// them) so this feature's strings do not collide with others' edits. The pickers' names
// ("Microphone", "Camera", "Speaker", "Ringer") and "Devices" are stable: see DESIGN.md.
export const devicesEn = {
  title: 'Audio and video',
  toggle: 'Devices',
  pickers: 'Devices for calls',
  role: {
    microphone: 'Microphone',
    camera: 'Camera',
    speaker: 'Speaker',
    ringer: 'Ringer',
  },
  systemDefault: 'System default',
  /** A device the browser lists without a name (no permission yet): named by its position. */
  unnamed: {
    microphone: 'Microphone {number}',
    camera: 'Camera {number}',
    speaker: 'Speaker {number}',
    ringer: 'Output {number}',
  },
  namesHidden: 'Device names show once Switchboard may use the microphone and camera.',
  revealNames: 'Show device names',
  revealRefused: 'Access was not given, so only the system default can be chosen.',
  ringtone: 'Ring for incoming calls',
  noSinkChoice: 'This browser cannot choose where sound plays: the system default is used.',
  notice: {
    lost: {
      microphone: 'Microphone disconnected: the call goes on with the default microphone.',
      camera: 'Camera disconnected: the call goes on with the default camera.',
    },
    missing: {
      microphone: 'The chosen microphone is not connected: using the default microphone.',
      camera: 'The chosen camera is not connected: using the default camera.',
    },
  },
}
