import { computed, shallowReactive, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import type { LampState } from '@shared/dialog/lamp'
import type { ShellLamps } from '@shared/shell/types'
import { planPickup } from '@shared/dialog/pickup'
import type { StoredContact } from '@/db/contact-schema'
import { loadLamps } from '@/sip'
import type { LampWatcher, LampsModule } from '@/sip'
import { useSessions } from '@/composables/useSessions'
import { useAccountStore } from './account'
import { useAddressesStore } from './addresses'
import { useCallsStore } from './calls'
import { useContactsStore } from './contacts'
import { useDeskSettingsStore } from './desk-settings'

const UNKNOWN: LampState = Object.freeze({ kind: 'unknown' })

export interface LampRow {
  contact: StoredContact
  state: LampState
}

/**
 * Busy lamps: the contacts whose lamp is on, and what each colleague's phone is doing, from the
 * server's dialog-event NOTIFYs (never from our own calls). The watchers live in the sessions,
 * out of reactive state; their module loads only once a lamp exists.
 */
export const useLampsStore = defineStore('lamps', () => {
  const sessions = useSessions()
  const account = useAccountStore()
  const contacts = useContactsStore()
  const addresses = useAddressesStore()
  const calls = useCallsStore()
  const desk = useDeskSettingsStore()

  /** Lamp states by canonical SIP address; shallow, changed key by key. */
  const states = shallowReactive<Record<string, LampState>>({})
  const lampContacts = computed(() => contacts.sorted.filter((c) => c.lamp))
  const rows = computed<LampRow[]>(() =>
    lampContacts.value.map((contact) => ({ contact, state: states[contact.aor] ?? UNKNOWN })),
  )

  const watchers = new Map<string, LampWatcher>()
  let loading: Promise<void> | undefined

  /** Each lamp is watched through its contact's account when signed in, else the default one. */
  function addressesFor(accountId: string): string[] {
    const open = new Set(sessions.list().map((s) => s.id))
    const fallback = open.has(account.defaultAccountId)
      ? account.defaultAccountId
      : sessions.list()[0]?.id
    return lampContacts.value
      .filter((c) => (open.has(c.accountId) ? c.accountId : fallback) === accountId)
      .map((c) => c.aor)
  }

  function redistribute(): void {
    for (const [id, watcher] of watchers) watcher.setWatched(addressesFor(id))
    const kept = new Set(lampContacts.value.map((c) => c.aor))
    for (const aor of Object.keys(states)) if (!kept.has(aor)) delete states[aor]
  }

  function start(lamps: LampsModule): void {
    sessions.on('closed', redistribute)
    sessions.each((session) => {
      const watcher = new lamps.LampWatcher({ sip: session.sip })
      watchers.set(session.id, watcher)
      const stopEvents = watcher.on('lamp', ({ aor, state }) => {
        states[aor] = Object.freeze(state)
      })
      const remove = session.extend(watcher.extension)
      redistribute()
      return () => {
        stopEvents()
        remove()
        watchers.delete(session.id)
      }
    })
  }

  // The first lamp loads the module (after start-up: never in the first bundle).
  watch(
    () => lampContacts.value.length > 0,
    (any) => {
      if (!any || loading) return
      loading = loadLamps().then(start)
    },
    { immediate: true },
  )
  watch(lampContacts, redistribute)

  function stateOf(aor: string): LampState {
    return states[aor] ?? UNKNOWN
  }

  /**
   * Picks up the colleague's ringing call: an INVITE with Replaces when the server named the
   * dialog, else the pickup code. From the account the lamp is watched through.
   */
  async function pickUp(aor: string): Promise<boolean> {
    const state = states[aor]
    if (state?.kind !== 'ringing') return false
    const contact = contacts.find(aor)
    const via =
      [...watchers].find(([, w]) => w.watched.includes(aor))?.[0] ??
      contact?.accountId ??
      account.defaultAccountId
    const plan = planPickup(aor, state.dialog, desk.of(via).pickupCode)
    if (!plan) return false
    const target = await addresses.known(plan.target)
    if (!target) return false
    return calls.dial(
      target,
      false,
      via,
      plan.kind === 'replaces' ? { extraHeaders: plan.headers } : {},
    )
  }

  /** The lamps as the tray lists them, worded by the strip in the language shown. */
  const tray = shallowRef<ShellLamps | null>(null)
  function setTray(value: ShellLamps | null): void {
    tray.value = value
  }

  return { states, rows, tray, stateOf, pickUp, setTray }
})
