import { describe, expect, it } from 'vitest'
import type { LampState } from '@shared/dialog/lamp'
import { LampWatcher } from './lamps'
import { sipKit } from './sip-kit'
import type { FakeSocket, SipRequest } from './testing/fake-sip-server'
import { advance, notifyFor, useSubscriptionServer } from './testing/subscription-server'

const NS = 'urn:ietf:params:xml:ns:dialog-info'

const rig = useSubscriptionServer('ok')

const notify = (subscribe: SipRequest, cseq: number, body: string): string =>
  notifyFor(subscribe, cseq, body, {
    event: 'dialog',
    contentType: 'application/dialog-info+xml',
  })

const doc = (version: number, dialogs: string): string =>
  `<?xml version="1.0"?><dialog-info xmlns="${NS}" version="${version}" state="full" entity="sip:dave@example.com">${dialogs}</dialog-info>`
const RINGING = `<dialog id="d1" call-id="c1" local-tag="dt" remote-tag="ct" direction="recipient"><state>early</state><remote><identity display="Carol">sip:carol@example.com</identity></remote></dialog>`

async function watching(): Promise<{
  states: LampState[]
  subscribe: SipRequest
  socket: FakeSocket
}> {
  const watcher = new LampWatcher({ sip: sipKit, log: () => {} })
  const states: LampState[] = []
  watcher.on('lamp', ({ state }) => states.push(state))
  watcher.setWatched(['sip:dave@example.com'])
  await rig.start([watcher.extension])
  const subscribe = rig.waiting.at(-1)
  if (!subscribe) throw new Error('no SUBSCRIBE')
  return { states, subscribe: subscribe.request, socket: subscribe.socket }
}

describe('LampWatcher', () => {
  it('subscribes to the dialog event package with an explicit Accept', async () => {
    const { subscribe } = await watching()
    expect(subscribe.header('event')).toBe('dialog')
    expect(subscribe.header('accept')).toBe('application/dialog-info+xml')
    expect(subscribe.raw.split(' ')[1]).toBe('sip:dave@example.com')
  })

  it('reads Idle, then Ringing with the caller; a stale version changes nothing', async () => {
    const { states, subscribe, socket } = await watching()
    socket.push(notify(subscribe, 1, doc(0, '')))
    await advance(10)
    expect(states.at(-1)).toEqual({ kind: 'idle' })
    socket.push(notify(subscribe, 2, doc(1, RINGING)))
    await advance(10)
    expect(states.at(-1)).toMatchObject({
      kind: 'ringing',
      caller: { uri: 'sip:carol@example.com', name: 'Carol' },
    })
    const seen = states.length
    socket.push(notify(subscribe, 3, doc(1, '')))
    await advance(10)
    expect(states).toHaveLength(seen)
  })

  it('is Unknown again when the server ends the subscription', async () => {
    const { states, subscribe, socket } = await watching()
    socket.push(notify(subscribe, 1, doc(0, '')))
    await advance(10)
    socket.push(
      notifyFor(subscribe, 2, doc(1, ''), {
        event: 'dialog',
        contentType: 'application/dialog-info+xml',
        state: 'terminated;reason=timeout',
      }),
    )
    await advance(10)
    expect(states.at(-1)).toEqual({ kind: 'unknown' })
  })
})
