import { computed, markRaw, ref, shallowReactive, watch } from 'vue'
import { defineStore } from 'pinia'
import { PresenceManager } from '@/sip/presence'
import type { Presence } from '@shared/presence/pidf'
import { publishedStatus } from '@shared/presence/policy'
import { MY_STATUSES } from '@shared/shell/types'
import type { MyStatus } from '@shared/shell/types'
import { useAccountStore } from './account'
import { useCallsStore } from './calls'
import { watchIdle } from './idle-watch'
import { usePlatform } from '@/composables/usePlatform'

const STATUS_KEY = 'switchboard.myStatus'
const NOTE_KEY = 'switchboard.statusNote'
const IDLE_KEY = 'switchboard.idleMinutes'
const DEFAULT_IDLE_MINUTES = 10

const UNKNOWN: Presence = { status: 'unknown', note: '' }

/**
 * Our own status ("My status", its note, and the automatic On the phone / idle Away) and what we
 * know of the people we watch, by SIP address. The PresenceManager stays out of reactive state.
 */
/** How long a call lasts before others read "On the phone". */
const ON_THE_PHONE_DELAY_MS = 1000

export const usePresenceStore = defineStore('presence', () => {
  const manager = markRaw(new PresenceManager())
  useAccountStore().useExtension(manager.extension)
  const calls = useCallsStore()
  const platform = usePlatform()

  const chosen = ref<MyStatus>(readStatus())
  const note = ref(localStorage.getItem(NOTE_KEY) ?? '')
  const idleMinutes = ref(readIdleMinutes())
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

  manager.on('presence', ({ aor, presence: value }) => {
    presence[aor] = Object.freeze(value)
  })
  watch([published, note], ([status, text]) => manager.setOwn(status, text), { immediate: true })

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

  function setStatus(status: MyStatus): void {
    chosen.value = status
    localStorage.setItem(STATUS_KEY, status)
  }

  function setNote(text: string): void {
    note.value = text.trim().slice(0, 200)
    localStorage.setItem(NOTE_KEY, note.value)
  }

  function setIdleMinutes(minutes: number): void {
    if (!Number.isFinite(minutes) || minutes < 1) return
    idleMinutes.value = Math.min(240, Math.round(minutes))
    localStorage.setItem(IDLE_KEY, String(idleMinutes.value))
  }

  /** The addresses whose presence to watch (the contacts store keeps this up to date). */
  function watchAddresses(aors: readonly string[]): void {
    manager.setWatched(aors)
    // Forget what is no longer watched, so a re-added contact starts from "Unknown".
    const kept = new Set(aors)
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
    inCall,
    published,
    setStatus,
    setNote,
    setIdleMinutes,
    watchAddresses,
    presenceOf,
  }
})

function readStatus(): MyStatus {
  const saved = localStorage.getItem(STATUS_KEY)
  return MY_STATUSES.find((s) => s === saved) ?? 'available'
}

function readIdleMinutes(): number {
  const saved = Number(localStorage.getItem(IDLE_KEY))
  return Number.isFinite(saved) && saved >= 1 ? saved : DEFAULT_IDLE_MINUTES
}
