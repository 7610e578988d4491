// Display names and URIs from From, Contact and Refer-To: the name as shown (notifications, tray,
// call and chat views, all through the shared sanitiser), the address as shown, and what a
// Refer-To target would dial (it goes through the link parser and "Confirm call").
export const displayNameCases: [raw: string, shown: string][] = [
  ['Bob', 'Bob'],
  ['Bob\tSmith', 'Bob Smith'],
  ['Bob\r\nVia: SIP/2.0/UDP evil', 'Bob Via: SIP/2.0/UDP evil'],
  ['\u202eBob', 'Bob'],
  ['Bob \u202egnp.exe', 'Bob gnp.exe'],
  ['Admin\u200b', 'Admin'],
  ['\u2067IT Support\u2069', 'IT Support'],
  ['Ali\u061cce', 'Alice'],
  ['\u200eLRM\u200f', 'LRM'],
  ['B'.repeat(300), 'B'.repeat(128)],
  ['  spaced   out  ', 'spaced out'],
  ['\u0000\u0001\u0002', ''],
  ['Ελένη', 'Ελένη'],
  ['محمد', 'محمد'],
  ['👩\u200d💻 Dev', '👩\u200d💻 Dev'],
  ['a\u0085b', 'a b'],
  ['<b>bold</b>', '<b>bold</b>'],
  ['"quoted"', '"quoted"'],
  ['lone \udc00', 'lone \ufffd'],
  ['\ufeffBOM', 'BOM'],
]

/** A parsed From/Contact URI and the conversation key and address shown for it. */
export const uriCases: [
  uri: { scheme: string; user?: string; host: string; port?: number },
  key: string,
  shown: string,
][] = [
  [{ scheme: 'sip', user: 'bob', host: 'example.com' }, 'sip:bob@example.com', 'bob@example.com'],
  [{ scheme: 'sip', user: 'bob', host: 'EXAMPLE.com' }, 'sip:bob@example.com', 'bob@example.com'],
  [
    { scheme: 'sip', user: 'bob', host: 'evil.example' },
    'sip:bob@evil.example',
    'bob@evil.example',
  ],
  [
    { scheme: 'sip', user: 'bob', host: '127.0.0.1', port: 5060 },
    'sip:bob@127.0.0.1:5060',
    'bob@127.0.0.1:5060',
  ],
  [{ scheme: 'sips', user: 'bob', host: 'example.com' }, 'sips:bob@example.com', 'bob@example.com'],
  [{ scheme: 'sip', host: 'example.com' }, 'sip:@example.com', '@example.com'],
]

/** Refer-To targets: refused with which error, or what "Confirm call" would offer to dial. */
export const referToCases: [target: string, outcome: { error: string } | { dial: string }][] = [
  ['sip:carol@example.com', { dial: 'sip:carol@example.com' }],
  [
    'sip:carol@example.com?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2',
    { dial: 'sip:carol@example.com' },
  ],
  ['tel:+19005550100', { dial: '+19005550100' }],
  ['sip:carol@example.com\r\nX: y', { error: 'control-characters' }],
  ['sip:car\u202eol@example.com', { error: 'control-characters' }],
  ['http://evil.example/', { error: 'unsupported-scheme' }],
  ['data:,x', { error: 'unsupported-scheme' }],
  [`sip:${'a'.repeat(3000)}@x`, { error: 'too-long' }],
  ['sip:bob@example.com;maddr=127.0.0.1', { dial: 'sip:bob@example.com' }],
]
