// settings.json as found on disk (edited by hand, by another program, or by an older version):
// which fields are set aside as problems (by path prefix), and what survives.
export type SettingsCase = [
  name: string,
  raw: unknown,
  outcome: { problems: string[]; check?: Record<string, unknown> },
]

const ok = (check?: Record<string, unknown>) => ({ problems: [], ...(check ? { check } : {}) })
const bad = (...problems: string[]) => ({ problems })

export const settingsCases: SettingsCase[] = [
  ['empty object', {}, ok()],
  ['null', null, bad('not a JSON object')],
  ['array', [], bad('not a JSON object')],
  ['string', 'settings', bad('not a JSON object')],
  ['newer version', { version: 99 }, bad('written by a newer version')],
  ['unknown keys ignored', { foo: 1, __proto__: { polluted: true } }, ok()],
  ['theme junk', { theme: 'neon' }, bad('theme')],
  ['locale junk', { locale: 'xx' }, bad('locale')],
  ['account not an object', { account: 'x' }, bad('account')],
  ['aor with CRLF', { account: { aor: 'sip:a@b.c\r\nVia: x' } }, bad('account.aor')],
  ['aor sips (form rules)', { account: { aor: 'sips:alice@example.com' } }, bad('account.aor')],
  [
    'aor with params',
    { account: { aor: 'sip:alice@example.com;maddr=1.2.3.4' } },
    bad('account.aor'),
  ],
  ['display name with quote', { account: { displayName: 'Al"ice' } }, bad('account.displayName')],
  [
    'display name with backslash',
    { account: { displayName: 'Al\\ice' } },
    bad('account.displayName'),
  ],
  ['display name with TAB', { account: { displayName: 'Al\tice' } }, bad('account.displayName')],
  [
    'display name 200 chars',
    { account: { displayName: 'x'.repeat(200) } },
    bad('account.displayName'),
  ],
  ['server remote ws://', { account: { server: 'ws://pbx.example.com' } }, bad('account.server')],
  ['server with LF', { account: { server: 'wss://pbx.exa\nmple.com' } }, bad('account.server')],
  [
    'server CSP injection',
    { account: { server: "wss://x; script-src 'unsafe-inline'" } },
    bad('account.server'),
  ],
  [
    'server with credentials',
    { account: { server: 'wss://u:p@pbx.example.com' } },
    bad('account.server'),
  ],
  ['server javascript:', { account: { server: 'javascript:alert(1)' } }, bad('account.server')],
  ['username with space', { account: { username: 'a b' } }, bad('account.username')],
  ['iceServers not array', { account: { iceServers: 'stun:x' } }, bad('account.iceServers')],
  [
    'ice url https',
    { account: { iceServers: [{ urls: 'https://x' }] } },
    bad('account.iceServers'),
  ],
  [
    '20 ice servers',
    { account: { iceServers: Array.from({ length: 20 }, () => ({ urls: 'stun:x' })) } },
    bad('account.iceServers'),
  ],
  [
    'plaintext TURN credential moves out (row 12)',
    { account: { iceServers: [{ urls: 'turn:t.example', username: 'u', credential: 'pw' }] } },
    ok({ secret: 'pw' }),
  ],
  [
    'acceptWeakEncryption string',
    { credentials: { acceptWeakEncryption: 'yes' } },
    bad('credentials.acceptWeakEncryption'),
  ],
  ['region lower-case', { dialing: { defaultRegion: 'gb' } }, bad('dialing.defaultRegion')],
  [
    'device label with NUL',
    { devices: { microphone: { deviceId: 'x', label: 'a\u0000b' } } },
    bad('devices.microphone'),
  ],
  [
    'good account',
    {
      account: {
        aor: 'sip:alice@example.com',
        server: 'wss://pbx.example.com',
        displayName: 'Alice',
      },
    },
    ok(),
  ],
]
