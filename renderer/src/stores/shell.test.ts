import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises } from '@vue/test-utils'
import { platformKey } from '@/composables/usePlatform'
import { createBrowserPlatform } from '@/platform/browser'
import type { Platform } from '@/platform/types'
import type { CallSnapshot } from '@/sip/call-types'
import type { AttentionEvent, ShellAction, ShellState } from '@shared/shell/types'
import { useCallsStore } from './calls'
import { useNavigationStore } from './navigation'
import { usePresenceStore } from './presence'
import { useShellStore } from './shell'
import { callSnapshot } from '@/sip/testing/call-snapshot'

// Stand-ins for the stores the shell reads: plain reactive state and recorded actions.
vi.mock('@/stores/account', async () => {
  const { reactive } = await import('vue')
  const state = reactive({
    signedIn: true,
    statusKind: 'registered',
    profile: { aor: 'sip:alice@example.com' },
    enabledViews: [] as { id: string; statusKind: string }[],
    nameOf: (id: string) => id,
  })
  return { useAccountStore: () => state }
})
vi.mock('@/stores/calls', async () => {
  const { reactive } = await import('vue')
  const { vi } = await import('vitest')
  const state = reactive({
    calls: [] as CallSnapshot[],
    focused: null as CallSnapshot | null,
    history: [],
    missedCount: 0,
    answer: vi.fn(async () => {}),
    decline: vi.fn(async () => {}),
    hangUp: vi.fn(async () => {}),
    dial: vi.fn(() => true),
  })
  return { useCallsStore: () => state }
})
vi.mock('@/stores/chat', async () => {
  const { reactive } = await import('vue')
  const { vi } = await import('vitest')
  const state = reactive({
    unreadTotal: 2,
    activePeer: null,
    openConversation: vi.fn(async () => {}),
  })
  return { useChatStore: () => state }
})
// The voicemail box needs the sessions; its count is all the shell reads.
vi.mock('@/stores/voicemail', () => ({ useVoicemailStore: () => ({ newCount: 0 }) }))
vi.mock('@/stores/lamps', () => ({ useLampsStore: () => ({ tray: null, pickUp: vi.fn() }) }))
vi.mock('@/stores/presence', async () => {
  const { reactive } = await import('vue')
  const state = reactive({
    chosen: 'available',
    setStatus(status: string) {
      state.chosen = status
    },
  })
  return { usePresenceStore: () => state }
})

const calls = useCallsStore() as unknown as { calls: CallSnapshot[] } & Record<
  'answer' | 'decline' | 'hangUp' | 'dial',
  ReturnType<typeof vi.fn>
>

const call = (patch: Partial<CallSnapshot> = {}): CallSnapshot =>
  callSnapshot({ ...{ direction: 'incoming', phase: 'incoming' }, ...patch })

async function setup() {
  const states: ShellState[] = []
  const events: AttentionEvent[] = []
  let act: (action: ShellAction) => void = () => {}
  const browser = createBrowserPlatform({ localStorage, sessionStorage })
  const platform: Platform = {
    ...browser,
    shell: {
      setState: async (state) => void states.push(state),
      notify: async (event) => void events.push(event),
    },
    on: (event, callback) => {
      if (event !== 'tray:action') return browser.on(event, callback)
      act = callback as (action: ShellAction) => void
      return () => {}
    },
  }
  const app = createApp({})
  app.provide(platformKey, platform)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  const shell = app.runWithContext(() => useShellStore())
  await shell.start()
  return { states, events, act: (action: ShellAction) => act(action) }
}

beforeEach(() => {
  calls.calls = []
  for (const fn of [calls.answer, calls.decline, calls.hangUp, calls.dial]) fn.mockClear()
})

describe('shell store', () => {
  it('reports the state at once and again on every change', async () => {
    const { states } = await setup()
    expect(states.at(-1)).toMatchObject({ connection: 'registered', unreadMessages: 2 })
    calls.calls = [call({})]
    await flushPromises()
    expect(states.at(-1)?.ringing).toEqual({
      callId: 'c1',
      name: 'Bob',
      address: 'sip:bob@example.com',
    })
  })

  it('announces an incoming call once, and a missed one once', async () => {
    const { events } = await setup()
    calls.calls = [call({})]
    await flushPromises()
    calls.calls = [call({ remoteHeld: true })]
    await flushPromises()
    calls.calls = [call({ phase: 'ended', endedAt: 5, end: { reason: 'missed' } })]
    await flushPromises()
    expect(events.map((e) => e.kind)).toEqual(['incoming-call', 'missed-call'])
  })

  it('carries out tray and notification choices', async () => {
    const { act, states } = await setup()
    act({ kind: 'answer', callId: 'c1' })
    act({ kind: 'decline', callId: 'c2' })
    act({ kind: 'hangup', callId: 'c3' })
    act({ kind: 'redial', address: 'sip:carol@example.com' })
    act({ kind: 'open-thread', threadId: 'sip:dave@example.com' })
    act({ kind: 'set-status', status: 'dnd' })
    await flushPromises()
    expect(calls.answer).toHaveBeenCalledWith('c1')
    expect(calls.decline).toHaveBeenCalledWith('c2')
    expect(calls.hangUp).toHaveBeenCalledWith('c3')
    await vi.waitFor(() =>
      expect(calls.dial).toHaveBeenCalledWith(
        expect.objectContaining({ kind: 'sip', uri: 'sip:carol@example.com' }),
      ),
    )
    expect(useNavigationStore().section).toBe('chat')
    expect(usePresenceStore().chosen).toBe('dnd')
    expect(states.at(-1)?.status).toBe('dnd')
  })
})
