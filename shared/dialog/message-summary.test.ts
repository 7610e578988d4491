import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_SUMMARY_BYTES, newMessages, parseMessageSummary } from './message-summary'

// Named after what sends each: RFC 3842 §5.2's example, Asterisk res_pjsip_mwi_body_generator
// (always "(0/0)" urgent counts), FreeSWITCH mod_voicemail, Kamailio presence_mwi passing a
// publisher's body through unchanged.
describe('message-summary reader', () => {
  it.each([
    [
      'RFC 3842 §5.2 example, with message headers after the summary',
      'Messages-Waiting: yes\r\nMessage-Account: sip:alice@vmail.example.com\r\nVoice-Message: 4/8 (1/2)\r\n\r\nTo: <alice@atlanta.example.com>\r\nVoice-Message: 9/9\r\n',
      {
        waiting: true,
        account: 'sip:alice@vmail.example.com',
        voice: { new: 4, old: 8, urgentNew: 1, urgentOld: 2 },
      },
      4,
    ],
    [
      'Asterisk res_pjsip_mwi_body_generator',
      'Messages-Waiting: yes\r\nMessage-Account: sip:*97@pbx.example.com\r\nVoice-Message: 3/1 (0/0)\r\n',
      { waiting: true, voice: { new: 3, old: 1 } },
      3,
    ],
    [
      'FreeSWITCH mod_voicemail, box emptied',
      'Messages-Waiting: no\r\nMessage-Account: sip:1000@10.0.0.5\r\nVoice-Message: 0/5 (0/0)\r\n',
      { waiting: false, voice: { new: 0, old: 5 } },
      0,
    ],
    [
      'Kamailio presence_mwi relaying a minimal publisher (lamp only, no counts)',
      'Messages-Waiting: yes\n',
      { waiting: true, account: '', voice: null },
      1,
    ],
  ])('%s', (_source, body, expected, badge) => {
    const summary = parseMessageSummary(body)
    expect(summary).toMatchObject(expected)
    expect(newMessages(summary)).toBe(badge)
  })

  it.each([
    ['empty', ''],
    ['no Messages-Waiting line', 'Voice-Message: 3/1\r\n'],
    ['a garbled answer', 'Messages-Waiting: perhaps\r\n'],
    ['too big', `Messages-Waiting: yes\r\n${'x'.repeat(MAX_MESSAGE_SUMMARY_BYTES)}`],
    ['XML', '<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"/>'],
  ])('gives nothing for %s', (_name, body) => {
    expect(parseMessageSummary(body)).toBeNull()
    expect(newMessages(parseMessageSummary(body))).toBe(0)
  })

  it('ignores counts it cannot read and cleans the account text', () => {
    const summary = parseMessageSummary(
      'Messages-Waiting: yes\r\nMessage-Account: sip:vm@x\u202e\u0007\r\nVoice-Message: 99999999/1\r\n',
    )
    expect(summary).toEqual({ waiting: true, account: 'sip:vm@x', voice: null })
  })
})
