import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import { usePlatform } from '@/composables/usePlatform'
import { useSessions } from '@/composables/useSessions'
import { useNoticesStore } from '@/stores/notices'
import type { StartupSettings } from '@/platform/types'
import type { AccountState } from '@/session/sessions'
import { testConnection } from '@/session/connection-test'
import type { ConnectionStep } from '@/session/connection-test'
import type { ConnectionState, RegistrationState, SipAccount } from '@/sip'
import { newAccountId } from '@shared/account/defaults'
import { turnCredentialId } from '@shared/account/turn-credential'
import type { AccountSettings } from '@shared/settings'
import { checkAccountForm, EMPTY_FORM, formOf, toSipAccount } from './account-form'
import type { AccountForm, FormErrors, SignInForm } from './account-form'
import { afterStartup } from '@/startup/deferred'
import { openAccount, openSavedAccounts } from '@/startup/open-accounts'

export type { AccountForm, FormErrors, SignInForm } from './account-form'

/**
 * signed-out: the form shows. signing-in: the form shows while the first REGISTER is answered;
 * a failure here returns to the form with the reason. signed-in: the app shows, and from now on
 * every enabled account's engine reconnects by itself whatever happens to the network.
 */
export type SessionPhase = 'signed-out' | 'signing-in' | 'signed-in'

/** What a status element shows; derived, never stored. */
export type StatusKind = 'registered' | 'connecting' | 'offline' | 'failed'

/** One account as the status area, the address bar's picker and Settings show it. */
export interface AccountView {
  id: string
  aor: string
  displayName: string
  enabled: boolean
  isDefault: boolean
  statusKind: StatusKind
  registration: RegistrationState
  reconnectAt: number | null
}

// Marks a first sign-in still waiting for its answer, so a reload in between (the desktop
// reloads for a new server) comes back to the form, not to the app, if it fails.
const PENDING_SIGN_IN = 'switchboard.pendingSignIn'

const IDLE: AccountState = {
  accountId: '',
  connection: 'disconnected',
  registration: { kind: 'unregistered' },
  reconnect: null,
}

export function statusOf(state: Pick<AccountState, 'connection' | 'registration'>): StatusKind {
  const reg = state.registration
  if (reg.kind === 'registered' && state.connection === 'connected') return 'registered'
  if (reg.kind === 'failed') return 'failed'
  if (reg.kind === 'registering' || state.connection === 'connecting') return 'connecting'
  return 'offline'
}

/**
 * The saved accounts and each one's registration, as the sessions report it. The sessions (and
 * SIP.js under them) stay out of reactive state: only plain values are mirrored here.
 */
export const useAccountStore = defineStore('account', () => {
  const platform = usePlatform()
  const sessions = useSessions()

  const accounts = ref<AccountSettings[]>([])
  const defaultAccountId = ref('')
  // Replaced whole on every report, never changed in place: shallow, so the registration
  // objects stay the sessions' own (compared by identity below).
  const states = shallowRef<Record<string, AccountState>>({})
  const savedForm = ref<AccountForm>({ ...EMPTY_FORM })
  const formErrors = ref<FormErrors>({})
  const busy = ref(false)
  const phase = ref<SessionPhase>('signed-out')

  sessions.on('state', mirror)
  function mirror(state: AccountState): void {
    const before = states.value[state.accountId]
    states.value = { ...states.value, [state.accountId]: state }
    // Only a new registration state counts: a connection change repeats the last one.
    if (state.accountId === defaultAccountId.value && before?.registration !== state.registration) {
      onDefaultRegistration(state.registration)
    }
  }

  const signedIn = computed(() => phase.value === 'signed-in')
  const defaultAccount = computed(
    () => accounts.value.find((a) => a.id === defaultAccountId.value) ?? null,
  )
  const defaultState = computed(() => states.value[defaultAccountId.value] ?? IDLE)
  // The default account's registration: what a single account's status line reads.
  const connection = computed<ConnectionState>(() => defaultState.value.connection)
  const registration = computed<RegistrationState>(() => defaultState.value.registration)
  const reconnectAt = computed(() => defaultState.value.reconnect?.at ?? null)
  const statusKind = computed<StatusKind>(() => statusOf(defaultState.value))
  /** The default account as the engine uses it, without the password; null when signed out. */
  const profile = computed<Omit<SipAccount, 'password'> | null>(() => {
    const account = defaultAccount.value
    if (!account || phase.value === 'signed-out') return null
    const { password: _none, ...rest } = toSipAccount(account, '')
    return rest
  })
  const views = computed<AccountView[]>(() =>
    accounts.value.map((account) => {
      const state = states.value[account.id] ?? IDLE
      return {
        id: account.id,
        aor: account.aor,
        displayName: account.displayName,
        enabled: account.enabled,
        isDefault: account.id === defaultAccountId.value,
        statusKind: statusOf(state),
        registration: state.registration,
        reconnectAt: state.reconnect?.at ?? null,
      }
    }),
  )
  /** Accounts that register now: what the address bar offers to call from. */
  const enabledViews = computed(() => views.value.filter((a) => a.enabled))

  /**
   * Loads the saved accounts; signs in again where a password was kept. With `startup` given,
   * the engines start connecting at once (only TURN secrets are awaited): nothing is saved
   * again, it was read from the store a moment ago.
   */
  async function restore(startup?: StartupSettings): Promise<void> {
    const saved = startup ?? (await platform.startup())
    if (!show(saved)) return
    await openSavedAccounts(sessions, platform.credentials, saved)
    void movePasswordsToIds(saved)
  }

  /**
   * Takes over the sessions start-up opened from `saved` before the app existed (main.ts):
   * shows the accounts and each one's state as it is now, without opening anything again.
   */
  function adopt(saved: StartupSettings): void {
    const signingIn = show(saved)
    for (const state of sessions.states()) mirror(state)
    if (signingIn) void movePasswordsToIds(saved)
  }

  /** The saved accounts on show; true when the default one signs in again (the app shows). */
  function show(saved: StartupSettings): boolean {
    accounts.value = saved.accounts
    defaultAccountId.value = saved.defaultAccountId
    const first = defaultAccount.value
    if (!first) return false
    const password = saved.passwords[first.id] ?? null
    savedForm.value = { ...formOf(first), password: password ?? '' }
    if (!password || !first.enabled) return false
    // An account that was signed in goes straight to the app, even offline: the engine retries.
    // A reload in the middle of a first sign-in waits for the answer on the form again.
    phase.value = sessionStorage.getItem(PENDING_SIGN_IN) === '1' ? 'signing-in' : 'signed-in'
    return true
  }

  /** Passwords a version 1 file kept under the AOR move under the account's id. */
  async function movePasswordsToIds(saved: StartupSettings): Promise<void> {
    // The credential calls load the IPC schemas (zod): not while the first REGISTER is out.
    await afterStartup()
    for (const account of saved.accounts) {
      const password = saved.passwords[account.id]
      if (!password || (await platform.credentials.get({ accountId: account.id })) === password)
        continue
      await platform.credentials.set({ accountId: account.id, password: password })
      await platform.credentials.delete({ accountId: account.aor })
    }
  }

  function openSession(account: AccountSettings, password: string): Promise<void> {
    return openAccount(sessions, platform.credentials, account, password)
  }

  /** The first account, from the sign-in form (also the saved one signing in again). */
  async function signIn(
    form: SignInForm & Partial<AccountForm>,
    startPhase: SessionPhase = 'signing-in',
  ): Promise<boolean> {
    const previous = defaultAccount.value ?? undefined
    const id = previous?.id ?? newAccountId()
    const checked = checkAccountForm(id, form, { ...(previous ? { previous } : {}), enabled: true })
    if (!checked.ok) {
      formErrors.value = checked.errors
      return false
    }
    formErrors.value = {}
    busy.value = true
    try {
      const { settings, account } = checked
      savedForm.value = { ...EMPTY_FORM, ...form, aor: account.aor, server: account.server }
      // The password first: on the desktop a new server reloads the window (its CSP names the
      // server), and the reloaded page signs in from what was saved.
      const kept = await platform.credentials.set({ accountId: id, password: account.password })
      // In a browser "this tab only" is the documented rule; on the desktop it is news.
      if (platform.kind === 'desktop' && !kept.persistent) {
        useNoticesStore().show('notices.passwordSessionOnly')
      }
      await keepTurnPassword(settings, form.turnPassword)
      if (startPhase === 'signing-in') sessionStorage.setItem(PENDING_SIGN_IN, '1')
      const list = previous
        ? accounts.value.map((a) => (a.id === id ? settings : a))
        : [settings, ...accounts.value]
      const before = {
        accounts: accounts.value,
        defaultAccountId: defaultAccountId.value,
        phase: phase.value,
      }
      const saving = saveAccounts(list, id)
      // On the desktop a new server reloads the window once saved (its CSP names the server):
      // the engine starts after that. In a browser nothing reloads, and registering does not
      // wait for the settings schema (a worker) to check and write them.
      if (platform.kind === 'desktop') await saving
      else {
        accounts.value = list
        defaultAccountId.value = id
      }
      phase.value = startPhase
      try {
        // A failed attempt's reason stays shown until now; the new engine reports from scratch.
        await Promise.all([openSession(settings, account.password), saving])
      } catch (error) {
        // Not saved: not signed in either.
        await sessions.close(id)
        accounts.value = before.accounts
        defaultAccountId.value = before.defaultAccountId
        phase.value = before.phase
        sessionStorage.removeItem(PENDING_SIGN_IN)
        throw error
      }
      // Other enabled accounts whose passwords this tab still has come back too.
      await Promise.all(
        accounts.value
          .filter((a) => a.id !== id && a.enabled && !sessions.get(a.id))
          .map(async (a) => {
            const password = await platform.credentials.get({ accountId: a.id })
            if (password) await openSession(a, password)
          }),
      )
      return true
    } finally {
      busy.value = false
    }
  }

  async function keepTurnPassword(
    settings: AccountSettings,
    secret: string | undefined,
  ): Promise<void> {
    const server = settings.iceServers[0]
    if (server?.username && secret)
      await platform.credentials.set({ accountId: turnCredentialId(server), password: secret })
  }

  async function saveAccounts(
    list: AccountSettings[],
    defaultId = defaultAccountId.value,
  ): Promise<void> {
    const wanted = list.some((a) => a.id === defaultId) ? defaultId : (list[0]?.id ?? '')
    const saved = await platform.settings.set({ accounts: list, defaultAccountId: wanted })
    accounts.value = saved.accounts
    defaultAccountId.value = saved.defaultAccountId
  }

  function onDefaultRegistration(value: RegistrationState): void {
    if (phase.value !== 'signing-in') return
    if (value.kind === 'registered') {
      phase.value = 'signed-in'
      sessionStorage.removeItem(PENDING_SIGN_IN)
    }
    // A first sign-in that fails goes back to the form with the reason shown there.
    else if (value.kind === 'failed') void abandonSignIn(value)
  }

  async function abandonSignIn(failure: RegistrationState): Promise<void> {
    sessionStorage.removeItem(PENDING_SIGN_IN)
    const id = defaultAccountId.value
    await sessions.closeAll()
    // A password the server refused is not kept for the next start (the form still shows it).
    if (id) await platform.credentials.delete({ accountId: id })
    phase.value = 'signed-out'
    // The reason stays shown on the form.
    states.value = { ...states.value, [id]: { ...IDLE, accountId: id, registration: failure } }
  }

  async function signOut(): Promise<void> {
    busy.value = true
    try {
      await sessions.closeAll()
      for (const account of accounts.value)
        await platform.credentials.delete({ accountId: account.id })
      savedForm.value = { ...savedForm.value, password: '' }
      phase.value = 'signed-out'
      states.value = {}
    } finally {
      busy.value = false
    }
  }

  // ── Settings: several accounts ──────────────────────────────────────────────────────────

  /** Adds an account from the editor; it registers at once when enabled. Errors, or null. */
  async function addAccount(form: AccountForm): Promise<FormErrors | null> {
    const id = newAccountId()
    const checked = checkAccountForm(id, form, { enabled: true })
    if (!checked.ok) return checked.errors
    await platform.credentials.set({ accountId: id, password: checked.account.password })
    await keepTurnPassword(checked.settings, form.turnPassword)
    await saveAccounts([...accounts.value, checked.settings])
    await openSession(checked.settings, checked.account.password)
    return null
  }

  /**
   * Saves an edited account and re-registers it in place (un-REGISTER, then REGISTER with the
   * new details); no sign-out. An empty password keeps the one in the vault.
   */
  async function updateAccount(id: string, form: AccountForm): Promise<FormErrors | null> {
    const previous = accounts.value.find((a) => a.id === id)
    if (!previous) return { aor: 'No such account' }
    const kept = form.password === '' ? await platform.credentials.get({ accountId: id }) : null
    const checked = checkAccountForm(id, form, { keptPassword: kept, previous })
    if (!checked.ok) return checked.errors
    if (form.password !== '')
      await platform.credentials.set({ accountId: id, password: form.password })
    await keepTurnPassword(checked.settings, form.turnPassword)
    await saveAccounts(accounts.value.map((a) => (a.id === id ? checked.settings : a)))
    if (checked.settings.enabled) await openSession(checked.settings, checked.account.password)
    return null
  }

  /** Disabling un-REGISTERs the account and keeps it saved; enabling registers it again. */
  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    const account = accounts.value.find((a) => a.id === id)
    if (!account || account.enabled === enabled) return
    const updated = { ...account, enabled }
    await saveAccounts(accounts.value.map((a) => (a.id === id ? updated : a)))
    if (!enabled) {
      await sessions.close(id)
      return
    }
    const password = await platform.credentials.get({ accountId: id })
    if (password) await openSession(updated, password)
  }

  async function removeAccount(id: string): Promise<void> {
    await sessions.close(id)
    await platform.credentials.delete({ accountId: id })
    const { [id]: _gone, ...rest } = states.value
    states.value = rest
    await saveAccounts(accounts.value.filter((a) => a.id !== id))
    if (accounts.value.length === 0) phase.value = 'signed-out'
  }

  /** Moves an account up (-1) or down (+1) in the list. */
  async function moveAccount(id: string, by: -1 | 1): Promise<void> {
    const list = [...accounts.value]
    const from = list.findIndex((a) => a.id === id)
    const to = from + by
    if (from < 0 || to < 0 || to >= list.length) return
    const [moved] = list.splice(from, 1)
    list.splice(to, 0, moved!)
    await saveAccounts(list)
  }

  async function setDefault(id: string): Promise<void> {
    if (!accounts.value.some((a) => a.id === id)) return
    await saveAccounts(accounts.value, id)
  }

  /**
   * "Test connection": registers the form's details once on an engine of their own and reports
   * each step; the signed-in accounts are not touched. Errors of the form, or null once tried.
   */
  async function checkConnection(
    form: AccountForm,
    id: string | null,
    onStep: (step: ConnectionStep) => void,
  ): Promise<FormErrors | null> {
    const previous = accounts.value.find((a) => a.id === id)
    const kept =
      previous && form.password === ''
        ? await platform.credentials.get({ accountId: previous.id })
        : null
    const checked = checkAccountForm(previous?.id ?? 'connection-test', form, {
      keptPassword: kept,
      ...(previous ? { previous } : {}),
    })
    if (!checked.ok) return checked.errors
    const server = checked.settings.iceServers[0]
    const turn =
      form.turnPassword ||
      (server?.username
        ? await platform.credentials.get({ accountId: turnCredentialId(server) })
        : null)
    await testConnection(toSipAccount(checked.settings, checked.account.password, [turn]), {
      onStep,
    })
    return null
  }

  function reconnectNow(id?: string): void {
    if (id) sessions.get(id)?.nudge()
    else sessions.nudgeAll()
  }

  function nameOf(id: string): string {
    const account = accounts.value.find((a) => a.id === id)
    if (!account) return ''
    return account.displayName || account.aor.replace(/^sips?:/, '')
  }

  platform.on('power:resume', () => sessions.nudgeAll())

  return {
    accounts,
    defaultAccountId,
    states,
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
    views,
    enabledViews,
    restore,
    adopt,
    signIn,
    signOut,
    addAccount,
    updateAccount,
    setEnabled,
    removeAccount,
    moveAccount,
    setDefault,
    checkConnection,
    reconnectNow,
    nameOf,
  }
})
