import { describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, reactive } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import type { LampState } from '@shared/dialog/lamp'
import { sessionsKey } from '@/composables/useSessions'
import type { Sessions } from '@/session/sessions'
import { useLampsStore } from './lamps'

// The lamps store without components: the watcher module is faked (the real one has its own
// unit and e2e tests); the test plays its lamp events and checks the rows and what "Pick up"
// dials, from which account, with which headers.
const fakes = vi.hoisted(() => ({
  watchers: [] as { emit: (e: { aor: string; state: unknown }) => void; watched: string[] }[],
  dialled: [] as unknown[][],
  contacts: null as unknown as { sorted: { aor: string; accountId: string; lamp?: boolean }[] },
}))
vi.mock('@/sip', () => ({
  loadLamps: async () => ({
    LampWatcher: class {
      watched: string[] = []
      private listener: ((e: { aor: string; state: unknown }) => void) | undefined
      extension = { name: 'lamps', attach: () => {} }
      constructor() {
        fakes.watchers.push(this as never)
      }
      on(_event: string, listener: (e: { aor: string; state: unknown }) => void) {
        this.listener = listener
        return () => (this.listener = undefined)
      }
      emit(e: { aor: string; state: unknown }) {
        this.listener?.(e)
      }
      setWatched(aors: string[]) {
        this.watched = aors
      }
    },
  }),
}))
vi.mock('./account', () => ({ useAccountStore: () => ({ defaultAccountId: 'a1' }) }))
vi.mock('./contacts', () => ({
  useContactsStore: () => ({
    get sorted() {
      return fakes.contacts.sorted
    },
    find: (aor: string) => fakes.contacts.sorted.find((c) => c.aor === aor),
  }),
}))
vi.mock('./addresses', () => ({
  useAddressesStore: () => ({ known: async (uri: string) => ({ kind: 'sip', uri }) }),
}))
vi.mock('./calls', () => ({
  useCallsStore: () => ({ dial: (...args: unknown[]) => (fakes.dialled.push(args), true) }),
}))
vi.mock('./desk-settings', () => ({
  useDeskSettingsStore: () => ({ of: () => ({ voicemailNumber: '*97', pickupCode: '*8' }) }),
}))

const DAVE = 'sip:dave@example.com'

function setup() {
  fakes.watchers = []
  fakes.dialled = []
  fakes.contacts = reactive({
    sorted: [
      { aor: DAVE, accountId: 'a1', lamp: true },
      { aor: 'sip:erin@example.com', accountId: 'a1' },
    ],
  })
  const sessions = {
    on: () => () => {},
    list: () => [{ id: 'a1' }],
    each(open: (s: unknown) => () => void) {
      open({ id: 'a1', sip: {}, extend: () => () => {} })
    },
  } as unknown as Sessions
  const app = createApp({})
  app.provide(sessionsKey, sessions)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return app.runWithContext(() => useLampsStore())
}

const ringing = (withDialog: boolean): LampState => ({
  kind: 'ringing',
  caller: { uri: 'sip:carol@example.com', displayName: 'Carol' } as never,
  dialog: {
    id: 'd1',
    callId: withDialog ? 'abc123@host' : '',
    localTag: withDialog ? 'tagdave' : '',
    remoteTag: withDialog ? 'tagcarol' : '',
    direction: 'recipient',
    state: 'early',
    remote: withDialog ? ({ uri: 'sip:carol@example.com' } as never) : null,
    onHold: false,
  } as never,
})

describe('lamps store', () => {
  it('watches only lamp contacts; each row reads the state the server last sent', async () => {
    const lamps = setup()
    await vi.waitFor(() => expect(fakes.watchers).toHaveLength(1))
    expect(fakes.watchers[0]!.watched).toEqual([DAVE])
    expect(lamps.rows.map((r) => [r.contact.aor, r.state.kind])).toEqual([[DAVE, 'unknown']])
    fakes.watchers[0]!.emit({ aor: DAVE, state: { kind: 'in-call' } })
    await nextTick()
    expect(lamps.stateOf(DAVE)).toEqual({ kind: 'in-call' })
    // The lamp is turned off: no longer watched, its state forgotten.
    fakes.contacts.sorted[0]!.lamp = false
    fakes.contacts.sorted = [...fakes.contacts.sorted]
    await vi.waitFor(() => expect(fakes.watchers[0]!.watched).toEqual([]))
    expect(lamps.rows).toEqual([])
    expect(lamps.stateOf(DAVE)).toEqual({ kind: 'unknown' })
  })

  it('Pick up: Replaces to the caller when the server named the dialog, else the pickup code', async () => {
    const lamps = setup()
    await vi.waitFor(() => expect(fakes.watchers).toHaveLength(1))
    expect(await lamps.pickUp(DAVE)).toBe(false) // not ringing: nothing dialled

    fakes.watchers[0]!.emit({ aor: DAVE, state: ringing(true) })
    expect(await lamps.pickUp(DAVE)).toBe(true)
    expect(fakes.dialled.at(-1)).toEqual([
      { kind: 'sip', uri: 'sip:carol@example.com' },
      false,
      'a1',
      { extraHeaders: ['Replaces: abc123@host;to-tag=tagcarol;from-tag=tagdave;early-only'] },
    ])

    fakes.watchers[0]!.emit({ aor: DAVE, state: ringing(false) })
    expect(await lamps.pickUp(DAVE)).toBe(true)
    expect(fakes.dialled.at(-1)).toEqual([
      { kind: 'sip', uri: 'sip:*8dave@example.com' },
      false,
      'a1',
      {},
    ])
  })
})
