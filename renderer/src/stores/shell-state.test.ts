import { describe, expect, it } from 'vitest'
import type { StoredCall } from '@/db/call-schema'
import type { CallSnapshot } from '@/sip/call-types'
import { shellStateSchema } from '@shared/shell/state'
import { MAX_RECENT, toShellState } from './shell-state'
import type { ShellInputs } from './shell-state'
import { callSnapshot } from '@/sip/testing/call-snapshot'

const call = (patch: Partial<CallSnapshot> = {}): CallSnapshot =>
  callSnapshot({ ...{ phase: 'connected', connectedAt: 1 }, ...patch })

function stored(peer: string, peerName = ''): StoredCall {
  return {
    callId: peer,
    accountId: 'a1',
    direction: 'outgoing',
    peer,
    peerName,
    video: false,
    startedAt: 0,
    durationMs: 0,
    outcome: 'answered',
    reason: 'hangup',
    seen: true,
  }
}

const base: ShellInputs = {
  status: 'available',
  connection: 'registered',
  calls: [],
  focused: null,
  history: [],
  missedCalls: 0,
  unreadMessages: 0,
  openThread: null,
}

describe('toShellState', () => {
  it("carries each account's name and state, fitted for main's schema", () => {
    const state = toShellState({
      ...base,
      accounts: [
        { name: 'Alice', connection: 'registered' },
        { name: 'Dave\u202e', connection: 'failed' },
        { name: '', connection: 'offline' },
      ],
    })
    expect(state.accounts.map((a) => a.connection)).toEqual(['registered', 'failed'])
    expect(shellStateSchema.safeParse(state).success).toBe(true)
  })

  it('reports an idle, registered app', () => {
    expect(toShellState(base)).toEqual({
      status: 'available',
      connection: 'registered',
      accounts: [],
      ringing: null,
      call: null,
      unreadMessages: 0,
      missedCalls: 0,
      recent: [],
      openThread: null,
    })
  })

  it('shows the ringing call and the call in progress', () => {
    const ringing = call({ id: 'in1', direction: 'incoming', phase: 'incoming', connectedAt: null })
    const talking = call({ id: 'out1' })
    const state = toShellState({ ...base, calls: [talking, ringing], focused: talking })
    expect(state.ringing).toEqual({ callId: 'in1', name: 'Bob', address: 'sip:bob@example.com' })
    expect(state.call).toEqual({
      id: 'out1',
      state: 'connected',
      peer: { name: 'Bob', address: 'sip:bob@example.com' },
    })
  })

  it.each([
    [{ phase: 'calling' }, 'calling'],
    [{ phase: 'ringing' }, 'ringing'],
    [{ phase: 'connecting' }, 'connected'],
    [{ phase: 'connected', held: true }, 'held'],
  ] as const)('maps %o to %s', (patch, expected) => {
    expect(toShellState({ ...base, focused: call(patch) }).call?.state).toBe(expected)
  })

  it('leaves an ended call out', () => {
    expect(toShellState({ ...base, focused: call({ phase: 'ended' }) }).call).toBeNull()
  })

  it('offers distinct recent peers, newest first, at most a few', () => {
    const history = ['a', 'b', 'a', 'c', 'd', 'e', 'f', 'g'].map((u) => stored(`sip:${u}@x`))
    const recent = toShellState({ ...base, history }).recent
    expect(recent.map((p) => p.address)).toEqual([
      'sip:a@x',
      'sip:b@x',
      'sip:c@x',
      'sip:d@x',
      'sip:e@x',
    ])
    expect(recent).toHaveLength(MAX_RECENT)
  })

  it('makes hostile network text fit what main accepts', () => {
    const evil = call({
      direction: 'incoming',
      phase: 'incoming',
      peer: { uri: 'sip:eve@x', name: `Eve\r\nInjected\u0007${'x'.repeat(500)}` },
    })
    const state = toShellState({
      ...base,
      calls: [evil],
      history: [stored('sip:eve@x', 'Eve\nAgain')],
      unreadMessages: 3,
      missedCalls: 2,
      openThread: 'sip:bob@example.com',
    })
    expect(state.ringing?.name.startsWith('Eve Injected x')).toBe(true)
    expect(shellStateSchema.safeParse(state).success).toBe(true)
  })
})

describe('toShellState: voicemail and busy lamps', () => {
  it('passes them on, fitted, in a state main accepts; none when there are none', () => {
    const state = toShellState({
      ...base,
      voicemail: 3,
      lamps: {
        title: 'Lamps',
        items: [
          { label: 'Dave: Ringing: Ca\u0000rol\u202e', address: 'sip:dave@example.com', pickUp: 'Pick up: Dave' },
          { label: '', address: 'sip:nobody@example.com', pickUp: null },
        ],
      },
    })
    expect(state.voicemail).toBe(3)
    expect(state.lamps?.items).toHaveLength(1)
    expect(shellStateSchema.safeParse(state).success).toBe(true)
    const quiet = toShellState({ ...base, voicemail: 0, lamps: null })
    expect('voicemail' in quiet || 'lamps' in quiet).toBe(false)
  })
})
