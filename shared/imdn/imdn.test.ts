import { describe, expect, it } from 'vitest'
import { buildImdn, MAX_IMDN_BYTES, readImdn } from './imdn'

// Linphone 5.1 (linphone-daemon, Debian linphone-cli 5.1.65), answering a plain text/plain
// MESSAGE on this machine: the Call-ID is the message-id; the body travelled deflated.
const LINPHONE_DELIVERED =
  '<?xml version="1.0" encoding="UTF-8" standalone="no" ?><imdn xmlns="urn:ietf:params:xml:ns:imdn">' +
  '<message-id>CGZJ5~7Qua</message-id><datetime>2026-12-05T13:03:32Z</datetime>' +
  '<delivery-notification><status><delivered/></status></delivery-notification></imdn>'

// Linphone's displayed notification and its error form with its own reason element
// (linphone-imdn.xsd), as its schema describes them.
const LINPHONE_DISPLAYED = LINPHONE_DELIVERED.replace(
  '<delivery-notification><status><delivered/></status></delivery-notification>',
  '<display-notification><status><displayed/></status></display-notification>',
)
const LINPHONE_ERROR =
  '<?xml version="1.0" encoding="UTF-8"?><imdn xmlns="urn:ietf:params:xml:ns:imdn" ' +
  'xmlns:linphoneimdn="http://www.linphone.org/xsds/imdn.xsd"><message-id>abc</message-id>' +
  '<datetime>2026-12-05T13:03:32Z</datetime><delivery-notification><status><error/>' +
  '<linphoneimdn:reason code="488">Not acceptable here</linphoneimdn:reason></status>' +
  '</delivery-notification></imdn>'

// RFC 5438 §7.2.2 (pretty-printed, recipient and subject elements, a -05:00 offset).
const RFC_DELIVERED = `<?xml version="1.0" encoding="UTF-8"?>
<imdn xmlns="urn:ietf:params:xml:ns:imdn">
  <message-id>34jk324j</message-id>
  <datetime>2008-04-04T12:16:49-05:00</datetime>
  <recipient-uri>im:bob@example.com</recipient-uri>
  <original-recipient-uri>im:bob@example.com</original-recipient-uri>
  <subject>Weekly report</subject>
  <delivery-notification>
    <status>
      <delivered/>
    </status>
  </delivery-notification>
</imdn>`
const RFC_DISPLAYED = RFC_DELIVERED.replace(
  /<delivery-notification>[\s\S]*<\/delivery-notification>/,
  '<display-notification><status><displayed/></status></display-notification>',
)
const RFC_PROCESSED = RFC_DELIVERED.replace(
  /<delivery-notification>[\s\S]*<\/delivery-notification>/,
  '<processing-notification><status><stored/></status></processing-notification>',
)

// As an Asterisk (res_pjsip_messaging) deployment relays a phone's IMDN: Asterisk does not write
// IMDN itself; what reaches us has the sender's prefix style and CRLF line ends.
const ASTERISK_RELAYED =
  '<?xml version="1.0" encoding="UTF-8"?>\r\n' +
  '<imdn:imdn xmlns:imdn="urn:ietf:params:xml:ns:imdn">\r\n' +
  '  <imdn:message-id>f81d4fae-7dec-11d0-a765-00a0c91e6bf6</imdn:message-id>\r\n' +
  '  <imdn:datetime>2026-01-02T03:04:05.678Z</imdn:datetime>\r\n' +
  '  <imdn:display-notification><imdn:status><imdn:displayed/></imdn:status>' +
  '</imdn:display-notification>\r\n</imdn:imdn>\r\n'

describe('readImdn: real and specified documents', () => {
  it.each([
    ['Linphone delivered', LINPHONE_DELIVERED, 'CGZJ5~7Qua', 'delivery', 'delivered'],
    ['Linphone displayed', LINPHONE_DISPLAYED, 'CGZJ5~7Qua', 'display', 'displayed'],
    ['Linphone error with its reason', LINPHONE_ERROR, 'abc', 'delivery', 'error'],
    ['RFC 5438 delivered', RFC_DELIVERED, '34jk324j', 'delivery', 'delivered'],
    ['RFC 5438 displayed', RFC_DISPLAYED, '34jk324j', 'display', 'displayed'],
    ['RFC 5438 processing', RFC_PROCESSED, '34jk324j', 'processing', 'stored'],
    [
      'relayed by Asterisk',
      ASTERISK_RELAYED,
      'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
      'display',
      'displayed',
    ],
  ])('%s', (_name, body, messageId, kind, status) => {
    const result = readImdn(body)
    expect(result).toMatchObject({
      kind: 'notification',
      notification: { messageId, kind, status },
    })
  })
})

describe('readImdn: hostile and broken documents are ignored, never thrown', () => {
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE imdn [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' +
    '<imdn xmlns="urn:ietf:params:xml:ns:imdn"><message-id>&b;</message-id></imdn>'
  const deep =
    '<imdn xmlns="urn:ietf:params:xml:ns:imdn">' +
    '<x>'.repeat(100) +
    '</x>'.repeat(100) +
    '</imdn>'
  const padded = LINPHONE_DELIVERED.replace(
    '<datetime>',
    `<!--${'x'.repeat(MAX_IMDN_BYTES)}--><datetime>`,
  )
  it.each([
    ['a DOCTYPE with entities', laughs],
    ['nesting 100 deep', deep],
    ['over the size cap', padded],
    ['no message-id', LINPHONE_DELIVERED.replace('<message-id>CGZJ5~7Qua</message-id>', '')],
    ['a message-id with spaces', LINPHONE_DELIVERED.replace('CGZJ5~7Qua', 'a b')],
    [
      'two notifications',
      LINPHONE_DELIVERED.replace(
        '</imdn>',
        '<display-notification><status><displayed/></status></display-notification></imdn>',
      ),
    ],
    [
      'a status that kind does not have',
      LINPHONE_DELIVERED.replace('<delivered/>', '<displayed/>'),
    ],
    ['two statuses', LINPHONE_DELIVERED.replace('<delivered/>', '<delivered/><failed/>')],
    ['the wrong namespace', LINPHONE_DELIVERED.replace('urn:ietf:params:xml:ns:imdn', 'urn:x')],
    ['another root', '<presence xmlns="urn:ietf:params:xml:ns:pidf"/>'],
    ['not XML', 'delivered, thanks'],
    ['unclosed', LINPHONE_DELIVERED.slice(0, -7)],
    ['empty', ''],
  ])('%s', (_name, body) => {
    expect(readImdn(body).kind).toBe('ignored')
  })
})

describe('buildImdn', () => {
  it.each(['delivered', 'displayed'] as const)(
    'writes a %s notification our reader reads back',
    (status) => {
      const body = buildImdn({
        messageId: "id&x'1",
        datetime: '2026-12-05T13:03:32Z',
        status,
        recipient: 'sip:a@b',
      })
      expect(body).toContain('id&amp;x&apos;1') // escaped
      expect(readImdn(body)).toEqual({
        kind: 'notification',
        notification: {
          messageId: "id&x'1",
          kind: status === 'delivered' ? 'delivery' : 'display',
          status,
          datetime: '2026-12-05T13:03:32Z',
        },
      })
    },
  )
})
