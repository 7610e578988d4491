import { describe, expect, it } from 'vitest'
import { buildPidf, MAX_PIDF_BYTES, parsePidf } from './pidf'
import type { ContactStatus } from './pidf'

// Documents as real servers send them. Written from the RFCs' examples and the servers' sources
// and documentation (named beside each); whitespace and ids as those generators emit them.
const samples: Array<{ source: string; body: string; status: ContactStatus; note: string }> = [
  {
    source: 'RFC 3863 §6 example (basic open, tuple note)',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:im="urn:ietf:params:xml:ns:pidf:im"
          xmlns:myex="http://id.example.com/presence/" entity="pres:someone@example.com">
  <tuple id="bs35r9">
    <status><basic>open</basic><im:im>busy</im:im><myex:location>home</myex:location></status>
    <contact priority="0.8">im:someone@mobilecarrier.net</contact>
    <note xml:lang="en">Don't Disturb Please!</note>
    <note xml:lang="fr">Ne derangez pas, s'il vous plait</note>
    <timestamp>2001-10-27T16:49:29Z</timestamp>
  </tuple>
  <note>Far away</note>
</presence>`,
    // Open with no RPID activity: available; the presence-level note is the one shown.
    status: 'available',
    note: 'Far away',
  },
  {
    source: 'RFC 4480 §3 example (rpid activities on a dm:person, prefixed pidf)',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
    xmlns:r="urn:ietf:params:xml:ns:pidf:rpid" entity="pres:someone@example.com">
  <p:tuple id="bs35r9"><p:status><p:basic>open</p:basic></p:status>
    <r:relationship><r:assistant/></r:relationship>
  </p:tuple>
  <dm:person id="pdd">
    <r:activities from="2005-05-30T12:00:00+05:00" until="2005-05-30T17:00:00+05:00">
      <r:note>Far away</r:note><r:away/>
    </r:activities>
    <r:mood><r:sleepy/></r:mood>
  </dm:person>
</p:presence>`,
    status: 'away',
    note: '',
  },
  {
    source:
      'Kamailio presence_xml: publisher document passed through (force_presence_single_body), SIP.js/Jitsi style',
    body: `<?xml version="1.0" encoding="UTF-8" standalone="no"?><presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:alice@127.0.0.1"><dm:person id="p3"><rpid:activities><rpid:meeting/></rpid:activities><dm:note>in a meeting</dm:note></dm:person><tuple id="t1"><status><basic>open</basic></status><contact>sip:alice@127.0.0.1</contact></tuple></presence>`,
    status: 'busy',
    note: 'in a meeting',
  },
  {
    source: 'Kamailio presence_xml pres_offline_status / expired publication (closed tuple)',
    body: `<?xml version="1.0"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@127.0.0.1">
  <tuple id="0x7f2a8c0d4b18"><status><basic>closed</basic></status></tuple>
</presence>`,
    status: 'offline',
    note: '',
  },
  {
    source: 'Kamailio presence_xml aggregated body of two publications (pres_agg_nbody)',
    body: `<?xml version="1.0"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:c="urn:ietf:params:xml:ns:pidf:cipid" entity="sip:bob@127.0.0.1">
  <tuple id="desk"><status><basic>closed</basic></status></tuple>
  <tuple id="mobile"><status><basic>open</basic></status></tuple>
  <dm:person id="a"><rpid:activities><rpid:vacation/></rpid:activities></dm:person>
  <dm:person id="b"><rpid:activities><rpid:on-the-phone/></rpid:activities></dm:person>
</presence>`,
    status: 'on-the-phone',
    note: '',
  },
  {
    source: 'Asterisk res_pjsip_pidf_body_generator + presence_xml.c, extension INUSE',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<presence entity="sip:1000@pbx.example.com" xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid">
 <note>On the phone</note>
 <tuple id="1000">
  <status>
   <basic>open</basic>
  </status>
  <contact priority="1">sip:1000@pbx.example.com</contact>
 </tuple>
 <dm:person>
  <rpid:activities>
   <rpid:on-the-phone />
  </rpid:activities>
 </dm:person>
</presence>`,
    status: 'on-the-phone',
    note: 'On the phone',
  },
  {
    source: 'Asterisk presence_xml.c, extension NOT_INUSE ("Ready", no activity)',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<presence entity="sip:1000@pbx.example.com" xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid">
 <note>Ready</note>
 <tuple id="1000"><status><basic>open</basic></status><contact priority="1">sip:1000@pbx.example.com</contact></tuple>
 <dm:person />
</presence>`,
    status: 'available',
    note: 'Ready',
  },
  {
    source: 'Asterisk presence_xml.c, extension UNAVAILABLE (closed, "Unavailable")',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<presence entity="sip:1000@pbx.example.com" xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid">
 <note>Unavailable</note>
 <tuple id="1000"><status><basic>closed</basic></status></tuple>
 <dm:person />
</presence>`,
    status: 'offline',
    note: 'Unavailable',
  },
  {
    source: 'FreeSWITCH mod_sofia sofia_presence.c (single quotes, ISO-8859-1 declaration)',
    body: `<?xml version="1.0" encoding="ISO-8859-1"?>
<presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:dm='urn:ietf:params:xml:ns:pidf:data-model' xmlns:rpid='urn:ietf:params:xml:ns:pidf:rpid' xmlns:c='urn:ietf:params:xml:ns:pidf:cipid' entity='sip:1001@10.0.0.5'>
<tuple id='t6a5ed77e'>
<status>
<basic>open</basic>
</status>
</tuple>
<dm:person id='p06360c4a'>
<rpid:activities>
<rpid:on-the-phone/>
</rpid:activities>
<dm:note>On The Phone</dm:note>
</dm:person>
</presence>`,
    status: 'on-the-phone',
    note: 'On The Phone',
  },
  {
    source: 'FreeSWITCH sofia_presence.c, user set "Away" (rpid:away + note)',
    body: `<?xml version="1.0" encoding="ISO-8859-1"?>
<presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:dm='urn:ietf:params:xml:ns:pidf:data-model' xmlns:rpid='urn:ietf:params:xml:ns:pidf:rpid' xmlns:c='urn:ietf:params:xml:ns:pidf:cipid' entity='sip:1001@10.0.0.5'>
<tuple id='t6a5ed77e'><status><basic>open</basic></status></tuple>
<dm:person id='p06360c4a'><rpid:activities><rpid:away/></rpid:activities><dm:note>Away</dm:note></dm:person>
</presence>`,
    status: 'away',
    note: 'Away',
  },
  {
    source: 'Pre-RFC RPID draft inside <status> (Eyebeam/X-Lite style, rpid-status namespace)',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:es="urn:ietf:params:xml:ns:pidf:status:rpid-status" entity="sip:carol@example.com">
<tuple id="sg89ae"><status><basic>open</basic><es:activities><es:activity>busy</es:activity></es:activities></status></tuple>
</presence>`,
    status: 'busy',
    note: '',
  },
  {
    source: 'RFC 4480 rpid:other "Do not disturb" (what Switchboard publishes for DND)',
    body: buildPidf({ entity: 'sip:a@b', status: 'dnd', note: '', id: 'x' }),
    status: 'dnd',
    note: '',
  },
  {
    source: 'RFC 4480 user-input idle (no activity)',
    body: `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:a@b"><tuple id="t"><status><basic>open</basic></status><rpid:user-input>idle</rpid:user-input></tuple></presence>`,
    status: 'away',
    note: '',
  },
  {
    source: 'CDATA note and character references',
    body: `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"><tuple id="t"><status><basic>open</basic></status></tuple><note><![CDATA[back <soon>]]> &amp; &#x263A;</note></presence>`,
    status: 'available',
    note: 'back <soon> & \u263a',
  },
]

describe('parsePidf: real server documents', () => {
  it.each(samples)('$source', ({ body, status, note }) => {
    expect(parsePidf(body)).toEqual({ kind: 'presence', presence: { status, note } })
  })

  it('an empty body (nothing published, or the publication expired) is offline', () => {
    expect(parsePidf('')).toEqual({ kind: 'presence', presence: { status: 'offline', note: '' } })
    expect(parsePidf(undefined)).toEqual({
      kind: 'presence',
      presence: { status: 'offline', note: '' },
    })
  })
})

const unknown = { kind: 'presence', presence: { status: 'unknown', note: '' } }

describe('parsePidf: hostile and broken documents', () => {
  it.each([
    ['unclosed element', '<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple>'],
    ['mismatched end tag', '<presence xmlns="urn:ietf:params:xml:ns:pidf"></tuple>'],
    ['not XML at all', 'open sesame'],
    ['JSON', '{"status":"open"}'],
    ['undeclared prefix', '<p:presence><p:tuple/></p:presence>'],
    ['two roots', '<presence xmlns="urn:ietf:params:xml:ns:pidf"/><presence/>'],
    ['duplicate attribute', '<presence xmlns="urn:ietf:params:xml:ns:pidf" a="1" a="2"/>'],
    [
      'unknown entity',
      '<presence xmlns="urn:ietf:params:xml:ns:pidf"><note>&nbsp;</note></presence>',
    ],
    [
      'bad character reference',
      '<presence xmlns="urn:ietf:params:xml:ns:pidf"><note>&#0;</note></presence>',
    ],
    ['wrong root namespace', '<presence xmlns="urn:example:other"><tuple/></presence>'],
    [
      'deep nesting',
      `<presence xmlns="urn:ietf:params:xml:ns:pidf">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</presence>`,
    ],
    [
      'billion laughs (entity expansion)',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<presence xmlns="urn:ietf:params:xml:ns:pidf"><note>&lol2;</note></presence>`,
    ],
    [
      'external entity (XXE)',
      `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><presence xmlns="urn:ietf:params:xml:ns:pidf"><note>&xxe;</note></presence>`,
    ],
  ])('%s gives Unknown, never a crash', (_name, body) => {
    expect(parsePidf(body)).toEqual(unknown)
  })

  it('a 10 MB body is ignored without being parsed', () => {
    const big = `<presence xmlns="urn:ietf:params:xml:ns:pidf"><note>${'x'.repeat(10 * 1024 * 1024)}</note></presence>`
    const started = performance.now()
    expect(parsePidf(big)).toEqual({ kind: 'ignored', reason: `body over ${MAX_PIDF_BYTES} bytes` })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('a note with control characters and great length is cleaned and cut', () => {
    const body = `<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple id="t"><status><basic>open</basic></status></tuple><note>a\u0007b&#10;c ${'y'.repeat(500)}</note></presence>`
    const result = parsePidf(body)
    expect(result.kind === 'presence' && result.presence.note.startsWith('a b c y')).toBe(true)
    expect(result.kind === 'presence' && result.presence.note.length).toBe(200)
  })
})

describe('buildPidf', () => {
  it.each([
    ['available', 'open', 'available'],
    ['away', 'open', 'away'],
    ['busy', 'open', 'busy'],
    ['dnd', 'open', 'dnd'],
    ['on-the-phone', 'open', 'on-the-phone'],
    ['invisible', 'closed', 'offline'],
  ] as const)('%s publishes basic %s and reads back as %s', (status, basic, readAs) => {
    const body = buildPidf({ entity: 'sip:alice@example.com', status, note: 'lunch', id: 'abc' })
    expect(body).toContain(`<basic>${basic}</basic>`)
    const result = parsePidf(body)
    expect(result).toEqual({
      kind: 'presence',
      presence: { status: readAs, note: status === 'invisible' ? '' : 'lunch' },
    })
  })

  it('escapes the note and entity', () => {
    const body = buildPidf({ entity: 'sip:a"b@c', status: 'away', note: '<b>&"</b>', id: 'i' })
    expect(body).not.toContain('<b>')
    expect(parsePidf(body)).toEqual({
      kind: 'presence',
      presence: { status: 'away', note: '<b>&"</b>' },
    })
  })
})
