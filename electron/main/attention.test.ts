import { describe, expect, it } from 'vitest'
import { createAttention } from './attention'
import type { NativeNotification } from './attention'
import type { Logger } from './log'

const quietLog: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => quietLog,
}

function setup() {
  const shown: { title: string; body: string }[] = []
  const clicks: (() => void)[] = []
  const events: string[] = []
  const badges: number[] = []
  const attention = createAttention({
    createNotification: (o) => {
      const n: NativeNotification = {
        on: (_e, listener) => clicks.push(listener),
        show: () => shown.push({ title: o.title, body: o.body }),
      }
      return n
    },
    setBadgeCount: (count) => (badges.push(count), true),
    focusWindow: () => events.push('focus'),
    clicked: (tag) => events.push(`clicked ${tag}`),
    log: quietLog,
  })
  return { attention, shown, clicks, events, badges }
}

describe('attention', () => {
  it('shows a notification; a click focuses the window, then tells the renderer its tag', () => {
    const t = setup()
    t.attention.notify({ title: 'Bob', body: 'hi', tag: 'chat:sip:bob@x' })
    expect(t.shown).toEqual([{ title: 'Bob', body: 'hi' }])
    t.clicks[0]!()
    expect(t.events).toEqual(['focus', 'clicked chat:sip:bob@x'])
  })

  it('sets the badge count', () => {
    const t = setup()
    t.attention.setUnreadCount(4)
    expect(t.badges).toEqual([4])
  })
})
