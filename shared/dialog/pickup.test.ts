import { describe, expect, it } from 'vitest'
import type { Dialog } from './dialog-info'
import { planPickup } from './pickup'

const ringing = (over: Partial<Dialog> = {}): Dialog => ({
  id: 'd1',
  callId: 'fqcl71j4v9d9dbmja3mk',
  localTag: 'daves-tag',
  remoteTag: 'carols-tag',
  direction: 'recipient',
  state: 'early',
  remote: { uri: 'sip:carol@127.0.0.1', name: '' },
  onHold: false,
  ...over,
})

describe('planPickup', () => {
  it('sends an INVITE with Replaces (early-only) to the caller when the dialog is named', () => {
    expect(planPickup('sip:dave@127.0.0.1', ringing())).toEqual({
      kind: 'replaces',
      target: 'sip:carol@127.0.0.1',
      headers: ['Replaces: fqcl71j4v9d9dbmja3mk;to-tag=carols-tag;from-tag=daves-tag;early-only'],
    })
  })

  it('addresses the colleague when the caller is not named', () => {
    const plan = planPickup('sip:dave@127.0.0.1', ringing({ remote: null }))
    expect(plan).toMatchObject({ kind: 'replaces', target: 'sip:dave@127.0.0.1' })
  })

  it.each([
    ['no tags', { localTag: '' }],
    ['no Call-ID', { callId: '' }],
    ['a header smuggled into the Call-ID', { callId: 'x\r\nEvil: 1' }],
    ['a parameter smuggled into a tag', { remoteTag: 'a;early-only=0' }],
  ])('dials the pickup code with %s', (_name, over) => {
    expect(planPickup('sip:dave@127.0.0.1', ringing(over))).toEqual({
      kind: 'code',
      target: 'sip:*8dave@127.0.0.1',
    })
  })

  it('uses the account’s own code, and refuses a code that is not digits, * or #', () => {
    expect(planPickup('sip:dave@example.com', null, '**')).toEqual({
      kind: 'code',
      target: 'sip:**dave@example.com',
    })
    expect(planPickup('sip:dave@example.com', null, 'x@evil')).toBeNull()
  })
})
