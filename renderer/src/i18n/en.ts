// English strings. Accessible names used by tests and screen readers are stable: see DESIGN.md.
export const en = {
  app: { name: 'Switchboard' },
  nav: {
    label: 'Sections',
    calls: 'Calls',
    chat: 'Chat',
    contacts: 'Contacts',
    settings: 'Settings',
  },
  signIn: {
    title: 'Sign in to your SIP account',
    intro: 'Switchboard connects to any SIP server that speaks SIP over WebSocket.',
    aor: 'SIP address',
    aorHint: "sip:alice{'@'}example.com",
    server: 'WebSocket server',
    serverHint: 'wss://sip.example.com:7443',
    username: 'Username',
    usernameHint: 'Leave empty to use the user part of the SIP address',
    password: 'Password',
    displayName: 'Display name',
    submit: 'Sign in',
    submitting: 'Signing in…',
    passwordSessionOnly: 'In a browser, the password is kept for this tab only.',
  },
  status: {
    label: 'Registration',
    registered: 'Registered',
    connecting: 'Connecting',
    offline: 'Offline',
    failed: 'Registration failed: {reason}',
    reconnectIn: 'Reconnecting in {seconds} s',
    reconnectNow: 'Reconnect now',
  },
  failure: {
    'wrong-credentials': 'wrong username or password',
    'unknown-user': 'unknown user',
    timeout: 'the server did not answer in time',
    unreachable: 'server unreachable',
    'server-error': 'server error',
    'invalid-account': 'the account settings are invalid',
  },
  account: { signOut: 'Sign out', signedInAs: 'Signed in as {name}' },
  notices: {
    dismiss: 'Dismiss',
    settingsRecovered:
      'Some settings could not be read and were reset ({problems}). The old file was kept as {backup}.',
    passwordSessionOnly:
      'This system offers no secure password storage, so your password is kept only until Switchboard quits.',
  },
  views: {
    calls: { title: 'Calls', empty: 'No calls yet.' },
    chat: { title: 'Chat', empty: 'No conversations yet.' },
    contacts: { title: 'Contacts', empty: 'No contacts yet.' },
    settings: {
      title: 'Settings',
      account: 'Account',
      appearance: 'Appearance',
      theme: 'Theme',
      themeSystem: 'Follow the system',
      themeLight: 'Light',
      themeDark: 'Dark',
      about: 'About',
      version: 'Version {version} ({platform})',
    },
  },
} as const

export type MessageSchema = typeof en
