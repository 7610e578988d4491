import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, reactive } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { platformKey } from '@/composables/usePlatform'
import { sessionsKey } from '@/composables/useSessions'
import { createBrowserPlatform } from '@/platform/browser'
import { Sessions } from '@/session/sessions'
import { fakeEngines, testAccount } from '@/session/testing/fake-engine'
import { useAccountStore } from './account'
import { usePresenceStore } from './presence'

// The presence store without Vue components: our status goes out on every account; each
// contact is watched through its own account (or the default one when its own is not signed in).
const fakes = vi.hoisted(() => ({
  calls: null as null | { live: { phase: string }[]; policy: unknown },
}))
vi.mock('@/stores/calls', () => ({
  useCallsStore: () => fakes.calls,
}))

function setup() {
  fakes.calls = reactive({ live: [], policy: null }) as never
  ;(fakes.calls as unknown as { setRejectIncoming(p: unknown): void }).setRejectIncoming = (p) => {
    fakes.calls!.policy = p
  }
  const sessions = new Sessions({ createEngine: fakeEngines().create })
  const platform = createBrowserPlatform({ localStorage, sessionStorage })
  const app = createApp({})
  app.provide(platformKey, platform)
  app.provide(sessionsKey, sessions)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  const stores = app.runWithContext(() => ({
    account: useAccountStore(),
    presence: usePresenceStore(),
  }))
  stores.account.defaultAccountId = 'one'
  return { sessions, platform, ...stores }
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})

describe('presence store, several accounts', () => {
  it('publishes my status on every account, also one that signs in later', async () => {
    const { sessions, presence } = setup()
    const one = await sessions.open('one', testAccount('alice'))
    const setOne = vi.spyOn(one.presence, 'setOwn')
    presence.setStatus('busy')
    await Promise.resolve()
    expect(setOne).toHaveBeenLastCalledWith('busy', '')
    const two = await sessions.open('two', testAccount('dave'))
    // A new session starts from what is chosen now.
    expect((two.presence as unknown as { own: { status: string } }).own.status).toBe('busy')
  })

  it("watches each contact through its own account, else through the default one", async () => {
    const { sessions, presence } = setup()
    const one = await sessions.open('one', testAccount('alice'))
    presence.watchAddresses([
      { aor: 'sip:bob@example.com', accountId: 'one' },
      { aor: 'sip:carol@example.com', accountId: 'two' },
    ])
    // "two" is not signed in: carol is watched from the default account meanwhile.
    expect(one.presence.watched.sort()).toEqual(['sip:bob@example.com', 'sip:carol@example.com'])
    const two = await sessions.open('two', testAccount('dave'))
    expect(one.presence.watched).toEqual(['sip:bob@example.com'])
    expect(two.presence.watched).toEqual(['sip:carol@example.com'])
    // Closing "two" hands carol back.
    await sessions.close('two')
    expect(one.presence.watched.sort()).toEqual(['sip:bob@example.com', 'sip:carol@example.com'])
  })

  it('records which account a presence came through', async () => {
    const { sessions, presence } = setup()
    const two = await sessions.open('two', testAccount('dave'))
    ;(two.presence as unknown as { events: { emit(e: string, v: unknown): void } }).events.emit(
      'presence',
      { aor: 'sip:carol@example.com', presence: { status: 'away', note: 'lunch' } },
    )
    expect(presence.presenceOf('sip:carol@example.com')).toEqual({ status: 'away', note: 'lunch' })
    expect(presence.watchedBy['sip:carol@example.com']).toBe('two')
  })

  it('keeps status, note and idle time in the settings, not in localStorage', async () => {
    const { presence, platform } = setup()
    presence.setStatus('dnd')
    presence.setNote('  In a meeting  ')
    presence.setIdleMinutes(25)
    await vi.waitFor(async () =>
      expect((await platform.settings.get()).presence).toEqual({
        status: 'dnd',
        note: 'In a meeting',
        idleMinutes: 25,
      }),
    )
    expect(localStorage.getItem('switchboard.myStatus')).toBeNull()
  })

  it('starts from the saved preferences', () => {
    const { presence } = setup()
    presence.apply({ status: 'away', note: 'back at 3', idleMinutes: 30 })
    expect([presence.chosen, presence.note, presence.idleMinutes]).toEqual(['away', 'back at 3', 30])
  })

  it('Do not disturb refuses calls before they ring', () => {
    const { presence } = setup()
    const policy = fakes.calls!.policy as () => unknown
    expect(policy()).toBeNull()
    presence.setStatus('dnd')
    expect(policy()).toMatchObject({ statusCode: 486 })
  })
})
