import { computed, shallowReactive } from 'vue'
import { defineStore } from 'pinia'
import type { MessageSummary } from '@shared/dialog/message-summary'
import { loadVoicemail } from '@/sip'
import { useSessions } from '@/composables/useSessions'
import { useAccountStore } from './account'
import { useAddressesStore } from './addresses'
import { useCallsStore } from './calls'
import { useDeskSettingsStore } from './desk-settings'

/**
 * Voicemail waiting: each signed-in account's box (its message-summary NOTIFYs), the new count
 * over all of them for the rail and the tray, and "Voicemail" dialling the account's number.
 * The box module loads after start-up, with this store.
 */
export const useVoicemailStore = defineStore('voicemail', () => {
  const sessions = useSessions()
  const account = useAccountStore()
  const addresses = useAddressesStore()
  const calls = useCallsStore()
  const settings = useDeskSettingsStore()

  /** The latest summary per account id. */
  const boxes = shallowReactive<Record<string, MessageSummary>>({})
  /** New voice messages over every box; a lit lamp with no counts is one. */
  const newCount = computed(() =>
    Object.values(boxes).reduce(
      (sum, box) => sum + (box.voice ? box.voice.new : box.waiting ? 1 : 0),
      0,
    ),
  )

  void loadVoicemail().then(({ VoicemailBox }) => {
    sessions.each((session) => {
      const box = new VoicemailBox({
        sip: session.sip,
        onSummary: (summary) => {
          boxes[session.id] = Object.freeze(summary)
        },
      })
      const remove = session.extend(box.extension)
      return () => {
        remove()
        delete boxes[session.id]
      }
    })
  })

  /** Calls the voicemail number of the default account (or the one given). */
  async function dial(accountId = account.defaultAccountId): Promise<boolean> {
    const number = settings.of(accountId).voicemailNumber
    const target = number ? await addresses.known(number) : null
    if (!target) return false
    return calls.dial(target, false, accountId)
  }

  return { boxes, newCount, dial }
})
