// The address bar's search over the stores' lists; loaded after start-up with the contacts store
// (the first bundle only registers and rings).
import { useAddressesStore } from '@/stores/addresses'
import { useCallsStore } from '@/stores/calls'
import { useChatStore } from '@/stores/chat'
import { useContactsStore } from '@/stores/contacts'
import { suggest } from './suggestions'
import type { Suggestion } from './suggestions'

export type Search = (query: string) => Suggestion[]

/** Reactive: called inside a computed, it tracks the lists it reads. */
export function createSearch(): Search {
  const addresses = useAddressesStore()
  const calls = useCallsStore()
  const chat = useChatStore()
  const contacts = useContactsStore()
  // A contact's numbers are parsed once, not at every keystroke (until the numbering plan loads).
  const keys = new Map<string, string | null>()
  let plan = addresses.planLoaded
  const keyOf = (text: string): string | null => {
    if (plan !== addresses.planLoaded) {
      keys.clear()
      plan = addresses.planLoaded
    }
    let key = keys.get(text)
    if (key === undefined) {
      const parsed = addresses.read(text)
      key = parsed.ok ? parsed.address.key : null
      keys.set(text, key)
    }
    return key
  }
  return (query) =>
    suggest(query, {
      contacts: contacts.contacts,
      history: calls.history,
      conversations: chat.conversations,
      keyOf,
    })
}
