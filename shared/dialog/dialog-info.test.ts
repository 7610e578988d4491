import { describe, expect, it } from 'vitest'
import { MAX_DIALOG_INFO_BYTES, MAX_DIALOGS, parseDialogInfo } from './dialog-info'
import type { DialogInfo } from './dialog-info'
import { LampTracker } from './lamp'
import type { LampState } from './lamp'

const NS = 'urn:ietf:params:xml:ns:dialog-info'

function info(body: string): DialogInfo {
  const result = parseDialogInfo(body)
  if (result.kind !== 'dialog-info') throw new Error(`unreadable: ${result.reason}`)
  return result.info
}

function lampAfter(...bodies: string[]): LampState {
  const lamp = new LampTracker()
  for (const body of bodies) lamp.apply(info(body))
  return lamp.state
}

// Each sample is named after what sends it. The Kamailio ones were captured from the project's
// Kamailio 5.6 (pua_dialoginfo publishing, presence_dialoginfo notifying) during the e2e in
// test/e2e/sip-server.test.ts; the Asterisk and FreeSWITCH ones are written after their
// generators (res_pjsip_dialog_info_body_generator.c, mod_sofia's sofia_presence.c), not
// captured; the RFC ones are RFC 4235 §4.2's examples.
const samples: Array<{ source: string; body: string; lamp: LampState['kind']; caller?: string }> = [
  {
    source: 'RFC 4235 §4.2, first example (an early dialog, initiator, no identities)',
    body: `<?xml version="1.0"?>
<dialog-info xmlns="${NS}" version="0" state="full" entity="sip:alice@example.com">
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" direction="initiator">
    <state>early</state>
  </dialog>
</dialog-info>`,
    lamp: 'in-call',
  },
  {
    source: 'RFC 4235 §4.2, second example (confirmed, identities and targets with params)',
    body: `<?xml version="1.0"?>
<dialog-info xmlns="${NS}" version="1" state="full" entity="sip:alice@example.com">
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774"
          remote-tag="456887766" direction="initiator">
    <state>confirmed</state>
    <duration>274</duration>
    <local>
      <identity display="Alice">sip:alice@example.com</identity>
      <target uri="sip:alice@pc33.example.com">
        <param pname="+sip.rendering" pvalue="yes"/>
      </target>
    </local>
    <remote>
      <identity display="Bob">sip:bob@example.org</identity>
      <target uri="sip:bobster@phone21.example.org"/>
    </remote>
  </dialog>
</dialog-info>`,
    lamp: 'in-call',
  },
  {
    source: 'Kamailio 5.6 pua_dialoginfo via presence_dialoginfo: callee ringing (captured)',
    body: `<?xml version="1.0"?>
<dialog-info xmlns="${NS}" version="2" state="full" entity="sip:dave@127.0.0.1">
  <dialog id="padi-6b14dab6-435b-1" call-id="fqcl71j4v9d9dbmja3mk" local-tag="3rnr0l69kr" remote-tag="ttnoiu0tc5" direction="recipient">
    <state>early</state>
    <remote>
      <identity>sip:carol@127.0.0.1</identity>
      <target uri="sip:g82jv5aq@7uoej72flo0r.invalid;transport=ws;ob"/>
    </remote>
    <local>
      <identity>sip:dave@127.0.0.1</identity>
      <target uri="sip:dgj42e8p@i8lmgrqs9mha.invalid;transport=ws"/>
    </local>
  </dialog>
</dialog-info>`,
    lamp: 'ringing',
    caller: 'sip:carol@127.0.0.1',
  },
  {
    source: 'Kamailio 5.6 presence_dialoginfo force_dummy_dialog: nothing published yet (captured)',
    body: `<?xml version="1.0"?>
<dialog-info xmlns="${NS}" version="1" state="full" entity="sip:dave@127.0.0.1">
  <dialog id="615293b33c62dec073e05d9421e9f48b" direction="recipient">	<state>terminated</state>	</dialog>
</dialog-info>`,
    lamp: 'idle',
  },
  {
    source:
      'Kamailio 5.6 pua_dialoginfo: answered; the tags are left out once confirmed (captured)',
    body: `<?xml version="1.0"?>
<dialog-info xmlns="${NS}" version="4" state="full" entity="sip:dave@127.0.0.1">
  <dialog id="padi-6b14dab6-435b-1" call-id="fqcl71j4v9d9dbmja3mk" direction="recipient">
    <state>confirmed</state>
    <remote>
      <identity>sip:carol@127.0.0.1</identity>
      <target uri="sip:g82jv5aq@7uoej72flo0r.invalid;transport=ws;ob"/>
    </remote>
    <local>
      <identity>sip:dave@127.0.0.1</identity>
      <target uri="sip:dave@127.0.0.1"/>
    </local>
  </dialog>
</dialog-info>`,
    lamp: 'in-call',
  },
  {
    source: 'an empty full document (no dialogs at all)',
    body: `<?xml version="1.0"?>
<dialog-info xmlns="${NS}" version="0" state="full" entity="sip:dave@127.0.0.1"/>`,
    lamp: 'idle',
  },
  {
    source: 'Asterisk res_pjsip_dialog_info_body_generator: extension ringing',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<dialog-info xmlns="${NS}" version="3" state="full" entity="sip:1001@pbx.example.com">
 <dialog id="1001" direction="recipient">
  <state>early</state>
  <remote>
   <identity display="Carol Danvers">sip:1003@pbx.example.com</identity>
   <target uri="sip:1003@pbx.example.com"/>
  </remote>
  <local>
   <identity display="1001">sip:1001@pbx.example.com</identity>
   <target uri="sip:1001@pbx.example.com"/>
  </local>
 </dialog>
</dialog-info>`,
    lamp: 'ringing',
    caller: 'sip:1003@pbx.example.com',
  },
  {
    source: 'Asterisk res_pjsip_dialog_info_body_generator: extension on hold',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<dialog-info xmlns="${NS}" version="4" state="full" entity="sip:1001@pbx.example.com">
 <dialog id="1001">
  <state>confirmed</state>
  <local>
   <target uri="sip:1001@pbx.example.com">
    <param pname="+sip.rendering" pvalue="no"/>
   </target>
  </local>
 </dialog>
</dialog-info>`,
    lamp: 'on-hold',
  },
  {
    source: 'Asterisk res_pjsip_dialog_info_body_generator: extension not in use',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<dialog-info xmlns="${NS}" version="5" state="full" entity="sip:1001@pbx.example.com">
 <dialog id="1001">
  <state>terminated</state>
 </dialog>
</dialog-info>`,
    lamp: 'idle',
  },
  {
    source: 'FreeSWITCH mod_sofia (sofia_presence.c): confirmed, rendering yes, prefixed namespace',
    body: `<?xml version="1.0"?>
<di:dialog-info xmlns:di="${NS}" version="12" state="partial" entity="sip:1000@10.0.0.5">
<di:dialog id="9a1b2c3d" direction="recipient">
<di:state>confirmed</di:state>
<di:local>
<di:identity display="1000">sip:1000@10.0.0.5</di:identity>
<di:target uri="sip:1000@10.0.0.5">
<di:param pname="+sip.rendering" pvalue="yes"/>
</di:target>
</di:local>
<di:remote>
<di:identity display="Bob">sip:1001@10.0.0.5</di:identity>
<di:target uri="sip:**1000@10.0.0.5"/>
</di:remote>
</di:dialog>
</di:dialog-info>`,
    lamp: 'in-call',
  },
]

describe('dialog-info reader', () => {
  it.each(samples)('$source', ({ body, lamp, caller }) => {
    const state = lampAfter(body)
    expect(state.kind).toBe(lamp)
    if (caller !== undefined && state.kind === 'ringing') expect(state.caller?.uri).toBe(caller)
  })

  it('keeps what directed pickup needs: Call-ID and both tags', () => {
    const dialog = info(samples[1]!.body).dialogs[0]!
    expect(dialog).toMatchObject({
      id: 'as7d900as8',
      callId: 'a84b4c76e66710',
      localTag: '1928301774',
      remoteTag: '456887766',
      direction: 'initiator',
      remote: { uri: 'sip:bob@example.org', name: 'Bob' },
      onHold: false,
    })
  })

  it.each([
    ['empty', ''],
    ['not XML', 'Messages-Waiting: yes'],
    ['a PIDF document', '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"/>'],
    ['no version', `<dialog-info xmlns="${NS}" state="full" entity="sip:a@b"/>`],
    ['a bad state', `<dialog-info xmlns="${NS}" version="1" state="most" entity="sip:a@b"/>`],
    [
      'a DOCTYPE',
      `<!DOCTYPE x [<!ENTITY a "b">]><dialog-info xmlns="${NS}" version="1" state="full"/>`,
    ],
    [
      'too big',
      `<dialog-info xmlns="${NS}" version="1" state="full">${' '.repeat(MAX_DIALOG_INFO_BYTES)}</dialog-info>`,
    ],
    [
      'too deep',
      `<dialog-info xmlns="${NS}" version="1" state="full">${'<a>'.repeat(100)}${'</a>'.repeat(100)}</dialog-info>`,
    ],
  ])('reads %s as unreadable, never throwing', (_name, body) => {
    expect(parseDialogInfo(body).kind).toBe('unreadable')
  })

  it('shows network text as plain text: control and bidi characters go, length is capped', () => {
    const body = `<dialog-info xmlns="${NS}" version="1" state="full" entity="sip:d@x">
      <dialog id="1" direction="recipient"><state>early</state>
        <remote><identity display="Mal&#x202E;lory&#x0A;Admin${'x'.repeat(400)}">sip:m@x</identity></remote>
      </dialog></dialog-info>`
    const name = info(body).dialogs[0]!.remote!.name
    expect(name).not.toMatch(/[\u202e\n]/)
    expect(name.length).toBeLessThanOrEqual(256)
  })

  it('ignores dialogs it cannot use and reads at most MAX_DIALOGS', () => {
    const many = Array.from(
      { length: MAX_DIALOGS + 10 },
      (_, i) => `<dialog id="d${i}"><state>confirmed</state></dialog>`,
    ).join('')
    const body = `<dialog-info xmlns="${NS}" version="1" state="full" entity="sip:d@x">
      <dialog><state>confirmed</state></dialog><dialog id="x"><state>dancing</state></dialog>${many}</dialog-info>`
    expect(info(body).dialogs).toHaveLength(MAX_DIALOGS)
  })
})

const doc = (version: number, state: 'full' | 'partial', dialogs: string) =>
  `<dialog-info xmlns="${NS}" version="${version}" state="${state}" entity="sip:dave@x">${dialogs}</dialog-info>`
const dialog = (id: string, state: string, extra = '') =>
  `<dialog id="${id}" direction="recipient"><state>${state}</state>${extra}</dialog>`

describe('busy lamp from a subscription', () => {
  it('is unknown until the first document, then follows full and partial ones', () => {
    const lamp = new LampTracker()
    expect(lamp.state.kind).toBe('unknown')
    expect(lamp.apply(info(doc(0, 'full', '')))).toBe('applied')
    expect(lamp.state.kind).toBe('idle')
    lamp.apply(info(doc(1, 'partial', dialog('a', 'early'))))
    expect(lamp.state.kind).toBe('ringing')
    lamp.apply(info(doc(2, 'partial', dialog('a', 'confirmed'))))
    expect(lamp.state.kind).toBe('in-call')
    lamp.apply(info(doc(3, 'partial', dialog('b', 'early'))))
    expect(lamp.state.kind).toBe('ringing') // a second call rings while they talk
    lamp.apply(info(doc(4, 'partial', dialog('b', 'terminated'))))
    lamp.apply(info(doc(5, 'partial', dialog('a', 'terminated'))))
    expect(lamp.state.kind).toBe('idle')
  })

  it('drops stale documents: an old "ringing" arriving late does not light the lamp', () => {
    const lamp = new LampTracker()
    lamp.apply(info(doc(7, 'full', '')))
    expect(lamp.apply(info(doc(6, 'full', dialog('a', 'early'))))).toBe('stale')
    expect(lamp.apply(info(doc(7, 'partial', dialog('a', 'early'))))).toBe('stale')
    expect(lamp.state.kind).toBe('idle')
  })

  it('says when partial versions were skipped (the caller then asks for full state)', () => {
    const lamp = new LampTracker()
    lamp.apply(info(doc(1, 'full', '')))
    expect(lamp.apply(info(doc(4, 'partial', dialog('a', 'confirmed'))))).toBe('gap')
    expect(lamp.apply(info(doc(9, 'full', '')))).toBe('applied')
  })

  it('a full document replaces everything known; a reset waits for a new subscription', () => {
    const lamp = new LampTracker()
    lamp.apply(info(doc(1, 'full', dialog('a', 'confirmed') + dialog('b', 'early'))))
    lamp.apply(info(doc(2, 'full', dialog('c', 'confirmed'))))
    expect(lamp.state.kind).toBe('in-call')
    lamp.reset()
    expect(lamp.state.kind).toBe('unknown')
    expect(lamp.apply(info(doc(0, 'full', '')))).toBe('applied')
    expect(lamp.state.kind).toBe('idle')
  })

  it('reads On hold only when every call is held', () => {
    const held =
      '<local><target uri="sip:d@x"><param pname="+sip.rendering" pvalue="no"/></target></local>'
    expect(lampAfter(doc(1, 'full', dialog('a', 'confirmed', held))).kind).toBe('on-hold')
    expect(
      lampAfter(doc(1, 'full', dialog('a', 'confirmed', held) + dialog('b', 'confirmed'))).kind,
    ).toBe('in-call')
  })
})
