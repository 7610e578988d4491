// English strings for click-to-dial links and the desktop shell's settings. Kept beside en.ts
// (which includes them) so this feature's strings do not collide with others' edits.
// Accessible names ("Confirm call", "Call", "Cancel") are stable: see DESIGN.md.
export const dialLinksEn = {
  title: 'Confirm call',
  question: 'Call this number or address?',
  /** A transfer (REFER) from the other side of a call; the target follows on its own line. */
  transferQuestion: '{name} asks you to call',
  call: 'Call',
  callWithVideo: 'Call with video',
  cancel: 'Cancel',
  close: 'Close',
  dropped: 'Left out of the link for safety: {reason}',
  invalid: 'This link cannot be dialed: {reason}',
  errors: {
    empty: 'it names no one to call',
    'too-long': 'it is too long',
    'unsupported-scheme': 'only sip:, sips:, tel: and callto: links can be dialed',
    'control-characters': 'it hides control characters (such as line breaks)',
    'non-ascii': 'it holds characters that can pass for others',
    'bad-escape': 'it holds a broken %-escape',
    'invalid-user': 'the user part is not valid',
    'invalid-host': 'the server part is not valid',
    'invalid-port': 'the port is not valid',
    'invalid-number': 'the phone number is not valid',
    'invalid-parameter': 'it holds a parameter that is not valid',
    'unsupported-target': 'it names nothing Switchboard can call',
  },
  settings: {
    title: 'Links',
    region: 'Default region for phone numbers',
    regionNone: 'None: dial numbers as written',
    confirm: 'Confirm before calling links',
    handler: 'Open sip: and tel: links with Switchboard',
    offered: 'The browser was asked to open sip: and tel: links here; confirm if it asks.',
    unsupported: 'This browser cannot open sip: and tel: links with a web page.',
    failed: 'The browser refused to open sip: and tel: links here.',
  },
} as const

export const desktopEn = {
  title: 'Desktop',
  startAtLogin: 'Start at login',
  startMinimized: 'Start minimized in the tray',
  links: {
    question: 'Open phone links (tel:, callto:, sip:) with Switchboard?',
    yes: 'Use Switchboard',
    no: 'No, thanks',
    settings: 'Open phone links with Switchboard',
    taken: 'Switchboard opens phone links.',
  },
} as const
