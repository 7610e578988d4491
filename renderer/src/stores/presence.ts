import { computed, ref, shallowReactive, watch } from 'vue'
import { defineStore } from 'pinia'
import type { Presence } from '@shared/presence/pidf'
import { publishedStatus } from '@shared/presence/policy'
import type { MyStatus } from '@shared/shell/types'
import type { PresenceSettings } from '@shared/settings'
import { createDefaultPresence } from '@shared/account/defaults'
import { useAccountStore } from './account'
import { useCallsStore } from './calls'
import { watchIdle } from './idle-watch'
import { usePlatform } from '@/composables/usePlatform'
import { useSessions } from '@/composables/useSessions'

const UNKNOWN: Presence = { status: 'unknown', note: '' }

/** A watched address and the account whose presence module watches it. */
export interface WatchedAddress {
  aor: string
  accountId: string
}

/**
 * Our own status ("My status", its note, and the automatic On the phone / idle Away), published
 * on every account, and what we know of the people we watch, by SIP address (each watched
 * through its contact's account). The presence modules live in the sessions, out of reactive
 * state.
 */
/** How long a call lasts before others read "On the phone". */
const ON_THE_PHONE_DELAY_MS = 1000

export const usePresenceStore = defineStore('presence', () => {
  const sessions = useSessions()
  const account = useAccountStore()
  const calls = useCallsStore()
  const platform = usePlatform()

  const defaults = createDefaultPresence()
  const chosen = ref<MyStatus>(defaults.status)
  const note = ref(defaults.note)
  const idleMinutes = ref(defaults.idleMinutes)
  /** Which account each watched address came through, for "which account" in the UI. */
  const watchedBy = shallowReactive<Record<string, string>>({})
  let watched: readonly WatchedAddress[] = []
  const idle = ref(false)
  /**
   * Contacts' presence by canonical SIP address. Shallow and changed key by key: one NOTIFY
   * re-renders the one status that shows it, not every contact's.
   */
  const presence = shallowReactive<Record<string, Presence>>({})

  const talking = computed(() => calls.live.some((c) => c.phase !== 'incoming'))
  /**
   * "On the phone" follows a call after a short delay: its PUBLISH then stays out of the call's
   * own setup (same socket, same server), and a call that fails at once never flashes it.
   * Back from the phone is published at once.
   */
  const inCall = ref(false)
  let inCallTimer: ReturnType<typeof setTimeout> | undefined
  watch(talking, (now) => {
    clearTimeout(inCallTimer)
    if (!now) inCall.value = false
    else inCallTimer = setTimeout(() => (inCall.value = true), ON_THE_PHONE_DELAY_MS)
  })
  /** What others see now. */
  const published = computed(() =>
    publishedStatus({ chosen: chosen.value, inCall: inCall.value, idle: idle.value }),
  )

  // Every account's presence module: publishes our status, watches its share of the contacts.
  const redistribute = (): void => {
    for (const session of sessions.list()) session.presence.setWatched(addressesFor(session.id))
  }
  sessions.on('closed', redistribute)
  sessions.each((session) => {
    session.presence.setOwn(published.value, note.value)
    redistribute()
    return session.presence.on('presence', ({ aor, presence: value }) => {
      presence[aor] = Object.freeze(value)
      watchedBy[aor] = session.id
    })
  })
  watch(
    [published, note],
    ([status, text]) => sessions.list().forEach((s) => s.presence.setOwn(status, text)),
    { immediate: true },
  )

  // Do not disturb: incoming calls are answered 486 before they ring, and kept as missed.
  calls.setRejectIncoming(() =>
    chosen.value === 'dnd' ? { reason: 'missed', statusCode: 486, detail: 'Do not disturb' } : null,
  )

  if (typeof window !== 'undefined') {
    watchIdle({
      target: window,
      thresholdMs: () => idleMinutes.value * 60_000,
      onChange: (value) => (idle.value = value),
      systemIdleMs: async () => {
        const seconds = await platform.power.idleSeconds()
        return seconds === null ? null : seconds * 1000
      },
    })
  }

  /** The saved preferences, at start-up. */
  function apply(settings: PresenceSettings): void {
    chosen.value = settings.status
    note.value = settings.note
    idleMinutes.value = settings.idleMinutes
  }

  function save(patch: Partial<PresenceSettings>): void {
    platform.settings
      .set({ presence: patch })
      .catch((error: unknown) => console.error('Could not save the status', error))
  }

  function setStatus(status: MyStatus): void {
    chosen.value = status
    save({ status })
  }

  function setNote(text: string): void {
    note.value = text.trim().slice(0, 200)
    save({ note: note.value })
  }

  function setIdleMinutes(minutes: number): void {
    if (!Number.isFinite(minutes) || minutes < 1) return
    idleMinutes.value = Math.min(240, Math.round(minutes))
    save({ idleMinutes: idleMinutes.value })
  }

  /**
   * A contact is watched through its own account when that account is signed in, else through
   * the default one (or the first that is).
   */
  function addressesFor(accountId: string): string[] {
    const open = new Set(sessions.list().map((s) => s.id))
    const fallback = open.has(account.defaultAccountId)
      ? account.defaultAccountId
      : sessions.list()[0]?.id
    return watched
      .filter((w) => (open.has(w.accountId) ? w.accountId : fallback) === accountId)
      .map((w) => w.aor)
  }

  /** The addresses whose presence to watch (the contacts store keeps this up to date). */
  function watchAddresses(list: readonly WatchedAddress[]): void {
    watched = list
    redistribute()
    // Forget what is no longer watched, so a re-added contact starts from "Unknown".
    const kept = new Set(list.map((w) => w.aor))
    for (const aor of Object.keys(presence)) if (!kept.has(aor)) delete presence[aor]
  }

  function presenceOf(aor: string): Presence {
    return presence[aor] ?? UNKNOWN
  }

  return {
    chosen,
    note,
    idleMinutes,
    idle,
    presence,
    watchedBy,
    inCall,
    published,
    apply,
    setStatus,
    setNote,
    setIdleMinutes,
    watchAddresses,
    presenceOf,
  }
})
