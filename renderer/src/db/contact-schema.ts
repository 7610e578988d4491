// Contacts as stored in IndexedDB (schema version 3). Plain data only.

export interface StoredContact {
  id?: number
  name: string
  /** Canonical SIP address (normalizeAddress): one contact per address. */
  aor: string
  /** The account whose presence watch and calls it goes through (schema version 6). */
  accountId: string
  /** Phone numbers as the user typed them, for calling. */
  numbers: string[]
  favourite: boolean
  /** Shown as a busy lamp (dialog-event subscription). Not indexed: no schema version needed. */
  lamp?: boolean
  createdAt: number
}

/** Dexie store definitions of version 3. Never edit once released: add a version instead. */
export const contactSchemaV3 = {
  contacts: '++id, &aor, name',
}
