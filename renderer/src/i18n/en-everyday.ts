// English strings for finding people (address bar suggestions, dial pad) and the keyboard
// shortcuts. Accessible names ("Dial pad", "Keyboard shortcuts") are stable: see DESIGN.md.
export const searchEn = {
  /** The combobox around "Number or SIP address". */
  label: 'Search contacts, calls and chats',
  suggestions: 'Suggestions',
  favourite: 'Favourite',
  recent: 'Recent',
}

export const dialPadEn = {
  title: 'Dial pad',
  number: 'Number to dial',
  call: 'Call',
  videoCall: 'Video call',
  delete: 'Delete last digit',
  hint: 'Type or paste a number, or use the keys. Hold 0 for +.',
}

export const shortcutsEn = {
  title: 'Keyboard shortcuts',
  close: 'Close',
  answer: 'Answer the ringing call',
  hangUp: 'Hang up, or decline the ringing call',
  mute: 'Mute or unmute',
  hold: 'Hold or resume',
  search: 'Go to "Number or SIP address"',
  help: 'Show this list',
  suggestions: 'Move through suggestions; Enter calls the one chosen, Esc closes them',
  global: {
    title: 'Shortcuts anywhere on the desktop',
    enabled: 'Use answer and hang-up shortcuts even when Switchboard is in the background',
    hint: 'Off by default: other apps may want the same keys.',
  },
}
