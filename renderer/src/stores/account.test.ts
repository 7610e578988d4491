import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, watch } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises } from '@vue/test-utils'
import { platformKey } from '@/composables/usePlatform'
import { sessionsKey } from '@/composables/useSessions'
import { Sessions } from '@/session/sessions'
import { openSavedAccounts } from '@/startup/open-accounts'
import { SETTINGS_KEY } from '@/platform/browser'
import { MIGRATED_ACCOUNT_ID } from '@shared/account/defaults'
import { createBrowserPlatform } from '@/platform/browser'
import type { Platform } from '@/platform/types'
import { accountMessages } from '@/sip/account'
import type { EngineEvents, SipAccount } from '@/sip/types'
import { useAccountStore } from './account'
import type { SignInForm } from './account'

// A stand-in for the SIP engine: records every instance and lets the test play the engine's
// events. Like the real one, stop() reports the un-REGISTER before it resolves.
const fake = vi.hoisted(() => {
  type Listener = (value: never) => void

  class FakeSipEngine {
    static instances: FakeSipEngine[] = []
    /** While set, stop() waits for it: lets a test see what happens before the engine is gone. */
    static stopGate: Promise<void> | null = null

    readonly account: SipAccount
    readonly listeners = new Map<string, Set<Listener>>()
    readonly start = vi.fn(async (): Promise<void> => {})
    readonly stop = vi.fn(async (): Promise<void> => {
      await FakeSipEngine.stopGate
      this.emit('connection', 'disconnected')
      this.emit('registration', { kind: 'unregistered' })
      this.emit('reconnect', null)
    })
    readonly nudge = vi.fn()

    constructor(account: SipAccount) {
      this.account = account
      FakeSipEngine.instances.push(this)
    }

    on<K extends keyof EngineEvents>(event: K, listener: (value: EngineEvents[K]) => void) {
      const set = this.listeners.get(event) ?? new Set<Listener>()
      this.listeners.set(event, set)
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    }

    emit<K extends keyof EngineEvents>(event: K, value: EngineEvents[K]): void {
      for (const listener of [...(this.listeners.get(event) ?? [])]) {
        ;(listener as (value: EngineEvents[K]) => void)(value)
      }
    }

    get listenerCount(): number {
      return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0)
    }
  }

  return { FakeSipEngine }
})

vi.mock('@/sip/engine', () => ({ SipEngine: fake.FakeSipEngine }))

type FakeEngine = InstanceType<typeof fake.FakeSipEngine>

// The store's marker for a first sign-in still waiting for its answer (survives a reload).
const PENDING_SIGN_IN = 'switchboard.pendingSignIn'

const AOR = 'sip:alice@example.com'
const SERVER = 'wss://sip.example.com'
const PASSWORD = 'correct horse'

const FORM: SignInForm = {
  aor: AOR,
  server: SERVER,
  username: '',
  password: PASSWORD,
  displayName: 'Alice',
}

const REGISTERED = { kind: 'registered', expiresAt: 600_000 } as const
const WRONG_PASSWORD = {
  kind: 'failed',
  reason: 'wrong-credentials',
  statusCode: 403,
  detail: 'Forbidden',
} as const

let platform: Platform
let resumeListeners: Set<() => void>

function setup(sessions = new Sessions()) {
  const browser = createBrowserPlatform({ localStorage, sessionStorage })
  resumeListeners = new Set()
  // The browser never pushes power:resume; the desktop does. This one lets the test wake the machine.
  platform = {
    ...browser,
    on(event, callback) {
      if (event !== 'power:resume') return browser.on(event, callback)
      const listener = callback as () => void
      resumeListeners.add(listener)
      return () => {
        resumeListeners.delete(listener)
      }
    },
  }
  const app = createApp({})
  app.provide(platformKey, platform)
  app.provide(sessionsKey, sessions)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return app.runWithContext(() => useAccountStore())
}

function engines(): FakeEngine[] {
  return fake.FakeSipEngine.instances
}

function lastEngine(): FakeEngine {
  const engine = engines().at(-1)
  if (!engine) throw new Error('No engine was created')
  return engine
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {}
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

/** What a previous session left behind: the account in settings, maybe its password. */
async function saveAccount(password: string | null, id = 'work', aor = AOR): Promise<void> {
  const previous = createBrowserPlatform({ localStorage, sessionStorage })
  const accounts = (await previous.settings.get()).accounts
  await previous.settings.set({
    accounts: [...accounts, savedAccount(id, aor)],
  })
  if (password !== null) await previous.credentials.set({ accountId: id, password: password })
}

function savedAccount(id: string, aor: string) {
  return {
    id,
    enabled: true,
    aor,
    server: SERVER,
    username: aor === AOR ? 'alice-auth' : '',
    realm: '',
    displayName: aor === AOR ? 'Alice' : '',
    iceServers: [],
    icePolicy: 'all' as const,
    dtmfMethod: 'rfc4733' as const,
    defaultRegion: '',
    registerExpires: 600,
    outboundProxy: '',
  }
}

/** The password the vault keeps for the default account. */
async function keptPassword(): Promise<string | null> {
  const id = (await platform.settings.get()).defaultAccountId
  return id ? platform.credentials.get({ accountId: id }) : null
}

async function signedIn() {
  const store = setup()
  await store.signIn({ ...FORM })
  lastEngine().emit('connection', 'connected')
  lastEngine().emit('registration', REGISTERED)
  expect(store.phase).toBe('signed-in')
  return store
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  fake.FakeSipEngine.instances = []
  fake.FakeSipEngine.stopGate = null
})

describe('account store', () => {
  it('starts signed out with an empty form', () => {
    const store = setup()
    expect(store.phase).toBe('signed-out')
    expect(store.signedIn).toBe(false)
    expect(store.profile).toBeNull()
    expect(store.savedForm).toMatchObject({
      aor: '',
      server: '',
      username: '',
      password: '',
      displayName: '',
    })
    expect(store.statusKind).toBe('offline')
  })

  describe('an invalid form', () => {
    it('shows a message under each wrong field and neither saves nor connects', async () => {
      const store = setup()
      const setPassword = vi.spyOn(platform.credentials, 'set')
      const setSettings = vi.spyOn(platform.settings, 'set')

      const ok = await store.signIn({
        aor: 'alice at example',
        server: 'http://sip.example.com',
        username: '',
        password: '',
        displayName: '',
      })

      expect(ok).toBe(false)
      expect(store.formErrors).toEqual({
        aor: accountMessages.aorInvalid,
        server: accountMessages.serverScheme,
        password: accountMessages.passwordMissing,
      })
      expect(engines()).toHaveLength(0)
      expect(setPassword).not.toHaveBeenCalled()
      expect(setSettings).not.toHaveBeenCalled()
      expect((await platform.settings.get()).accounts).toEqual([])
      expect(sessionStorage.getItem(PENDING_SIGN_IN)).toBeNull()
      expect(store.phase).toBe('signed-out')
      expect(store.busy).toBe(false)
    })

    it('clears the messages once the form is corrected', async () => {
      const store = setup()
      await store.signIn({ ...FORM, password: '' })
      expect(store.formErrors).toEqual({ password: accountMessages.passwordMissing })
      expect(await store.signIn({ ...FORM })).toBe(true)
      expect(store.formErrors).toEqual({})
    })
  })

  describe('signing in', () => {
    it('saves the password before the settings, then starts the engine', async () => {
      const store = setup()
      const setPassword = vi.spyOn(platform.credentials, 'set')
      const setSettings = vi.spyOn(platform.settings, 'set')

      const ok = await store.signIn({ ...FORM, aor: '  sip:alice@EXAMPLE.com ' })

      expect(ok).toBe(true)
      expect(setPassword).toHaveBeenCalledWith({
        accountId: expect.stringMatching(/^account-/),
        password: PASSWORD,
      })
      expect(setSettings).toHaveBeenCalledOnce()
      // The desktop reloads the window for a new server: the password must already be stored.
      expect(setPassword.mock.invocationCallOrder[0]).toBeLessThan(
        setSettings.mock.invocationCallOrder[0] ?? 0,
      )
      const saved = await platform.settings.get()
      expect(saved.accounts).toEqual([
        {
          ...savedAccount(store.defaultAccountId, AOR),
          username: '',
        },
      ])
      expect(saved.defaultAccountId).toBe(store.defaultAccountId)
      expect(JSON.stringify(saved)).not.toContain(PASSWORD)
      expect(await keptPassword()).toBe(PASSWORD)

      expect(store.phase).toBe('signing-in')
      expect(store.signedIn).toBe(false)
      expect(sessionStorage.getItem(PENDING_SIGN_IN)).toBe('1')
      expect(store.profile).toEqual({
        aor: AOR,
        server: SERVER,
        username: 'alice',
        displayName: 'Alice',
        iceServers: [],
      })
      expect(store.profile).not.toHaveProperty('password')
      expect(store.savedForm).toMatchObject({ aor: AOR, server: SERVER, password: PASSWORD })
      expect(engines()).toHaveLength(1)
      expect(lastEngine().account).toMatchObject({ aor: AOR, password: PASSWORD })
      expect(lastEngine().start).toHaveBeenCalledOnce()
      expect(store.busy).toBe(false)
    })

    it('in a browser the engine starts while the settings are written; not saved, not signed in', async () => {
      const store = setup()
      let written: () => void = () => {}
      const set = platform.settings.set
      vi.spyOn(platform.settings, 'set').mockImplementation(
        (patch) => new Promise((resolve) => (written = () => resolve(set(patch)))),
      )
      const signing = store.signIn({ ...FORM })
      await flushPromises()
      // REGISTER is on its way before the settings are stored.
      expect(lastEngine().start).toHaveBeenCalledOnce()
      lastEngine().emit('connection', 'connected')
      lastEngine().emit('registration', REGISTERED)
      expect(store.phase).toBe('signed-in')
      written()
      expect(await signing).toBe(true)
      expect((await platform.settings.get()).accounts).toHaveLength(1)

      // A write that fails takes the session down with it.
      const second = setup()
      vi.spyOn(platform.settings, 'set').mockRejectedValue(new Error('Storage full'))
      await expect(second.signIn({ ...FORM })).rejects.toThrow('Storage full')
      expect(lastEngine().stop).toHaveBeenCalled()
      expect(second.phase).toBe('signed-out')
      expect(sessionStorage.getItem(PENDING_SIGN_IN)).toBeNull()
    })

    it('is busy while saving', async () => {
      const store = setup()
      const seen: boolean[] = []
      const stop = watch(
        () => store.busy,
        (busy) => seen.push(busy),
        { flush: 'sync' },
      )
      // Busy from the moment the form is valid until the engine is started.
      await store.signIn({ ...FORM })
      stop()
      expect(seen).toEqual([true, false])
    })

    it('opens the app once the server accepts the REGISTER', async () => {
      const store = setup()
      await store.signIn({ ...FORM })
      const engine = lastEngine()

      engine.emit('connection', 'connecting')
      expect(store.statusKind).toBe('connecting')
      engine.emit('connection', 'connected')
      engine.emit('registration', { kind: 'registering' })
      expect(store.statusKind).toBe('connecting')
      expect(store.phase).toBe('signing-in')

      engine.emit('registration', REGISTERED)
      expect(store.phase).toBe('signed-in')
      expect(store.signedIn).toBe(true)
      expect(store.statusKind).toBe('registered')
      expect(store.registration).toEqual(REGISTERED)
      expect(sessionStorage.getItem(PENDING_SIGN_IN)).toBeNull()
    })

    it.each([
      ['wrong credentials', WRONG_PASSWORD],
      ['an unknown user', { kind: 'failed', reason: 'unknown-user', statusCode: 404 } as const],
      ['an unreachable server', { kind: 'failed', reason: 'unreachable' } as const],
    ])('returns to the form with the reason after %s', async (_name, failure) => {
      const store = setup()
      await store.signIn({ ...FORM })
      const engine = lastEngine()
      engine.emit('connection', 'connected')
      engine.emit('registration', { kind: 'registering' })

      engine.emit('registration', failure)
      await flushPromises()

      expect(store.phase).toBe('signed-out')
      expect(store.signedIn).toBe(false)
      // Kept for the form to show, even though stopping the engine reported 'unregistered'.
      expect(store.registration).toEqual(failure)
      expect(store.statusKind).toBe('failed')
      expect(store.connection).toBe('disconnected')
      expect(store.reconnectAt).toBeNull()
      expect(store.profile).toBeNull()
      expect(engine.stop).toHaveBeenCalledOnce()
      expect(engine.listenerCount).toBe(0)
      expect(await keptPassword()).toBeNull()
      expect(sessionStorage.getItem(PENDING_SIGN_IN)).toBeNull()
      // The form still shows what was typed, password included.
      expect(store.savedForm).toMatchObject({ ...FORM })
    })

    it('shows no earlier failure while a new attempt connects', async () => {
      const store = setup()
      await store.signIn({ ...FORM, password: 'wrong' })
      lastEngine().emit('registration', WRONG_PASSWORD)
      await flushPromises()
      expect(store.statusKind).toBe('failed')

      await store.signIn({ ...FORM })
      expect(engines()).toHaveLength(2)
      expect(store.phase).toBe('signing-in')
      lastEngine().emit('connection', 'connecting')
      expect(store.statusKind).toBe('connecting')
      expect(store.registration).toEqual({ kind: 'unregistered' })
    })
  })

  describe('once signed in', () => {
    it('stays in the app through a network drop and shows when it reconnects', async () => {
      const store = await signedIn()
      const engine = lastEngine()

      engine.emit('registration', { kind: 'unregistered' })
      engine.emit('connection', 'disconnected')
      engine.emit('reconnect', { attempt: 1, at: 123_456 })

      expect(store.phase).toBe('signed-in')
      expect(store.statusKind).toBe('offline')
      expect(store.reconnectAt).toBe(123_456)
      expect(engine.stop).not.toHaveBeenCalled()
      expect(await keptPassword()).toBe(PASSWORD)

      engine.emit('reconnect', null)
      engine.emit('connection', 'connecting')
      expect(store.reconnectAt).toBeNull()
      expect(store.statusKind).toBe('connecting')
      engine.emit('connection', 'connected')
      engine.emit('registration', { kind: 'registering' })
      expect(store.statusKind).toBe('connecting')
      engine.emit('registration', REGISTERED)
      expect(store.statusKind).toBe('registered')
      expect(store.phase).toBe('signed-in')
    })

    it('stays in the app when a later REGISTER fails, and says so', async () => {
      const store = await signedIn()
      lastEngine().emit('registration', WRONG_PASSWORD)
      await flushPromises()
      expect(store.phase).toBe('signed-in')
      expect(store.statusKind).toBe('failed')
      expect(lastEngine().stop).not.toHaveBeenCalled()
      expect(await keptPassword()).toBe(PASSWORD)
    })

    it('re-registers when the machine wakes up', async () => {
      await signedIn()
      expect(resumeListeners.size).toBe(1)
      for (const listener of resumeListeners) listener()
      expect(lastEngine().nudge).toHaveBeenCalledOnce()
    })

    it('reconnects at once when asked', async () => {
      const store = await signedIn()
      store.reconnectNow()
      expect(lastEngine().nudge).toHaveBeenCalledOnce()
    })

    it('stops the previous engine before starting the next one', async () => {
      const store = await signedIn()
      const first = lastEngine()
      const gate = deferred()
      fake.FakeSipEngine.stopGate = gate.promise

      const signing = store.signIn({ ...FORM, aor: 'sip:bob@example.com', password: 'bob' })
      await flushPromises()
      expect(first.stop).toHaveBeenCalledOnce()
      expect(engines()).toHaveLength(1)

      gate.resolve()
      expect(await signing).toBe(true)
      expect(engines()).toHaveLength(2)
      expect(first.listenerCount).toBe(0)
      expect(resumeListeners.size).toBe(1)
      expect(store.profile?.aor).toBe('sip:bob@example.com')
      expect(store.phase).toBe('signing-in')

      // The old engine no longer speaks for the store; the new one does.
      first.emit('registration', WRONG_PASSWORD)
      await flushPromises()
      expect(store.phase).toBe('signing-in')
      lastEngine().emit('connection', 'connected')
      lastEngine().emit('registration', REGISTERED)
      expect(store.phase).toBe('signed-in')
      expect(store.statusKind).toBe('registered')

      for (const listener of resumeListeners) listener()
      expect(first.nudge).not.toHaveBeenCalled()
      expect(lastEngine().nudge).toHaveBeenCalledOnce()
    })
  })

  describe('statusKind', () => {
    it.each([
      ['disconnected', { kind: 'unregistered' }, 'offline'],
      ['connecting', { kind: 'unregistered' }, 'connecting'],
      ['connected', { kind: 'unregistered' }, 'offline'],
      ['connected', { kind: 'registering' }, 'connecting'],
      ['connected', REGISTERED, 'registered'],
      ['disconnected', REGISTERED, 'offline'],
      ['connecting', REGISTERED, 'connecting'],
      ['connected', WRONG_PASSWORD, 'failed'],
      ['connecting', { kind: 'failed', reason: 'unreachable' }, 'failed'],
    ] as const)('is %s + %o → %s', async (connection, registration, expected) => {
      const store = setup()
      await store.signIn({ ...FORM }, 'signed-in')
      lastEngine().emit('connection', connection)
      lastEngine().emit('registration', registration)
      expect(store.statusKind).toBe(expected)
    })
  })

  describe('adopt (the sessions main.ts opened before the app)', () => {
    it('mirrors the running session as it is now and opens nothing again', async () => {
      await saveAccount(PASSWORD)
      const sessions = new Sessions()
      const saved = await createBrowserPlatform({ localStorage, sessionStorage }).startup()
      await openSavedAccounts(
        sessions,
        createBrowserPlatform({ localStorage, sessionStorage }).credentials,
        saved,
      )
      expect(engines()).toHaveLength(1)
      // Registered before the app loaded: no event is left for the store to hear.
      lastEngine().emit('connection', 'connected')
      lastEngine().emit('registration', REGISTERED)

      const store = setup(sessions)
      store.adopt(saved)

      expect(engines()).toHaveLength(1)
      expect(lastEngine().start).toHaveBeenCalledOnce()
      expect(store.phase).toBe('signed-in')
      expect(store.statusKind).toBe('registered')
      expect(store.savedForm).toMatchObject({ aor: AOR, password: PASSWORD })
      // And it follows the session from now on.
      lastEngine().emit('registration', { kind: 'failed', reason: 'unreachable' })
      expect(store.statusKind).toBe('failed')
    })

    it('a reload during a first sign-in that was answered before the app loaded opens the app', async () => {
      await saveAccount(PASSWORD)
      sessionStorage.setItem(PENDING_SIGN_IN, '1')
      const sessions = new Sessions()
      const saved = await createBrowserPlatform({ localStorage, sessionStorage }).startup()
      await openSavedAccounts(
        sessions,
        createBrowserPlatform({ localStorage, sessionStorage }).credentials,
        saved,
      )
      lastEngine().emit('connection', 'connected')
      lastEngine().emit('registration', REGISTERED)

      const store = setup(sessions)
      store.adopt(saved)

      expect(store.phase).toBe('signed-in')
      expect(sessionStorage.getItem(PENDING_SIGN_IN)).toBeNull()
    })
  })

  describe('restore', () => {
    it('goes straight to the app with a saved account and password', async () => {
      await saveAccount(PASSWORD)
      const store = setup()

      await store.restore()

      expect(store.phase).toBe('signed-in')
      expect(store.signedIn).toBe(true)
      expect(store.savedForm).toMatchObject({
        aor: AOR,
        server: SERVER,
        username: 'alice-auth',
        password: PASSWORD,
        displayName: 'Alice',
      })
      expect(engines()).toHaveLength(1)
      expect(lastEngine().account).toMatchObject({ aor: AOR, username: 'alice-auth' })
      expect(lastEngine().start).toHaveBeenCalledOnce()
      expect(sessionStorage.getItem(PENDING_SIGN_IN)).toBeNull()

      // Offline at start: the app stays and the engine keeps trying.
      lastEngine().emit('connection', 'connecting')
      lastEngine().emit('registration', { kind: 'failed', reason: 'unreachable' })
      lastEngine().emit('reconnect', { attempt: 1, at: 5000 })
      await flushPromises()
      expect(store.phase).toBe('signed-in')
      expect(store.reconnectAt).toBe(5000)
      expect(lastEngine().stop).not.toHaveBeenCalled()
    })

    it('only fills the form when no password was kept', async () => {
      await saveAccount(null)
      const store = setup()

      await store.restore()

      expect(store.phase).toBe('signed-out')
      expect(store.savedForm).toMatchObject({
        aor: AOR,
        server: SERVER,
        username: 'alice-auth',
        password: '',
        displayName: 'Alice',
      })
      expect(engines()).toHaveLength(0)
    })

    it('does nothing without a saved account', async () => {
      const store = setup()
      await store.restore()
      expect(store.phase).toBe('signed-out')
      expect(store.savedForm.aor).toBe('')
      expect(engines()).toHaveLength(0)
    })

    it('waits for the answer again after a reload during a first sign-in', async () => {
      await saveAccount(PASSWORD)
      sessionStorage.setItem(PENDING_SIGN_IN, '1')
      const store = setup()

      await store.restore()

      expect(store.phase).toBe('signing-in')
      expect(engines()).toHaveLength(1)
      lastEngine().emit('registration', WRONG_PASSWORD)
      await flushPromises()
      expect(store.phase).toBe('signed-out')
      expect(store.registration).toEqual(WRONG_PASSWORD)
      expect(await keptPassword()).toBeNull()
      expect(sessionStorage.getItem(PENDING_SIGN_IN)).toBeNull()
    })
  })

  describe('signing out', () => {
    it('waits for the engine to stop, forgets the password and shows the form', async () => {
      const store = await signedIn()
      const engine = lastEngine()
      const gate = deferred()
      fake.FakeSipEngine.stopGate = gate.promise

      const signingOut = store.signOut()
      await flushPromises()
      expect(engine.stop).toHaveBeenCalledOnce()
      expect(store.busy).toBe(true)
      expect(store.phase).toBe('signed-in')
      expect(await keptPassword()).toBe(PASSWORD)

      gate.resolve()
      await signingOut

      expect(store.phase).toBe('signed-out')
      expect(store.busy).toBe(false)
      expect(store.profile).toBeNull()
      expect(store.connection).toBe('disconnected')
      expect(store.registration).toEqual({ kind: 'unregistered' })
      expect(store.reconnectAt).toBeNull()
      expect(store.savedForm).toMatchObject({ ...FORM, password: '' })
      expect(engine.listenerCount).toBe(0)
      // The store's wake listener stays; with no session open it reaches no engine.
      for (const listener of resumeListeners) listener()
      expect(await keptPassword()).toBeNull()

      store.reconnectNow()
      expect(engine.nudge).not.toHaveBeenCalled()
    })

    it('is not undone by the next start', async () => {
      const store = await signedIn()
      await store.signOut()

      const next = setup()
      await next.restore()

      expect(next.phase).toBe('signed-out')
      expect(next.savedForm).toMatchObject({ aor: AOR, server: SERVER, password: '' })
      expect(engines()).toHaveLength(1)
    })
  })

  describe('several accounts', () => {
    it('a version 1 file: the one account and its password (kept under the address) sign in', async () => {
      localStorage.setItem(
        SETTINGS_KEY,
        JSON.stringify({
          version: 1,
          account: {
            aor: AOR,
            server: SERVER,
            username: 'alice-auth',
            displayName: 'Alice',
            iceServers: [],
          },
          theme: 'dark',
        }),
      )
      sessionStorage.setItem(`switchboard.password:${AOR}`, PASSWORD)
      const store = setup()
      await store.restore()
      expect(store.phase).toBe('signed-in')
      expect(store.defaultAccountId).toBe(MIGRATED_ACCOUNT_ID)
      expect(lastEngine().account).toMatchObject({
        aor: AOR,
        password: PASSWORD,
        username: 'alice-auth',
      })
      // The password moves under the account's id.
      await vi.waitFor(async () =>
        expect(await platform.credentials.get({ accountId: MIGRATED_ACCOUNT_ID })).toBe(PASSWORD),
      )
      expect(await platform.credentials.get({ accountId: AOR })).toBeNull()
    })

    it('registers every enabled account on its own engine and reports each one', async () => {
      await saveAccount(PASSWORD, 'work')
      await saveAccount('dave-pw', 'home', 'sip:dave@example.com')
      const store = setup()
      await store.restore()
      expect(engines().map((e) => e.account.aor)).toEqual([AOR, 'sip:dave@example.com'])
      engines()[1]!.emit('connection', 'connected')
      engines()[1]!.emit('registration', REGISTERED)
      expect(store.views.map((v) => [v.id, v.statusKind, v.isDefault])).toEqual([
        ['work', 'offline', true],
        ['home', 'registered', false],
      ])
      // The single status reads the default account.
      expect(store.statusKind).toBe('offline')
    })

    it('disabling one un-REGISTERs it and keeps the other; enabling registers it again', async () => {
      await saveAccount(PASSWORD, 'work')
      await saveAccount('dave-pw', 'home', 'sip:dave@example.com')
      const store = setup()
      await store.restore()
      const [work, home] = engines()
      await store.setEnabled('home', false)
      expect(home!.stop).toHaveBeenCalledOnce()
      expect(work!.stop).not.toHaveBeenCalled()
      expect((await platform.settings.get()).accounts.map((a) => a.enabled)).toEqual([true, false])
      await store.setEnabled('home', true)
      expect(engines()).toHaveLength(3)
      expect(lastEngine().account).toMatchObject({
        aor: 'sip:dave@example.com',
        password: 'dave-pw',
      })
    })

    it('editing an account re-registers it in place with the new details (no sign-out)', async () => {
      await saveAccount(PASSWORD, 'work')
      const store = setup()
      await store.restore()
      const first = lastEngine()
      const errors = await store.updateAccount('work', {
        ...(await import('./account-form')).formOf(store.accounts[0]!),
        displayName: 'Alice B.',
        server: 'wss://sip.example.com:8443',
      })
      expect(errors).toBeNull()
      expect(first.stop).toHaveBeenCalledOnce()
      expect(lastEngine().account).toMatchObject({
        displayName: 'Alice B.',
        server: 'wss://sip.example.com:8443',
        password: PASSWORD,
      })
      expect(store.phase).toBe('signed-in')
      expect((await platform.settings.get()).accounts[0]?.displayName).toBe('Alice B.')
    })

    it('adds, reorders, sets the default and removes accounts', async () => {
      await saveAccount(PASSWORD, 'work')
      const store = setup()
      await store.restore()
      const { EMPTY_FORM } = await import('./account-form')
      const errors = await store.addAccount({
        ...EMPTY_FORM,
        aor: 'sip:dave@example.com',
        server: SERVER,
        password: 'dave-pw',
      })
      expect(errors).toBeNull()
      const added = store.accounts[1]!.id
      expect(lastEngine().account.aor).toBe('sip:dave@example.com')
      expect(await platform.credentials.get({ accountId: added })).toBe('dave-pw')
      await store.moveAccount(added, -1)
      expect(store.accounts.map((a) => a.id)).toEqual([added, 'work'])
      await store.setDefault(added)
      expect((await platform.settings.get()).defaultAccountId).toBe(added)
      await store.removeAccount(added)
      expect(store.accounts.map((a) => a.id)).toEqual(['work'])
      expect(store.defaultAccountId).toBe('work')
      expect(await platform.credentials.get({ accountId: added })).toBeNull()
      expect(engines().at(-1)!.stop).toHaveBeenCalledOnce()
    })
  })
})
