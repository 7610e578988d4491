import { describe, expect, it } from 'vitest'
import { attentionEventSchema, shellStateSchema } from './state'
import { initialShellState } from './types'

describe('shell state schema', () => {
  it('accepts the initial state and a busy one', () => {
    expect(shellStateSchema.safeParse(initialShellState()).success).toBe(true)
    const busy = {
      ...initialShellState(),
      connection: 'registered',
      ringing: { callId: 'c2', name: 'Carol', address: 'sip:carol@example.com' },
      call: { id: 'c1', state: 'connected', peer: { name: 'Bob', address: 'sip:bob@example.com' } },
      unreadMessages: 3,
      recent: [{ name: '', address: '+12015550123' }],
      openThread: 'sip:bob@example.com',
    }
    expect(shellStateSchema.safeParse(busy).success).toBe(true)
  })

  it.each([
    ['an unknown status', { status: 'sleeping' }],
    ['a negative count', { unreadMessages: -1 }],
    ['a fractional count', { missedCalls: 1.5 }],
    ['a name with a line break', { recent: [{ name: 'a\nb', address: 'sip:a@b.c' }] }],
    [
      'too many recent calls',
      { recent: Array.from({ length: 21 }, () => ({ name: '', address: '1' })) },
    ],
    ['an extra field', { password: 'x' }],
  ])('refuses %s', (_name, patch) => {
    expect(shellStateSchema.safeParse({ ...initialShellState(), ...patch }).success).toBe(false)
  })

  it('parses attention events by kind', () => {
    const from = { name: 'Bob', address: 'sip:bob@example.com' }
    expect(
      attentionEventSchema.safeParse({ kind: 'message', threadId: 't', from, text: 'hi\nthere' })
        .success,
    ).toBe(true)
    expect(
      attentionEventSchema.safeParse({ kind: 'incoming-call', callId: 'c', from }).success,
    ).toBe(true)
    expect(
      attentionEventSchema.safeParse({ kind: 'incoming-call', callId: '', from }).success,
    ).toBe(false)
    expect(attentionEventSchema.safeParse({ kind: 'fax', callId: 'c', from }).success).toBe(false)
  })
})
