// Desktop-wide shortcuts (Electron globalShortcut, off by default): which call a key acts on,
// decided from the shell state the renderer last sent. Pure; main's glue registers the keys.
import type { ShellAction, ShellState } from './types'

export type GlobalShortcutName = 'answer' | 'hangUp'

/** Answer: the ringing call. Hang up: the call in progress, else decline the ringing one. */
export function globalShortcutAction(name: GlobalShortcutName, state: ShellState): ShellAction | null {
  if (name === 'answer') {
    return state.ringing ? { kind: 'answer', callId: state.ringing.callId } : null
  }
  if (state.call) return { kind: 'hangup', callId: state.call.id }
  return state.ringing ? { kind: 'decline', callId: state.ringing.callId } : null
}
