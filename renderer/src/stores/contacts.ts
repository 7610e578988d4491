import { computed, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { database } from '@/db/database'
import { ContactRepository } from '@/db/contacts'
import type { StoredContact } from '@/db/contact-schema'
import { domainOf, normalizeAddress } from '@/sip/address'
import { useAccountStore } from './account'
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
function byFavouriteThenName(a: StoredContact, b: StoredContact): number {
  if (a.favourite !== b.favourite) return a.favourite ? -1 : 1
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })
}

/** The address book (IndexedDB) and the search over it; every contact's presence is watched. */
export const useContactsStore = defineStore('contacts', () => {
  const repository = new ContactRepository(database())
  const account = useAccountStore()
  const presence = usePresenceStore()

  const contacts = ref<StoredContact[]>([])
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

  watch(
    // Favourites first: the presence manager watches only the first MAX_WATCHES.
    () => sorted.value.map((c) => c.aor),
    (aors) => presence.watchAddresses(aors),
  )

  async function load(): Promise<void> {
    contacts.value = await repository.list()
    loaded.value = true
  }

  function domain(): string {
    return domainOf(account.profile?.aor ?? '')
  }

  /** Checks and saves the form (a new contact when `id` is undefined); errors, or null when saved. */
  async function save(form: ContactForm, id?: number): Promise<ContactFormErrors | null> {
    const address = normalizeAddress(form.address, domain())
    if (!address.ok) return { address: `contacts.errors.${address.error}` }
    const aor = address.aor
    const clash = contacts.value.find((c) => c.aor === aor && c.id !== id)
    if (clash) return { address: 'contacts.errors.duplicate' }
    const name = form.name.trim() || aor.replace(/^sips?:/, '').split('@')[0] || aor
    const existing = id === undefined ? undefined : contacts.value.find((c) => c.id === id)
    const contact: StoredContact = {
      ...(id !== undefined ? { id } : {}),
      name: name.slice(0, 200),
      aor,
      numbers: form.numbers
        .split(/[,\n]/)
        .map((n) => n.trim())
        .filter(Boolean)
        .slice(0, 20),
      favourite: form.favourite,
      createdAt: existing?.createdAt ?? Date.now(),
    }
    try {
      const saved = await repository.save(contact)
      contacts.value = [...contacts.value.filter((c) => c.id !== saved), { ...contact, id: saved }]
      return null
    } catch (error) {
      console.error('Could not save the contact', error)
      return { form: 'contacts.errors.saveFailed' }
    }
  }

  async function remove(id: number): Promise<void> {
    await repository.remove(id)
    contacts.value = contacts.value.filter((c) => c.id !== id)
  }

  /** Adds many at once (vCard import), skipping addresses already present; returns how many. */
  async function addMany(forms: ContactForm[]): Promise<number> {
    let added = 0
    for (const form of forms) {
      if ((await save(form)) === null) added += 1
    }
    return added
  }

  function find(aor: string): StoredContact | undefined {
    return byAor.value.get(aor)
  }

  return { contacts, query, loaded, sorted, shown, load, save, remove, addMany, find }
})
