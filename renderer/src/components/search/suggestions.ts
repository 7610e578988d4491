// Suggestions under "Number or SIP address" as the user types: contacts (name, address, numbers),
// call history and conversations, merged by the peer's key (one entry per person and address or
// number), ranked favourites first, then the most recent, then those that start with what is
// typed, then by name. Pure: the address bar's search component feeds it the stores' lists.
import { displayAddress, keyOfUri } from '@shared/address'

export interface Suggestion {
  /** The peer's key (shared/address): unique in the list. */
  key: string
  /** What is dialled or messaged when chosen: parsed again like anything typed. */
  target: string
  /** A contact's name, else the display name last seen, else the address. */
  name: string
  /** The address or number, as shown. */
  detail: string
  favourite: boolean
  /** Last call or message with this peer (ms since the epoch); 0 for never. */
  lastAt: number
  /** The address to show presence for (a contact's SIP address); null for a number. */
  presence: string | null
}

export interface SuggestionSources {
  contacts: readonly {
    name: string
    aor: string
    numbers: readonly string[]
    favourite: boolean
  }[]
  history: readonly { peer: string; peerName: string; startedAt: number }[]
  conversations: readonly { peer: string; displayName: string; lastAt: number }[]
  /** The key of a number or address as typed (a contact's numbers); null when it names no one. */
  keyOf: (text: string) => string | null
}

export const MAX_SUGGESTIONS = 8

interface Candidate extends Suggestion {
  /** Lower-case texts the query is looked for in. */
  haystack: string[]
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base' })

/** Digits and the dial characters, for matching numbers however they are written. */
function dialChars(text: string): string {
  return text.replace(/[^0-9+*#]/g, '')
}

function looksLikeNumberQuery(query: string): boolean {
  return /^[0-9+*#(][0-9+*#\s().-]*$/.test(query)
}

export function suggest(query: string, sources: SuggestionSources, limit = MAX_SUGGESTIONS): Suggestion[] {
  const q = query.trim().toLowerCase()
  if (q === '') return []
  const byKey = new Map<string, Candidate>()
  const add = (candidate: Candidate): void => {
    const known = byKey.get(candidate.key)
    if (!known) {
      byKey.set(candidate.key, candidate)
      return
    }
    known.lastAt = Math.max(known.lastAt, candidate.lastAt)
    known.haystack.push(...candidate.haystack)
  }

  // Contacts first: their names win over names seen in history or chat.
  for (const contact of sources.contacts) {
    add({
      key: contact.aor,
      target: contact.aor,
      name: contact.name,
      detail: displayAddress(contact.aor),
      favourite: contact.favourite,
      lastAt: 0,
      presence: contact.aor,
      haystack: [contact.name.toLowerCase(), displayAddress(contact.aor).toLowerCase()],
    })
    for (const number of contact.numbers) {
      const key = sources.keyOf(number)
      if (!key) continue
      add({
        key,
        target: number,
        name: contact.name,
        detail: number,
        favourite: contact.favourite,
        lastAt: 0,
        presence: null,
        haystack: [contact.name.toLowerCase(), number.toLowerCase()],
      })
    }
  }
  const met = (peer: string, name: string, at: number): void => {
    const key = keyOfUri(peer)
    if (!key) return
    const detail = displayAddress(peer)
    add({
      key,
      target: peer,
      name: name || detail,
      detail,
      favourite: false,
      lastAt: at,
      presence: null,
      haystack: [name.toLowerCase(), detail.toLowerCase()],
    })
  }
  for (const call of sources.history) met(call.peer, call.peerName, call.startedAt)
  for (const conversation of sources.conversations) {
    met(conversation.peer, conversation.displayName, conversation.lastAt)
  }

  const digits = looksLikeNumberQuery(q) ? dialChars(q) : ''
  const matches = (c: Candidate): boolean =>
    c.haystack.some((text) => text.includes(q) || (digits !== '' && dialChars(text).includes(digits)))
  const startsWith = (c: Candidate): boolean =>
    c.haystack.some((text) => text.startsWith(q) || text.split(/\s+/).some((w) => w.startsWith(q)))

  return [...byKey.values()]
    .filter(matches)
    .sort(
      (a, b) =>
        Number(b.favourite) - Number(a.favourite) ||
        b.lastAt - a.lastAt ||
        Number(startsWith(b)) - Number(startsWith(a)) ||
        collator.compare(a.name, b.name),
    )
    .slice(0, limit)
    .map(({ haystack: _haystack, ...suggestion }) => suggestion)
}
