import { describe, expect, it } from 'vitest'
import { cleanBody, decideNotification } from './notification-policy'
import type { NotificationContext } from './notification-policy'
import type { AttentionEvent } from './types'

const bob = { name: 'Bob', address: 'sip:bob@example.com' }
const ringing: AttentionEvent = { kind: 'incoming-call', callId: 'c1', from: bob }
const missed: AttentionEvent = { kind: 'missed-call', callId: 'c2', from: bob }
const message: AttentionEvent = {
  kind: 'message',
  threadId: 'sip:bob@example.com',
  from: bob,
  text: 'Lunch?',
}

function context(patch: Partial<NotificationContext> = {}): NotificationContext {
  return {
    status: 'available',
    windowFocused: false,
    openThread: null,
    actionsSupported: true,
    bodyIsMarkup: false,
    ...patch,
  }
}

describe('notification policy', () => {
  it.each<[string, AttentionEvent, Partial<NotificationContext>, string | null]>([
    ['incoming call in the background', ringing, {}, 'Incoming call'],
    ['incoming call while the window shows it', ringing, { windowFocused: true }, null],
    ['incoming call in Do not disturb', ringing, { status: 'dnd' }, null],
    ['incoming call while busy still notifies', ringing, { status: 'busy' }, 'Incoming call'],
    ['missed call', missed, {}, 'Missed call'],
    ['missed call while focused', missed, { windowFocused: true }, 'Missed call'],
    ['missed call in Do not disturb', missed, { status: 'dnd' }, null],
    ['message in the background', message, {}, 'Bob'],
    [
      'message while that thread is open and focused',
      message,
      { windowFocused: true, openThread: 'sip:bob@example.com' },
      null,
    ],
    [
      'message while another thread is open',
      message,
      { windowFocused: true, openThread: 'sip:carol@example.com' },
      'Bob',
    ],
    [
      'message while that thread is open but the window is hidden',
      message,
      { openThread: 'sip:bob@example.com' },
      'Bob',
    ],
    ['message in Do not disturb', message, { status: 'dnd' }, null],
  ])('%s', (_name, event, patch, title) => {
    expect(decideNotification(event, context(patch))?.title ?? null).toBe(title)
  })

  it('gives an incoming call Answer and Decline where the OS has buttons, and a click that shows it', () => {
    const spec = decideNotification(ringing, context())
    expect(spec).toEqual({
      tag: 'call:c1',
      title: 'Incoming call',
      body: 'Bob (sip:bob@example.com)',
      actions: [
        { label: 'Answer', action: { kind: 'answer', callId: 'c1' } },
        { label: 'Decline', action: { kind: 'decline', callId: 'c1' } },
      ],
      click: { kind: 'show-call', callId: 'c1' },
      urgency: 'critical',
    })
    expect(decideNotification(ringing, context({ actionsSupported: false }))?.actions).toEqual([])
  })

  it('opens the thread on a message click', () => {
    expect(decideNotification(message, context())).toMatchObject({
      tag: 'thread:sip:bob@example.com',
      body: 'Lunch?',
      click: { kind: 'open-thread', threadId: 'sip:bob@example.com' },
    })
  })

  it('shows network text as one clean line, escaped where the daemon reads markup', () => {
    expect(cleanBody('a\r\nb\u202Ec', false)).toBe('a bc')
    expect(cleanBody('<b>hi</b> & bye', true)).toBe('&lt;b&gt;hi&lt;/b&gt; &amp; bye')
    expect(cleanBody('x'.repeat(500), false)).toHaveLength(200)
  })
})
