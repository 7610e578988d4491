// Click-to-dial links from anywhere (web pages, other apps, argv). Each case: the link and either
// the error code it is refused with or what would be dialed.
export type LinkCase = [link: string, outcome: { error: string } | { dial: string }]

const refuse = (error: string) => ({ error })
const dial = (target: string) => ({ dial: target })

const controls = [
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
]
const invisibles = [
  '\u061c',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\ufeff',
]

export const linkCases: LinkCase[] = [
  // Control characters, raw, anywhere.
  ...controls.map((c): LinkCase => [`sip:bob${c}@example.com`, refuse('control-characters')]),
  ...controls.map((c): LinkCase => [`tel:+1555${c}0100`, refuse('control-characters')]),
  // Percent-encoded header injection.
  ['sip:bob@example.com?subject=%0D%0AVia:%20evil', refuse('control-characters')],
  ['sip:bob%0d%0a@example.com', refuse('control-characters')],
  ['sip:bob%00@example.com', refuse('control-characters')],
  ['tel:+1555%0A0100', refuse('control-characters')],
  // Bidi and invisible characters, raw: the confirmed text would not be what is dialed.
  ...invisibles.map((c): LinkCase => [`sip:bob@example.com${c}`, refuse('control-characters')]),
  ...invisibles.map((c): LinkCase => [`sip:b${c}ob@example.com`, refuse('control-characters')]),
  // Schemes that never dial.
  ...[
    'javascript:alert(1)',
    'http://example.com',
    'https://x',
    'file:///etc/passwd',
    'data:text/html,x',
    'mailto:a@b.c',
    'vbscript:x',
    'ms-settings:x',
    'ftp://x',
    'about:blank',
  ].map((l): LinkCase => [l, refuse('unsupported-scheme')]),
  ['--inspect=9229', refuse('unsupported-scheme')],
  ['--no-sandbox', refuse('unsupported-scheme')],
  ['', refuse('empty')],
  ['   ', refuse('empty')],
  ['sip:', refuse('empty')],
  ['tel:', refuse('empty')],
  ['sip://', refuse('empty')],
  // Size: refused before anything else looks at it (issue 10 row 2).
  [`sip:${' '.repeat(200_000)}x`, refuse('too-long')],
  [`${' '.repeat(100_000)}sip:bob@example.com`, refuse('too-long')],
  [`sip:${'a'.repeat(2100)}@example.com`, refuse('too-long')],
  [`tel:+1${'5'.repeat(2100)}`, refuse('too-long')],
  [`sip:bob@example.com;${'x=1;'.repeat(600)}`, refuse('too-long')],
  // Parameter names that are object members are plain parameters (issue 10 row 18).
  ['sip:bob@example.com;constructor', dial('sip:bob@example.com;constructor')],
  ['sip:bob@example.com;__proto__=1', dial('sip:bob@example.com;__proto__=1')],
  ['sip:bob@example.com;tostring', dial('sip:bob@example.com;tostring')],
  ['sip:bob@example.com;hasownproperty=x', dial('sip:bob@example.com;hasownproperty=x')],
  ['sip:bob@example.com;valueof', dial('sip:bob@example.com;valueof')],
  ['sip:bob@example.com;transport=tcp;transport=udp', refuse('invalid-parameter')],
  ['sip:bob@example.com;a=<b>', refuse('invalid-parameter')],
  // Plain good links, surrounding spaces trimmed.
  ['  sip:bob@example.com  ', dial('sip:bob@example.com')],
  ['SIP:bob@EXAMPLE.com', dial('sip:bob@example.com')],
  ['sips:alice@atlanta.com', dial('sips:alice@atlanta.com')],
  ['tel:+1-201-555-0123', dial('+12015550123')],
  ['sip:alice:secret@atlanta.com', dial('sip:alice@atlanta.com')],
]
