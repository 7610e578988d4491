// English strings for the desk-phone features: busy lamps and pickup, voicemail waiting,
// intercom. Kept beside en.ts (which includes them) so they are easy to find and translate.
// Names tests rely on are stable (DESIGN.md): "Busy lamp", "Idle", "Ringing", "In a call",
// "On hold", "Pick up", "Voicemail", "N new", "Answer intercom calls automatically".
export const deskEn = {
  settings: {
    title: 'Desk phone',
  },
  lamps: {
    title: 'Lamps',
    toggle: 'Busy lamp',
    idle: 'Idle',
    ringing: 'Ringing',
    ringingFrom: 'Ringing: {caller}',
    inCall: 'In a call',
    onHold: 'On hold',
    unknown: 'Unknown',
    pickUp: 'Pick up',
    pickupCode: 'Pickup code',
    pickupCodeHint: 'Dialled before the extension when the server does not name the call',
  },
  voicemail: {
    button: 'Voicemail',
    count: '{count} new',
    number: 'Voicemail number',
  },
  intercom: {
    autoAnswer: 'Answer intercom calls automatically',
  },
}
