import 'fake-indexeddb/auto'
import { parseAddress } from '@shared/address'
import type { Address } from '@shared/address'
import { plainNumbering } from '@shared/links/numbering'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises } from '@vue/test-utils'
import { platformKey } from '@/composables/usePlatform'
import { sessionsKey } from '@/composables/useSessions'
import { createBrowserPlatform } from '@/platform/browser'
import { Sessions } from '@/session/sessions'
import { fakeEngines, testAccount } from '@/session/testing/fake-engine'
import type { CallManager } from '@/sip/calls'
import type { CallSnapshot } from '@/sip/call-types'
import { SwitchboardDatabase } from '@/db/database'
import type * as DatabaseModule from '@/db/database'
import { useAccountStore } from './account'
import { useCallsStore } from './calls'

// The calls store without Vue components: two accounts' sessions (fake engines, real calls
// modules); the test plays each module's events and checks what the store mirrors and where
// the user's actions go.
const fakes = vi.hoisted(() => ({
  db: { current: null as unknown },
  askTransfer: [] as unknown[],
}))
vi.mock('@/db/database', async (importOriginal) => ({
  ...(await importOriginal<typeof DatabaseModule>()),
  database: () => fakes.db.current,
}))
vi.mock('@/stores/devices', () => ({
  useDevicesStore: () => ({
    service: { open: vi.fn(), has: () => true, onDevices: () => () => {} },
    choices: { microphone: { deviceId: '', label: '' }, camera: { deviceId: '', label: '' } },
    ringtone: false,
    sinkIds: {},
  }),
}))
vi.mock('@/stores/dial-links', () => ({
  useDialLinksStore: () => ({ askTransfer: async (r: unknown) => void fakes.askTransfer.push(r) }),
}))
vi.mock('@/media/call-tones', () => ({
  CallTones: class {
    update(): void {}
  },
  wantedTones: () => ({}),
}))

let n = 0
function setup() {
  fakes.db.current = new SwitchboardDatabase(`calls-store-${++n}`)
  const engines = fakeEngines()
  const sessions = new Sessions({ createEngine: engines.create })
  const app = createApp({})
  app.provide(platformKey, createBrowserPlatform({ localStorage, sessionStorage }))
  app.provide(sessionsKey, sessions)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  const { account, calls } = app.runWithContext(() => ({
    account: useAccountStore(),
    calls: useCallsStore(),
  }))
  account.defaultAccountId = 'one'
  return { sessions, account, calls }
}

/** Plays the calls module's own event, as it emits it for a SIP.js session. */
function play(manager: CallManager, snapshot: CallSnapshot): void {
  ;(manager as unknown as { events: { emit(e: string, v: unknown): void } }).events.emit(
    'call',
    snapshot,
  )
}

/** A typed address on example.com, as the address bar hands it over. */
function user(name: string): Address {
  const result = parseAddress(name, {
    domain: 'example.com',
    defaultRegion: '',
    numbering: plainNumbering,
  })
  if (!result.ok) throw new Error(`not an address: ${name}`)
  return result.address
}

function snapshot(id: string, patch: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    id,
    reconnecting: false,
    direction: 'incoming',
    peer: { uri: 'sip:bob@example.com', name: 'Bob' },
    video: false,
    phase: 'incoming',
    held: false,
    remoteHeld: false,
    muted: false,
    cameraOff: false,
    sharing: false,
    earlyMedia: false,
    receivedTones: '',
    startedAt: 1000,
    connectedAt: null,
    endedAt: null,
    end: null,
    transfer: null,
    ...patch,
  }
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})

describe('calls store, several accounts', () => {
  it('shows which account an incoming call came to, and answers it there', async () => {
    const { sessions, calls } = setup()
    const one = await sessions.open('one', testAccount('alice'))
    const two = await sessions.open('two', testAccount('dave'))
    const answerOne = vi.spyOn(one.calls, 'answer').mockResolvedValue()
    const answerTwo = vi.spyOn(two.calls, 'answer').mockResolvedValue()
    play(two.calls, snapshot('c2'))
    expect(calls.ringing.map((c) => [c.id, c.accountId])).toEqual([['c2', 'two']])
    await calls.answer('c2')
    expect(answerTwo).toHaveBeenCalledWith('c2', false)
    expect(answerOne).not.toHaveBeenCalled()
  })

  it('hangs up, holds and mutes through the account the call belongs to', async () => {
    const { sessions, calls } = setup()
    const one = await sessions.open('one', testAccount('alice'))
    const two = await sessions.open('two', testAccount('dave'))
    play(one.calls, snapshot('c1', { phase: 'connected', connectedAt: 2000 }))
    const hangOne = vi.spyOn(one.calls, 'hangUp').mockImplementation(() => {})
    const hangTwo = vi.spyOn(two.calls, 'hangUp').mockImplementation(() => {})
    const muteOne = vi.spyOn(one.calls, 'setMuted').mockImplementation(() => {})
    calls.setMuted('c1', true)
    calls.hangUp('c1')
    expect([
      hangOne.mock.calls.length,
      hangTwo.mock.calls.length,
      muteOne.mock.calls.length,
    ]).toEqual([1, 0, 1])
  })

  it('dials from the default account, or from the one asked for', async () => {
    const { sessions, calls } = setup()
    const one = await sessions.open('one', testAccount('alice'))
    const two = await sessions.open('two', testAccount('dave'))
    const dialOne = vi.spyOn(one.calls, 'dial').mockReturnValue({ ok: true, id: 'o1' })
    const dialTwo = vi.spyOn(two.calls, 'dial').mockReturnValue({ ok: true, id: 'o2' })
    vi.spyOn(one.calls, 'check').mockReturnValue(null)
    vi.spyOn(two.calls, 'check').mockReturnValue(null)
    expect(calls.dial(user('bob'))).toBe(true)
    expect(calls.dial(user('carol'), true, 'two')).toBe(true)
    expect(dialOne).toHaveBeenCalledWith(user('bob'), { video: false })
    expect(dialTwo).toHaveBeenCalledWith(user('carol'), { video: true })
    expect(calls.focusedId).toBe('o2')
  })

  it('cannot dial while no account is signed in', () => {
    const { calls } = setup()
    expect(calls.dial(user('bob'))).toBe(false)
    expect(calls.dialError).toBe('offline')
  })

  it('keeps each ended call in the history with its account; the filter shows one account', async () => {
    const { sessions, calls } = setup()
    const one = await sessions.open('one', testAccount('alice'))
    const two = await sessions.open('two', testAccount('dave'))
    play(one.calls, snapshot('c1'))
    play(two.calls, snapshot('c2'))
    const ended = { phase: 'ended' as const, endedAt: 3000, end: { reason: 'missed' as const } }
    play(one.calls, snapshot('c1', ended))
    play(two.calls, snapshot('c2', ended))
    await flushPromises()
    expect(calls.history.map((c) => [c.callId, c.accountId])).toEqual([
      ['c2', 'two'],
      ['c1', 'one'],
    ])
    calls.historyAccount = 'one'
    expect(calls.shownHistory.map((c) => c.callId)).toEqual(['c1'])
    calls.historyAccount = null
    expect(calls.shownHistory).toHaveLength(2)
    // Stored: a reload reads them back with their accounts.
    await vi.waitFor(async () => {
      const stored = await (fakes.db.current as SwitchboardDatabase).calls.toArray()
      expect(stored.map((c) => [c.callId, c.accountId]).sort()).toEqual([
        ['c1', 'one'],
        ['c2', 'two'],
      ])
    })
  })

  it('Do not disturb reaches accounts that sign in later too', async () => {
    const { sessions, calls } = setup()
    const policy = () => ({ reason: 'missed' as const, statusCode: 486, detail: 'Do not disturb' })
    calls.setRejectIncoming(policy)
    const later = await sessions.open('two', testAccount('dave'))
    expect(later.calls.rejectIncoming).toBe(policy)
  })

  it('stops mirroring an account once it is closed', async () => {
    const { sessions, calls } = setup()
    const two = await sessions.open('two', testAccount('dave'))
    await sessions.close('two')
    play(two.calls, snapshot('late'))
    expect(calls.calls).toEqual([])
  })
})
