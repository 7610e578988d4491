// settings.json as found on disk (edited by hand, by another program, or by an older version):
// which fields are set aside as problems (by path prefix), and what survives.
export type SettingsCase = [
  name: string,
  raw: unknown,
  outcome: { problems: string[]; check?: Record<string, unknown> },
]

const ok = (check?: Record<string, unknown>) => ({ problems: [], ...(check ? { check } : {}) })
const bad = (...problems: string[]) => ({ problems })
// Problems are matched as regular expressions from their start.
const field = (name: string) => `accounts\\[0\\]\\.${name}`
/** A field an account cannot do without: listed, and the account dropped. */
const dropped = (name: string) => bad(field(name), 'accounts\\[0\\]: dropped')

const V1 = { aor: 'sip:alice@example.com', server: 'wss://pbx.example.com', displayName: 'Alice' }
const GOOD = {
  id: 'work',
  enabled: true,
  ...V1,
  username: '',
  realm: '',
  iceServers: [],
  icePolicy: 'all',
  dtmfMethod: 'rfc4733',
  defaultRegion: '',
  registerExpires: 600,
  outboundProxy: '',
}
const acc = (patch: Record<string, unknown>) => ({ accounts: [{ ...GOOD, ...patch }] })

export const settingsCases: SettingsCase[] = [
  ['empty object', {}, ok()],
  ['null', null, bad('not a JSON object')],
  ['array', [], bad('not a JSON object')],
  ['string', 'settings', bad('not a JSON object')],
  ['newer version', { version: 99 }, bad('written by a newer version')],
  ['unknown keys ignored', { foo: 1, __proto__: { polluted: true } }, ok()],
  ['theme junk', { theme: 'neon' }, bad('theme')],
  ['locale junk', { locale: 'xx' }, bad('locale')],
  ['v1 account not an object', { account: 'x' }, bad('account')],
  ['accounts not a list', { accounts: { 0: GOOD } }, bad('accounts')],
  ['account entry not an object', { accounts: ['x'] }, bad('accounts\\[0\\]')],
  ['aor with CRLF', acc({ aor: 'sip:a@b.c\r\nVia: x' }), dropped('aor')],
  ['aor sips (form rules)', acc({ aor: 'sips:alice@example.com' }), dropped('aor')],
  ['aor with params', acc({ aor: 'sip:alice@example.com;maddr=1.2.3.4' }), dropped('aor')],
  ['v1 aor with CRLF', { account: { ...V1, aor: 'sip:a@b.c\r\nVia: x' } }, dropped('aor')],
  ['display name with quote', acc({ displayName: 'Al"ice' }), bad(field('displayName'))],
  ['display name with backslash', acc({ displayName: 'Al\\ice' }), bad(field('displayName'))],
  ['display name with TAB', acc({ displayName: 'Al\tice' }), bad(field('displayName'))],
  ['display name 200 chars', acc({ displayName: 'x'.repeat(200) }), bad(field('displayName'))],
  ['server remote ws://', acc({ server: 'ws://pbx.example.com' }), dropped('server')],
  ['server with LF', acc({ server: 'wss://pbx.exa\nmple.com' }), dropped('server')],
  ['server CSP injection', acc({ server: "wss://x; script-src 'unsafe-inline'" }), dropped('server')],
  ['server with credentials', acc({ server: 'wss://u:p@pbx.example.com' }), dropped('server')],
  ['server javascript:', acc({ server: 'javascript:alert(1)' }), dropped('server')],
  ['username with space', acc({ username: 'a b' }), bad(field('username'))],
  ['realm with CRLF', acc({ realm: 'a\r\nb' }), bad(field('realm'))],
  ['outbound proxy not sip', acc({ outboundProxy: 'javascript:x' }), bad(field('outboundProxy'))],
  ['expiry huge', acc({ registerExpires: 1e12 }), bad(field('registerExpires'))],
  ['id with a path', acc({ id: '../../etc' }), dropped('id')],
  ['the same id twice', { accounts: [{ ...GOOD, id: 'a' }, { ...GOOD, id: 'a' }] }, bad('accounts\\[1\\]: dropped')],
  ['iceServers not array', acc({ iceServers: 'stun:x' }), bad(field('iceServers'))],
  ['ice url https', acc({ iceServers: [{ urls: 'https://x' }] }), bad(field('iceServers'))],
  [
    '20 ice servers',
    acc({ iceServers: Array.from({ length: 20 }, () => ({ urls: 'stun:x' })) }),
    bad(field('iceServers')),
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
  ['good v1 account', { account: V1 }, ok()],
  ['good account', acc({}), ok()],
]
