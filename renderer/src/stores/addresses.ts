import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import type { Address, AddressResult, Numbering } from '@shared/address'
import type * as AddressParser from '@shared/address'
import type { DialTarget } from '@shared/links'
import { afterStartup } from '@/startup/deferred'
import { useAccountStore } from './account'

type AddressModule = typeof AddressParser

/**
 * Reads addresses with the signed-in account's domain and the user's default region (the one
 * address model, shared/address). The parser and libphonenumber's numbering plan load when first
 * needed, after start-up (about 0.3 MB of heap a session without numbers never pays): `parse`
 * waits for them, so what is dialled, saved or keyed has its final form; `read` answers at once
 * with what has loaded (for search and display), says `not-ready` before that and starts the
 * load, and `planLoaded` turning true lets computed readers read again.
 */
export const useAddressesStore = defineStore('addresses', () => {
  const account = useAccountStore()
  /** Settings → dialing's default region, kept here by the dial-links store that loads it. */
  const defaultRegion = ref('')
  const parser = shallowRef<{ module: AddressModule; numbering: Numbering } | null>(null)
  let loading: Promise<{ module: AddressModule; numbering: Numbering }> | null = null
  /** True once the parser and the numbering plan are in (national numbers made global). */
  const planLoaded = computed(() => parser.value !== null)

  function loadNumbering(): Promise<{ module: AddressModule; numbering: Numbering }> {
    loading ??= Promise.all([
      import('@shared/address'),
      import('@shared/links/libphonenumber'),
    ]).then(([module, { libphonenumberNumbering }]) => {
      parser.value = { module, numbering: libphonenumberNumbering }
      return parser.value
    })
    return loading
  }
  /** Loads the parser once something needs an address read (not at start-up for nothing). */
  function wantNumbering(): void {
    if (loading) return
    void afterStartup()
      .then(loadNumbering)
      .catch((error: unknown) => console.error('Could not load the address parser', error))
  }

  function domain(): string {
    const aor = account.profile?.aor ?? ''
    return aor.slice(aor.lastIndexOf('@') + 1).replace(/[;?].*$/s, '')
  }

  function parseWith(loaded: { module: AddressModule; numbering: Numbering }, input: string): AddressResult {
    return loaded.module.parseAddress(input, {
      domain: domain(),
      defaultRegion: defaultRegion.value,
      numbering: loaded.numbering,
    })
  }

  /** At once, with what has loaded: for search and display. */
  function read(input: string): AddressResult {
    const loaded = parser.value
    if (!loaded) wantNumbering()
    return loaded ? parseWith(loaded, input) : { ok: false, error: 'invalid', code: 'not-ready' }
  }

  /** With the parser and the full numbering plan: for what is dialled, saved or messaged. */
  async function parse(input: string): Promise<AddressResult> {
    return parseWith(await loadNumbering(), input)
  }

  /** A link's or transfer's target, dialled from this account. */
  async function ofTarget(target: DialTarget): Promise<AddressResult> {
    return (await loadNumbering()).module.addressOfTarget(target, domain())
  }

  /** A stored address (a contact's, a history entry's) to call or message: null if it names no one. */
  async function known(uri: string): Promise<Address | null> {
    const result = await parse(uri)
    return result.ok ? result.address : null
  }

  return { defaultRegion, planLoaded, domain, read, parse, ofTarget, known, loadNumbering }
})
