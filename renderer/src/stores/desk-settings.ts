import { ref } from 'vue'
import { defineStore } from 'pinia'
import { DEFAULT_PICKUP_CODE } from '@shared/dialog/pickup'
import { useCallsStore } from './calls'
import { intercomPolicy } from './intercom'
import { usePresenceStore } from './presence'

/** What each account dials for voicemail and for picking up by code. */
export interface DeskAccountPrefs {
  voicemailNumber: string
  pickupCode: string
}

export const DEFAULT_VOICEMAIL_NUMBER = '*97'
const KEY = 'switchboard.desk'

interface Stored {
  accounts: Record<string, DeskAccountPrefs>
  intercom: boolean
}

const DIALLABLE = /^[^\s<>"]{0,64}$/
const CODE = /^[*#0-9]{0,8}$/

function load(storage: Storage | undefined): Stored {
  const empty: Stored = { accounts: {}, intercom: false }
  try {
    const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null')
    if (!raw || typeof raw !== 'object') return empty
    const { accounts, intercom } = raw as Partial<Stored>
    const clean: Record<string, DeskAccountPrefs> = {}
    for (const [id, prefs] of Object.entries(accounts ?? {})) {
      if (typeof prefs?.voicemailNumber !== 'string' || typeof prefs.pickupCode !== 'string') continue
      if (!DIALLABLE.test(prefs.voicemailNumber) || !CODE.test(prefs.pickupCode)) continue
      clean[id] = { voicemailNumber: prefs.voicemailNumber, pickupCode: prefs.pickupCode }
    }
    return { accounts: clean, intercom: intercom === true }
  } catch {
    return empty
  }
}

/**
 * The desk-phone preferences: per account the voicemail number and the pickup code, and whether
 * intercom calls are answered by themselves (off unless the user turns it on). Kept in this
 * profile's localStorage for now, apart from the settings file's schema (see the README's
 * desk-phone section), and checked when read back.
 */
export const useDeskSettingsStore = defineStore('desk-settings', () => {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage
  const initial = load(storage)
  const accounts = ref<Record<string, DeskAccountPrefs>>(initial.accounts)
  const intercom = ref(initial.intercom)

  // Intercom pages are answered by themselves only while this allows it (see intercom.ts).
  const calls = useCallsStore()
  const presence = usePresenceStore()
  calls.setAutoAnswer(
    intercomPolicy({
      allowed: () => intercom.value,
      doNotDisturb: () => presence.chosen === 'dnd',
      otherCalls: (callId) => calls.live.filter((c) => c.id !== callId).length,
    }),
  )

  function save(): void {
    storage?.setItem(KEY, JSON.stringify({ accounts: accounts.value, intercom: intercom.value }))
  }

  function of(accountId: string): DeskAccountPrefs {
    return (
      accounts.value[accountId] ?? {
        voicemailNumber: DEFAULT_VOICEMAIL_NUMBER,
        pickupCode: DEFAULT_PICKUP_CODE,
      }
    )
  }

  /** Sets a field; false (and nothing saved) when the value is not usable. */
  function set(accountId: string, patch: Partial<DeskAccountPrefs>): boolean {
    const next = { ...of(accountId), ...patch }
    next.voicemailNumber = next.voicemailNumber.trim()
    next.pickupCode = next.pickupCode.trim()
    if (!DIALLABLE.test(next.voicemailNumber) || !CODE.test(next.pickupCode)) return false
    accounts.value = { ...accounts.value, [accountId]: next }
    save()
    return true
  }

  function setIntercom(on: boolean): void {
    intercom.value = on
    save()
  }

  return { accounts, intercom, of, set, setIntercom }
})
