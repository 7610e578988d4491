import { describe, expect, it } from 'vitest'
import { PostDial } from './post-dial'

function setup() {
  const sent: [string, string][] = []
  const timers: { run: () => void; ms: number }[] = []
  const postDial = new PostDial({
    send: (id, digits) => {
      sent.push([id, digits])
      return true
    },
    schedule: (run, ms) => timers.push({ run, ms }),
  })
  return { postDial, sent, timers }
}

describe('PostDial', () => {
  it('sends the digits once, a moment after the call connects', () => {
    const { postDial, sent, timers } = setup()
    postDial.expect('c1', '1234')
    postDial.update({ id: 'c1', phase: 'calling' })
    postDial.update({ id: 'c1', phase: 'ringing' })
    expect(timers).toEqual([])
    postDial.update({ id: 'c1', phase: 'connected' })
    postDial.update({ id: 'c1', phase: 'connected' })
    expect(timers.map((t) => t.ms)).toEqual([1000])
    expect(sent).toEqual([])
    timers[0]?.run()
    expect(sent).toEqual([['c1', '1234']])
    expect(postDial.waiting).toBe(0)
  })

  it('forgets the digits of a call that ends unanswered', () => {
    const { postDial, sent, timers } = setup()
    postDial.expect('c1', '42')
    postDial.update({ id: 'c1', phase: 'ended' })
    postDial.update({ id: 'c1', phase: 'connected' })
    expect(timers).toEqual([])
    expect(sent).toEqual([])
    expect(postDial.waiting).toBe(0)
  })

  it('leaves other calls alone, and ignores empty digits', () => {
    const { postDial, timers } = setup()
    postDial.expect('c1', '')
    postDial.expect('c2', '9')
    postDial.update({ id: 'c1', phase: 'connected' })
    postDial.update({ id: 'c3', phase: 'connected' })
    expect(timers).toEqual([])
    expect(postDial.waiting).toBe(1)
  })
})
