import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { platformKey } from '@/composables/usePlatform'
import type { Platform } from '@/platform/types'
import type { AttentionEvent } from '@shared/shell/types'
import { useAttentionStore } from './attention'
import { NOTIFY_GLOBAL_MAX, NOTIFY_PEER_EVERY_MS } from './inbound-limits'

const from = { name: 'Bob', address: 'sip:bob@example.com' }
const message = (threadId: string): AttentionEvent => ({
  kind: 'message',
  threadId,
  from: { ...from, address: threadId },
  text: 'hi',
})

let sent: AttentionEvent[]
let notify: (event: AttentionEvent) => Promise<void>

function setup() {
  const app = createApp({})
  app.provide(platformKey, { shell: { notify: (e: AttentionEvent) => notify(e) } } as Platform)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return app.runWithContext(() => useAttentionStore())
}

beforeEach(() => {
  vi.useFakeTimers()
  sent = []
  notify = async (event) => void sent.push(event)
})
afterEach(() => vi.useRealTimers())

describe('attention store: the one way to a notification', () => {
  it('passes calls on every time and rations a burst of messages per thread', () => {
    const attention = setup()
    expect(attention.notify(message('sip:bob@x'))).toBe(true)
    expect(attention.notify(message('sip:bob@x'))).toBe(false)
    expect(attention.notify({ kind: 'incoming-call', callId: 'c1', from })).toBe(true)
    expect(attention.notify({ kind: 'missed-call', callId: 'c1', from })).toBe(true)
    vi.advanceTimersByTime(NOTIFY_PEER_EVERY_MS)
    expect(attention.notify(message('sip:bob@x'))).toBe(true)
    expect(sent.map((e) => e.kind)).toEqual(['message', 'incoming-call', 'missed-call', 'message'])
  })

  it('lets only a few through when every message comes from a new sender', () => {
    const attention = setup()
    for (let i = 0; i < 50; i++) attention.notify(message(`sip:spam${i}@x`))
    expect(sent).toHaveLength(NOTIFY_GLOBAL_MAX)
  })

  it('keeps going when the platform refuses one', async () => {
    const attention = setup()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    notify = async () => {
      throw new Error('main said no')
    }
    expect(attention.notify({ kind: 'incoming-call', callId: 'c1', from })).toBe(true)
    await vi.runAllTimersAsync()
    expect(warn).toHaveBeenCalledWith('A notification failed:', 'main said no')
    notify = async (event) => void sent.push(event)
    attention.notify({ kind: 'incoming-call', callId: 'c2', from })
    expect(sent).toHaveLength(1)
  })
})
