// http(s) links inside chat messages: what the chat shows, and whether it asks before opening.
export type WebCase = [written: string, outcome: { shown: string; ask: boolean } | { text: true }]

const shown = (text: string, ask = false) => ({ shown: text, ask })
const plainText = { text: true } as const

export const webCases: WebCase[] = [
  ['https://example.com/a?b=1', shown('https://example.com/a?b=1')],
  ['https://bücher.de/', shown('https://bücher.de/')],
  ['https://пример.рф/', shown('https://пример.рф/')],
  ['https://例え.jp/', shown('https://例え.jp/')],
  ['https://gооgle.com', shown('https://xn--ggle-55da.com', true)],
  ['https://аpple.com', shown('https://xn--pple-43d.com', true)],
  ['https://раураl.com', shown('https://xn--l-7sba6dbr.com', true)],
  [
    'https://google.com\u2044login.evil.com',
    shown('https://google.xn--comlogin-g03d.evil.com', true),
  ],
  ['https://ｇｏｏｇｌｅ.com', shown('https://google.com', true)],
  ['https://evil%2Ecom/', shown('https://evil.com/', true)],
  ['https://evil.com\\@google.com', shown('https://evil.com/@google.com', true)],
  ['https://EXAMPLE.COM/', shown('https://example.com/')],
  ['https://example.com:443/', shown('https://example.com/')],
  ['https://user:pw@example.com/', plainText],
  ['https://google.com@evil.com/', plainText],
  ['https://', plainText],
  [`https://example.com/${'a'.repeat(3000)}`, plainText],
]

/** Message bodies: what the chat shows (text only; bidi and invisible characters gone). */
export type BodyCase = [body: string, shownText: string]

export const bodyCases: BodyCase[] = [
  ['hello', 'hello'],
  ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ['pay \u202egnp.exe', 'pay gnp.exe'],
  ['\u2066hidden\u2069 isolate', 'hidden isolate'],
  ['zero\u200bwidth', 'zerowidth'],
  ['line 1\r\nline 2', 'line 1\nline 2'],
  ['bell\u0007', 'bell '],
  ['nul\u0000byte', 'nul byte'],
  ['👩\u200d💻 stays one picture', '👩\u200d💻 stays one picture'],
  ['\ufeffBOM first', 'BOM first'],
  ['c1\u0085next', 'c1 next'],
  ['lone \ud800 surrogate', 'lone \ufffd surrogate'],
  ['tab\tkept', 'tab\tkept'],
  ['javascript:alert(1)', 'javascript:alert(1)'],
  ['call sip:bob@example.com now', 'call sip:bob@example.com now'],
  ['see https://gооgle.com.', 'see https://xn--ggle-55da.com.'],
]

/** Content types as received, and the media type the chat files the message under. */
export const contentTypeCases: [header: string | undefined, media: string][] = [
  [undefined, 'text/plain'],
  ['', 'text/plain'],
  ['text/plain', 'text/plain'],
  ['TEXT/PLAIN; charset=UTF-8', 'text/plain'],
  ['text/html', 'text/html'],
  ['application/im-iscomposing+xml', 'application/im-iscomposing+xml'],
  ['  ;charset=utf-8', 'text/plain'],
  ['message/cpim', 'message/cpim'],
  ['text/plain ; format=flowed', 'text/plain'],
  ['multipart/mixed;boundary=x', 'multipart/mixed'],
]
