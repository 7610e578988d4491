import { ref } from 'vue'
import { defineStore } from 'pinia'
import { DEFAULT_PICKUP_CODE } from '@shared/dialog/pickup'
import { usePlatform } from '@/composables/usePlatform'
import { useCallsStore } from './calls'
import { intercomPolicy } from './intercom'
import { usePresenceStore } from './presence'

/** What each account dials for voicemail and for picking up by code. */
export interface DeskAccountPrefs {
  voicemailNumber: string
  pickupCode: string
}

export const DEFAULT_VOICEMAIL_NUMBER = '*97'
/** Where an earlier build kept these (moved into the settings once, then removed). */
const LEGACY_KEY = 'switchboard.desk'

const DIALLABLE = /^[^\s<>"]{0,64}$/
const CODE = /^[*#0-9]{0,8}$/

interface LegacyPrefs {
  accounts: Record<string, DeskAccountPrefs>
  intercom: boolean
}

function legacyPrefs(storage: Storage | undefined): LegacyPrefs | null {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(LEGACY_KEY) ?? 'null')
    if (!raw || typeof raw !== 'object') return null
    const { accounts, intercom } = raw as Partial<LegacyPrefs>
    const clean: Record<string, DeskAccountPrefs> = {}
    for (const [id, prefs] of Object.entries(accounts ?? {})) {
      if (typeof prefs?.voicemailNumber !== 'string' || typeof prefs.pickupCode !== 'string')
        continue
      if (!DIALLABLE.test(prefs.voicemailNumber) || !CODE.test(prefs.pickupCode)) continue
      clean[id] = { voicemailNumber: prefs.voicemailNumber, pickupCode: prefs.pickupCode }
    }
    return { accounts: clean, intercom: intercom === true }
  } catch {
    return null
  }
}

/**
 * The desk-phone preferences: per account the voicemail number and the pickup code, and whether
 * intercom calls are answered by themselves (off unless the user turns it on). Kept in the
 * settings (calls.deskPhone, calls.intercomAutoAnswer), checked by their schema.
 */
export const useDeskSettingsStore = defineStore('desk-settings', () => {
  const platform = usePlatform()
  const accounts = ref<Record<string, DeskAccountPrefs>>({})
  const intercom = ref(false)

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

  /** Reads the settings; moves what an earlier build kept in localStorage into them, once. */
  async function load(): Promise<void> {
    const saved = (await platform.settings.get()).calls
    accounts.value = { ...saved.deskPhone }
    intercom.value = saved.intercomAutoAnswer
    const storage = typeof localStorage === 'undefined' ? undefined : localStorage
    const legacy = legacyPrefs(storage)
    if (!legacy) return
    accounts.value = { ...legacy.accounts, ...accounts.value }
    intercom.value ||= legacy.intercom
    await save()
    storage?.removeItem(LEGACY_KEY)
  }
  const loaded = load().catch((error: unknown) =>
    console.warn('Could not read the desk-phone settings', error),
  )

  async function save(): Promise<void> {
    await platform.settings.set({
      calls: { deskPhone: accounts.value, intercomAutoAnswer: intercom.value },
    })
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
  async function set(accountId: string, patch: Partial<DeskAccountPrefs>): Promise<boolean> {
    const next = { ...of(accountId), ...patch }
    next.voicemailNumber = next.voicemailNumber.trim()
    next.pickupCode = next.pickupCode.trim()
    if (!DIALLABLE.test(next.voicemailNumber) || !CODE.test(next.pickupCode)) return false
    accounts.value = { ...accounts.value, [accountId]: next }
    await save()
    return true
  }

  async function setIntercom(on: boolean): Promise<void> {
    intercom.value = on
    await save()
  }

  return { accounts, intercom, loaded, of, set, setIntercom }
})
