import { describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useAddressesStore } from './addresses'

// The account store stand-in: only the signed-in address is read.
vi.mock('@/stores/account', () => ({
  useAccountStore: () => ({ profile: { aor: 'sip:alice@pbx.example.com' } }),
}))

function store() {
  setActivePinia(createPinia())
  return useAddressesStore()
}

describe('addresses store', () => {
  it('completes user names and numbers with the account domain', async () => {
    const addresses = store()
    expect(addresses.domain()).toBe('pbx.example.com')
    expect(await addresses.parse('bob')).toMatchObject({
      ok: true,
      address: { kind: 'user', uri: 'sip:bob@pbx.example.com' },
    })
    expect(await addresses.parse('1001')).toMatchObject({
      ok: true,
      address: { kind: 'number', uri: 'sip:1001@pbx.example.com' },
    })
  })

  it('parse waits for the parser and numbering plan; read uses what is loaded', async () => {
    const addresses = store()
    addresses.defaultRegion = 'GB'
    const typed = '020 7946 0958'
    if (!addresses.planLoaded) expect(addresses.read(typed)).toMatchObject({ code: 'not-ready' })
    const final = await addresses.parse(typed)
    expect(final).toMatchObject({ ok: true, address: { number: '+442079460958' } })
    expect(addresses.planLoaded).toBe(true)
    expect(addresses.read(typed)).toEqual(final)
  })

  it('says why nothing can be dialled', async () => {
    const addresses = store()
    expect(await addresses.parse('  ')).toMatchObject({ ok: false, error: 'empty' })
    expect(await addresses.parse('two words')).toMatchObject({ ok: false, error: 'invalid' })
    expect(await addresses.known('not an address')).toBeNull()
  })
})
