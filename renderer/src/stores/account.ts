import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { usePlatform } from '@/composables/usePlatform'
import { useNoticesStore } from '@/stores/notices'
import { validateAccount } from '@/sip/account'
import { SipEngine } from '@/sip/engine'
import type { EngineExtension } from '@/sip/extension'
import type { StartupSettings } from '@/platform/types'
import type { ConnectionState, IceServerConfig, RegistrationState, SipAccount } from '@/sip/types'
import { turnCredentialId } from '@shared/account/turn-credential'
import type { IceServerSettings } from '@shared/settings'

export interface SignInForm {
  aor: string
  server: string
  username: string
  password: string
  displayName: string
}

export type FormErrors = Partial<Record<keyof SignInForm, string>>

/**
 * signed-out: the form shows. signing-in: the form shows while the first REGISTER is answered;
 * a failure here returns to the form with the reason. signed-in: the app shows, and from now on
 * the engine reconnects by itself whatever happens to the network.
 */
export type SessionPhase = 'signed-out' | 'signing-in' | 'signed-in'

/** What the status element shows; derived, never stored. */
export type StatusKind = 'registered' | 'connecting' | 'offline' | 'failed'

// Marks a first sign-in still waiting for its answer, so a reload in between (the desktop
// reloads for a new server) comes back to the form, not to the app, if it fails.
const PENDING_SIGN_IN = 'switchboard.pendingSignIn'

const EMPTY_FORM: SignInForm = { aor: '', server: '', username: '', password: '', displayName: '' }

/**
 * The signed-in account and its registration, as the engine reports it. The engine itself (and
 * SIP.js under it) stays out of reactive state: only plain values are exposed.
 */
export const useAccountStore = defineStore('account', () => {
  const platform = usePlatform()

  const connection = ref<ConnectionState>('disconnected')
  const registration = ref<RegistrationState>({ kind: 'unregistered' })
  const reconnectAt = ref<number | null>(null)
  const profile = ref<Omit<SipAccount, 'password'> | null>(null)
  const savedForm = ref<SignInForm>({ ...EMPTY_FORM })
  const formErrors = ref<FormErrors>({})
  const busy = ref(false)
  const phase = ref<SessionPhase>('signed-out')

  // Not reactive on purpose: a SIP.js-backed object must never be proxied by Vue.
  let engine: SipEngine | null = null
  let detachEngine: (() => void)[] = []
  // Feature modules (calls, chat, presence) registered by their stores; every engine gets them.
  const extensions: EngineExtension[] = []

  const signedIn = computed(() => phase.value === 'signed-in')
  const statusKind = computed<StatusKind>(() => {
    const reg = registration.value
    if (reg.kind === 'registered' && connection.value === 'connected') return 'registered'
    if (reg.kind === 'failed') return 'failed'
    if (reg.kind === 'registering' || connection.value === 'connecting') return 'connecting'
    return 'offline'
  })

  /**
   * Loads the saved account into the form; signs in again if a password was kept. With
   * `startup` given, the engine starts connecting at once (only a TURN secret is awaited):
   * nothing is saved again, it was read from the store a moment ago.
   */
  async function restore(startup?: StartupSettings): Promise<void> {
    await resume(startup ?? (await platform.startup()))
  }

  async function resume({ account: saved, password }: StartupSettings): Promise<void> {
    if (!saved || !saved.aor) return
    savedForm.value = {
      aor: saved.aor,
      server: saved.server,
      username: saved.username,
      password: password ?? '',
      displayName: saved.displayName,
    }
    if (!password) return
    // Only a TURN server with a username has a secret to fetch; otherwise nothing is awaited.
    const iceServers = saved.iceServers.some((server) => server.username)
      ? await withTurnCredentials(saved.iceServers)
      : saved.iceServers
    const result = validateAccount({
      ...savedForm.value,
      iceServers,
      iceTransportPolicy: saved.iceTransportPolicy,
    })
    if (!result.ok) {
      formErrors.value = result.errors
      return
    }
    const account = result.account
    savedForm.value = { ...savedForm.value, aor: account.aor, server: account.server }
    const { password: _secret, ...publicPart } = account
    profile.value = publicPart
    // An account that was signed in goes straight to the app, even offline: the engine retries.
    // A reload in the middle of a first sign-in waits for the answer on the form again.
    phase.value = sessionStorage.getItem(PENDING_SIGN_IN) === '1' ? 'signing-in' : 'signed-in'
    startEngine(account)
  }

  /** Settings hold TURN servers without their secret; the vault has it. */
  async function withTurnCredentials(
    servers: readonly IceServerSettings[],
  ): Promise<IceServerConfig[]> {
    if (!servers.some((server) => server.username)) return servers.map((server) => ({ ...server }))
    return Promise.all(
      servers.map(async (server) => {
        const credential = server.username
          ? await platform.credentials.get({ accountId: turnCredentialId(server) })
          : null
        return credential ? { ...server, credential } : { ...server }
      }),
    )
  }

  async function signIn(
    form: SignInForm,
    startPhase: SessionPhase = 'signing-in',
  ): Promise<boolean> {
    const settings = await platform.settings.get()
    const result = validateAccount({
      ...form,
      iceServers: await withTurnCredentials(settings.account?.iceServers ?? []),
      iceTransportPolicy: settings.account?.iceTransportPolicy,
    })
    if (!result.ok) {
      formErrors.value = result.errors
      return false
    }
    formErrors.value = {}
    busy.value = true
    try {
      const account = result.account
      savedForm.value = { ...form, aor: account.aor, server: account.server }
      // The password first: on the desktop a new server reloads the window (its CSP names the
      // server), and the reloaded page signs in from what was saved.
      const kept = await platform.credentials.set({
        accountId: account.aor,
        password: account.password,
      })
      // In a browser "this tab only" is the documented rule; on the desktop it is news.
      if (platform.kind === 'desktop' && !kept.persistent) {
        useNoticesStore().show('notices.passwordSessionOnly')
      }
      if (startPhase === 'signing-in') sessionStorage.setItem(PENDING_SIGN_IN, '1')
      await platform.settings.set({
        account: {
          aor: account.aor,
          server: account.server,
          username: form.username.trim(),
          displayName: account.displayName,
          // The TURN credential stays in the vault (turnCredentialId), never in settings.
          iceServers: account.iceServers.map(({ urls, username }) =>
            username === undefined ? { urls } : { urls, username },
          ),
          ...(account.iceTransportPolicy ? { iceTransportPolicy: account.iceTransportPolicy } : {}),
        },
      })
      await stopEngine()
      // A failed attempt's reason stays shown until now; the new engine reports from scratch.
      connection.value = 'disconnected'
      registration.value = { kind: 'unregistered' }
      reconnectAt.value = null
      const { password: _secret, ...publicPart } = account
      profile.value = publicPart
      phase.value = startPhase
      startEngine(account)
      return true
    } finally {
      busy.value = false
    }
  }

  function startEngine(account: SipAccount): void {
    const created = new SipEngine(account, { extensions })
    engine = created
    detachEngine = [
      created.on('connection', (value) => (connection.value = value)),
      created.on('registration', (value) => onRegistration(value)),
      created.on('reconnect', (value) => (reconnectAt.value = value?.at ?? null)),
      platform.on('power:resume', () => created.nudge()),
    ]
    void created.start()
  }

  function onRegistration(value: RegistrationState): void {
    registration.value = value
    if (phase.value !== 'signing-in') return
    if (value.kind === 'registered') {
      phase.value = 'signed-in'
      sessionStorage.removeItem(PENDING_SIGN_IN)
    }
    // A first sign-in that fails goes back to the form with the reason shown there.
    else if (value.kind === 'failed') void abandonSignIn()
  }

  async function abandonSignIn(): Promise<void> {
    const failure = registration.value
    sessionStorage.removeItem(PENDING_SIGN_IN)
    await stopEngine()
    // A password the server refused is not kept for the next start (the form still shows it).
    const aor = profile.value?.aor
    if (aor) await platform.credentials.delete({ accountId: aor })
    phase.value = 'signed-out'
    profile.value = null
    connection.value = 'disconnected'
    reconnectAt.value = null
    registration.value = failure
  }

  async function stopEngine(): Promise<void> {
    const current = engine
    engine = null
    if (!current) return
    // Stopping still reports the un-REGISTER's progress, then we let go of the engine.
    await current.stop()
    for (const detach of detachEngine) detach()
    detachEngine = []
  }

  async function signOut(): Promise<void> {
    const aor = profile.value?.aor
    busy.value = true
    try {
      await stopEngine()
      if (aor) await platform.credentials.delete({ accountId: aor })
      savedForm.value = { ...savedForm.value, password: '' }
      profile.value = null
      phase.value = 'signed-out'
      connection.value = 'disconnected'
      registration.value = { kind: 'unregistered' }
      reconnectAt.value = null
    } finally {
      busy.value = false
    }
  }

  /**
   * Plugs a feature module into the current engine and every later one (each sign-in creates a
   * new engine). Returns a function that unplugs it.
   */
  function useExtension(extension: EngineExtension): () => void {
    extensions.push(extension)
    let unuse = engine?.use(extension)
    const used = engine
    return () => {
      const index = extensions.indexOf(extension)
      if (index >= 0) extensions.splice(index, 1)
      if (engine === used) unuse?.()
      unuse = undefined
    }
  }

  function reconnectNow(): void {
    engine?.nudge()
  }

  return {
    connection,
    registration,
    reconnectAt,
    profile,
    savedForm,
    formErrors,
    busy,
    phase,
    signedIn,
    statusKind,
    restore,
    signIn,
    signOut,
    reconnectNow,
    useExtension,
  }
})
