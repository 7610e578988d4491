// Reading and writing contacts. The unique address index keeps one contact per SIP address.
import type { SwitchboardDatabase } from './database'
import type { StoredContact } from './contact-schema'

export class ContactRepository {
  constructor(private readonly db: SwitchboardDatabase) {}

  list(): Promise<StoredContact[]> {
    return this.db.contacts.orderBy('name').toArray()
  }

  /** Adds or, when `id` is set, replaces; resolves with the id. Rejects on a duplicate address. */
  async save(contact: StoredContact): Promise<number> {
    const id = await this.db.contacts.put(contact)
    if (id === undefined) throw new Error('IndexedDB gave the contact no id')
    return id
  }

  /** Adds all in one transaction (all or none); resolves with their ids, in order. */
  async addAll(contacts: readonly StoredContact[]): Promise<number[]> {
    const ids = await this.db.transaction('rw', this.db.contacts, () =>
      this.db.contacts.bulkAdd([...contacts], { allKeys: true }),
    )
    if (ids.some((id) => id === undefined)) throw new Error('IndexedDB gave a contact no id')
    return ids as number[]
  }

  async remove(id: number): Promise<void> {
    await this.db.contacts.delete(id)
  }

  findByAor(aor: string): Promise<StoredContact | undefined> {
    return this.db.contacts.where('aor').equals(aor).first()
  }
}
