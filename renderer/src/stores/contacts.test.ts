import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { createApp, watch } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises } from '@vue/test-utils'
import { SwitchboardDatabase } from '@/db/database'
import type * as DatabaseModule from '@/db/database'
import { useContactsStore } from './contacts'

// The contacts store against a real IndexedDB (fake-indexeddb); presence and the account are
// stand-ins: what matters here is how often the list, and what it drives, changes.
const fakes = vi.hoisted(() => ({
  db: { current: null as unknown },
  watched: [] as string[][],
}))

vi.mock('@/db/database', async (importOriginal) => ({
  ...(await importOriginal<typeof DatabaseModule>()),
  database: () => fakes.db.current,
}))
vi.mock('@/stores/account', () => ({
  useAccountStore: () => ({ profile: { aor: 'sip:alice@example.com' } }),
}))
vi.mock('@/stores/presence', () => ({
  usePresenceStore: () => ({ watchAddresses: (aors: string[]) => fakes.watched.push([...aors]) }),
}))

let n = 0
function setup() {
  const db = new SwitchboardDatabase(`contacts-store-${++n}`)
  fakes.db.current = db
  fakes.watched.length = 0
  const app = createApp({})
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return { db, contacts: app.runWithContext(() => useContactsStore()) }
}

const form = (name: string, address: string) => ({ name, address, numbers: '', favourite: false })

describe('contacts store: import', () => {
  it('adds many in one transaction and one change of the list (one sort, one watch update)', async () => {
    const { db, contacts } = setup()
    await contacts.load()
    await flushPromises()
    fakes.watched.length = 0
    const transaction = vi.spyOn(db, 'transaction')
    let changes = 0
    watch(
      () => contacts.sorted,
      () => (changes += 1),
    )
    const forms = Array.from({ length: 300 }, (_, i) => form(`P ${i}`, `p${i}`))
    // Twice in the file and an invalid address: skipped.
    forms.push(form('Again', 'p7'), form('Broken', 'sip:'))

    expect(await contacts.addMany(forms)).toBe(300)
    await flushPromises()

    expect(transaction).toHaveBeenCalledOnce()
    expect(changes).toBe(1)
    expect(fakes.watched).toHaveLength(1)
    expect(fakes.watched[0]).toHaveLength(300)
    expect(await db.contacts.count()).toBe(300)
    expect(contacts.sorted.slice(0, 3).map((c) => c.name)).toEqual(['P 0', 'P 1', 'P 10'])
    expect(contacts.find('sip:p7@example.com')?.name).toBe('P 7')
  })

  it('skips addresses it already has', async () => {
    const { contacts } = setup()
    await contacts.load()
    expect(await contacts.save(form('Bob', 'bob'))).toBeNull()
    expect(await contacts.addMany([form('Bob again', 'bob'), form('Carol', 'carol')])).toBe(1)
    expect(contacts.sorted.map((c) => c.name)).toEqual(['Bob', 'Carol'])
  })
})
