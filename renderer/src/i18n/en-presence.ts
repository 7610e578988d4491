// English strings for presence and contacts. Names used by tests are stable: see DESIGN.md.

export const presenceEn = {
  myStatus: 'My status',
  note: 'Status note',
  notePlaceholder: 'What are you up to?',
  /** What "My status" offers. */
  choose: {
    available: 'Available',
    away: 'Away',
    busy: 'Busy',
    dnd: 'Do not disturb',
    invisible: 'Appear offline',
  },
  /** How a contact's status reads. */
  status: {
    available: 'Available',
    away: 'Away',
    busy: 'Busy',
    dnd: 'Do not disturb',
    'on-the-phone': 'On the phone',
    offline: 'Offline',
    unknown: 'Unknown',
  },
  auto: {
    'on-the-phone': 'On the phone (while in a call)',
    away: 'Away (idle)',
  },
  idleMinutes: 'Away after idle (minutes)',
  settingsTitle: 'Presence',
}

export const contactsEn = {
  title: 'Contacts',
  list: 'Contacts',
  empty: 'No contacts yet. Add one with "Add contact".',
  noMatch: 'No contact matches.',
  search: 'Search contacts',
  add: 'Add contact',
  edit: 'Edit contact',
  name: 'Name',
  address: 'SIP address',
  numbers: 'Phone numbers',
  numbersHint: 'Separate several with commas',
  favourite: 'Favourite',
  save: 'Save',
  cancel: 'Cancel',
  callOne: 'Call {name}',
  messageOne: 'Message {name}',
  editOne: 'Edit {name}',
  removeOne: 'Remove {name}',
  confirmRemove: 'Remove {name} from contacts?',
  errors: {
    name: 'Enter a name',
    empty: 'Enter a SIP address',
    invalid: 'Not a SIP address',
    duplicate: 'A contact with this address exists already',
    saveFailed: 'Could not save the contact',
  },
  importExport: {
    export: 'Export vCard',
    import: 'Import vCard',
    imported: 'Imported {count} contacts',
    tooBig: 'That file is larger than 5 MB: nothing was imported',
  },
}
