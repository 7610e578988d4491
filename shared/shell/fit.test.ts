import { describe, expect, it } from 'vitest'
import { fitAttentionEvent } from './fit'
import { attentionEventSchema } from './state'
import type { AttentionEvent } from './types'

// Issue 10 row 9: a display name main's schema refused meant no notification at all.
describe('fitAttentionEvent', () => {
  const long = 'B'.repeat(300)
  it.each<[string, AttentionEvent]>([
    [
      'a TAB in the caller name',
      { kind: 'incoming-call', callId: 'c1', from: { name: 'Bob\tSmith', address: 'sip:bob@x' } },
    ],
    [
      'a 300-character caller name',
      { kind: 'missed-call', callId: 'c1', from: { name: long, address: 'sip:bob@x' } },
    ],
    [
      'RLO in a sender name',
      {
        kind: 'message',
        threadId: 'sip:b@x',
        from: { name: '\u202eboB', address: 'sip:b@x' },
        text: 'hi',
      },
    ],
    [
      'a 20 000-character message',
      {
        kind: 'message',
        threadId: 'sip:b@x',
        from: { name: 'B', address: 'sip:b@x' },
        text: 'x'.repeat(20_000),
      },
    ],
    [
      'a CR LF in the address',
      { kind: 'incoming-call', callId: 'c1', from: { name: '', address: 'sip:b@x\r\nVia: 1' } },
    ],
  ])("%s passes main's schema after fitting", (_name, event) => {
    expect(attentionEventSchema.safeParse(fitAttentionEvent(event)).success).toBe(true)
  })

  it('keeps what it can show', () => {
    const fitted = fitAttentionEvent({
      kind: 'incoming-call',
      callId: 'c1',
      from: { name: 'Bob\tSmith\u200b', address: 'sip:bob@x' },
    })
    expect(fitted.from).toEqual({ name: 'Bob Smith', address: 'sip:bob@x' })
    const message = fitAttentionEvent({
      kind: 'message',
      threadId: 't',
      from: { name: 'B', address: 'a' },
      text: 'a\r\nb',
    })
    expect(message.kind === 'message' && message.text).toBe('a\nb')
  })
})
