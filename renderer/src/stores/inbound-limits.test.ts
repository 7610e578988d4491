import { describe, expect, it } from 'vitest'
import {
  MAX_UNREAD_FROM_STRANGER,
  NOTIFY_GLOBAL_MAX,
  NotificationBudget,
  StrangerCap,
} from './inbound-limits'

describe('notification budget', () => {
  it('a rotating From gets a few notifications, not one per message', () => {
    let now = 0
    const budget = new NotificationBudget(() => now)
    const shown = Array.from({ length: 50 }, (_, i) => {
      now += 10
      return budget.take(`sip:spam${i}@evil.example`)
    }).filter(Boolean).length
    expect(shown).toBe(NOTIFY_GLOBAL_MAX)
    now += 10_000
    expect(budget.take('sip:bob@127.0.0.1')).toBe(true)
  })

  it('one peer: one notification every few seconds', () => {
    let now = 0
    const budget = new NotificationBudget(() => now)
    expect(budget.take('sip:bob@127.0.0.1')).toBe(true)
    now = 1000
    expect(budget.take('sip:bob@127.0.0.1')).toBe(false)
    now = 3000
    expect(budget.take('sip:bob@127.0.0.1')).toBe(true)
  })
})

describe('unread messages kept from strangers', () => {
  it('caps a stranger until the conversation is read; never a contact', () => {
    const cap = new StrangerCap()
    const peer = 'sip:mallory@evil.example'
    for (let i = 0; i < MAX_UNREAD_FROM_STRANGER; i++) {
      expect(cap.admit(peer, false, 0)).toBe(true)
      cap.stored(peer, 0)
    }
    expect(cap.admit(peer, false, 0)).toBe(false)
    expect(cap.admit(peer, true, 0)).toBe(true)
    cap.read(peer)
    expect(cap.admit(peer, false, 0)).toBe(true)
    // The conversation list knows of unread ones from before (a reload): they count too.
    expect(cap.admit('sip:eve@evil.example', false, MAX_UNREAD_FROM_STRANGER)).toBe(false)
  })
})
