// One CallSnapshot for tests: an outgoing call to Bob that is just being placed; each test
// patches the fields it is about.
import type { CallSnapshot } from '../call-types'

export function callSnapshot(patch: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    id: 'c1',
    direction: 'outgoing',
    peer: { uri: 'sip:bob@example.com', name: 'Bob' },
    video: false,
    phase: 'calling',
    held: false,
    remoteHeld: false,
    muted: false,
    cameraOff: false,
    sharing: false,
    earlyMedia: false,
    reconnecting: false,
    receivedTones: '',
    startedAt: 0,
    connectedAt: null,
    endedAt: null,
    end: null,
    transfer: null,
    ...patch,
  }
}
