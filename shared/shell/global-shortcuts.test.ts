import { describe, expect, it } from 'vitest'
import { globalShortcutAction } from './global-shortcuts'
import { initialShellState } from './types'
import type { ShellState } from './types'

const bob = { name: 'Bob', address: 'sip:bob@example.com' }
const state = (patch: Partial<ShellState>): ShellState => ({ ...initialShellState(), ...patch })
const ringing = { ...bob, callId: 'in-1' }
const call = { id: 'call-1', state: 'connected' as const, peer: bob }

describe('globalShortcutAction', () => {
  it.each([
    ['answer', state({ ringing }), { kind: 'answer', callId: 'in-1' }],
    ['answer', state({ call }), null],
    ['answer', state({}), null],
    ['hangUp', state({ call, ringing }), { kind: 'hangup', callId: 'call-1' }],
    ['hangUp', state({ ringing }), { kind: 'decline', callId: 'in-1' }],
    ['hangUp', state({}), null],
  ] as const)('%s with %j → %j', (name, current, action) => {
    expect(globalShortcutAction(name, current)).toEqual(action)
  })
})
