import { computed, ref, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import { loadDatabase } from '@/db/load'
import { ContactRepository } from '@/db/contacts'
import type { StoredContact } from '@/db/contact-schema'
import { useAccountStore } from './account'
import { useAddressesStore } from './addresses'
import { usePresenceStore } from './presence'

export interface ContactForm {
  name: string
  address: string
  /** Comma- or newline-separated, as typed. */
  numbers: string
  favourite: boolean
}

export type ContactFormErrors = Partial<Record<'name' | 'address' | 'form', string>>

/** Favourites first, then by name as people read it. */
const collator = new Intl.Collator(undefined, { sensitivity: 'base' })
function byFavouriteThenName(a: StoredContact, b: StoredContact): number {
  if (a.favourite !== b.favourite) return a.favourite ? -1 : 1
  return collator.compare(a.name, b.name)
}

type Checked = { ok: true; contact: StoredContact } | { ok: false; errors: ContactFormErrors }

/**
 * The address book (IndexedDB) and the search over it; every contact's presence is watched.
 * The list is replaced, never changed in place, and its records are frozen: thousands of
 * contacts cost no proxies, and an import is one change (one sort, one update of the watched
 * addresses, one render), however many it brings.
 */
export const useContactsStore = defineStore('contacts', () => {
  // After start-up: contacts are not needed to register.
  const repository = loadDatabase().then((db) => new ContactRepository(db))
  const addresses = useAddressesStore()
  const account = useAccountStore()
  const presence = usePresenceStore()

  const contacts = shallowRef<readonly StoredContact[]>([])
  const query = ref('')
  const loaded = ref(false)

  const sorted = computed(() => [...contacts.value].sort(byFavouriteThenName))
  const shown = computed(() => {
    const q = query.value.trim().toLowerCase()
    if (!q) return sorted.value
    return sorted.value.filter(
      (c) =>
        c.name.toLowerCase().includes(q) ||
        c.aor.toLowerCase().includes(q) ||
        c.numbers.some((n) => n.toLowerCase().includes(q)),
    )
  })
  const byAor = computed(() => new Map(contacts.value.map((c) => [c.aor, c])))

  // Favourites first, as listed: they are subscribed first (the presence manager watches only the
  // first MAX_WATCHES).
  watch(sorted, (list) =>
    presence.watchAddresses(list.map((c) => ({ aor: c.aor, accountId: c.accountId }))),
  )

  async function load(): Promise<void> {
    const stored = await (await repository).list()
    contacts.value = stored.map((c) => Object.freeze(c))
    loaded.value = true
  }

  /** The account a new contact belongs to: the default one. */
  function accountIdFor(existing: StoredContact | undefined): string {
    return existing?.accountId ?? account.defaultAccountId
  }

  /** The record a form describes, or why it cannot be one; `taken`: addresses already in use. */
  function check(form: ContactForm, taken: ReadonlyMap<string, number | undefined>, id?: number): Checked {
    // Stored as its key: the same peer is found by the same string in history and chat.
    const address = addresses.read(form.address)
    if (!address.ok) return { ok: false, errors: { address: `contacts.errors.${address.error}` } }
    const aor = address.address.key
    if (taken.has(aor) && (id === undefined || taken.get(aor) !== id)) {
      return { ok: false, errors: { address: 'contacts.errors.duplicate' } }
    }
    const name = form.name.trim() || aor.replace(/^sips?:/, '').split('@')[0] || aor
    const existing = id === undefined ? undefined : contacts.value.find((c) => c.id === id)
    return {
      ok: true,
      contact: {
        ...(id !== undefined ? { id } : {}),
        name: name.slice(0, 200),
        aor,
        accountId: accountIdFor(existing),
        numbers: form.numbers
          .split(/[,\n]/)
          .map((n) => n.trim())
          .filter(Boolean)
          .slice(0, 20),
        favourite: form.favourite,
        // The form does not show the lamp: editing a contact keeps it as it was.
        ...(existing?.lamp ? { lamp: true } : {}),
        createdAt: existing?.createdAt ?? Date.now(),
      },
    }
  }

  function takenAddresses(): Map<string, number | undefined> {
    return new Map(contacts.value.map((c) => [c.aor, c.id]))
  }

  /** Checks and saves the form (a new contact when `id` is undefined); errors, or null when saved. */
  async function save(form: ContactForm, id?: number): Promise<ContactFormErrors | null> {
    await addresses.loadNumbering()
    const checked = check(form, takenAddresses(), id)
    if (!checked.ok) return checked.errors
    const contact = checked.contact
    try {
      const saved = await (await repository).save(contact)
      contacts.value = [
        ...contacts.value.filter((c) => c.id !== saved),
        Object.freeze({ ...contact, id: saved }),
      ]
      return null
    } catch (error) {
      console.error('Could not save the contact', error)
      return { form: 'contacts.errors.saveFailed' }
    }
  }

  /** Turns a contact's busy lamp on or off. */
  async function setLamp(id: number, on: boolean): Promise<void> {
    const existing = contacts.value.find((c) => c.id === id)
    if (!existing || Boolean(existing.lamp) === on) return
    const { lamp: _old, ...rest } = existing
    const changed: StoredContact = on ? { ...rest, lamp: true } : rest
    await (await repository).save(changed)
    contacts.value = [...contacts.value.filter((c) => c.id !== id), Object.freeze(changed)]
  }

  async function remove(id: number): Promise<void> {
    await (await repository).remove(id)
    contacts.value = contacts.value.filter((c) => c.id !== id)
  }

  /**
   * Adds many at once (vCard import) in one transaction, skipping invalid addresses and those
   * already present (or twice in the import); returns how many were added.
   */
  async function addMany(forms: readonly ContactForm[]): Promise<number> {
    await addresses.loadNumbering()
    const taken = takenAddresses()
    const fresh: StoredContact[] = []
    for (const form of forms) {
      const checked = check(form, taken)
      if (!checked.ok) continue
      taken.set(checked.contact.aor, undefined)
      fresh.push(checked.contact)
    }
    if (fresh.length === 0) return 0
    const ids = await (await repository).addAll(fresh)
    contacts.value = [...contacts.value, ...fresh.map((c, i) => Object.freeze({ ...c, id: ids[i]! }))]
    return fresh.length
  }

  function find(aor: string): StoredContact | undefined {
    return byAor.value.get(aor)
  }

  return { contacts, query, loaded, sorted, shown, load, save, setLamp, remove, addMany, find }
})
