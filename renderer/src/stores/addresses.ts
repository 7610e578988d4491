import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import { addressOfTarget, parseAddress, plainNumbering } from '@shared/address'
import type { Address, AddressContext, AddressResult, Numbering } from '@shared/address'
import type { DialTarget } from '@shared/links'
import { afterStartup } from '@/startup/deferred'
import { useAccountStore } from './account'

/**
 * Reads addresses with the signed-in account's domain and the user's default region (the one
 * address model, shared/address). libphonenumber's numbering plan loads after start-up, not with
 * the app; `read` uses whatever is loaded (for display and search), `parse` waits for it, so
 * what is dialled, saved or keyed has its final form.
 */
export const useAddressesStore = defineStore('addresses', () => {
  const account = useAccountStore()
  /** Settings → dialing's default region, kept here by the dial-links store that loads it. */
  const defaultRegion = ref('')
  const numbering = shallowRef<Numbering>(plainNumbering)
  let loading: Promise<Numbering> | null = null
  /** True once libphonenumber's plan is in use (national numbers made global). */
  const planLoaded = computed(() => numbering.value !== plainNumbering)

  function loadNumbering(): Promise<Numbering> {
    loading ??= import('@shared/links/libphonenumber').then(({ libphonenumberNumbering }) => {
      numbering.value = libphonenumberNumbering
      return libphonenumberNumbering
    })
    return loading
  }
  void afterStartup()
    .then(loadNumbering)
    .catch((error: unknown) => console.error('Could not load the numbering plan', error))

  function domain(): string {
    const aor = account.profile?.aor ?? ''
    return aor.slice(aor.lastIndexOf('@') + 1).replace(/[;?].*$/s, '')
  }

  function context(plan: Numbering): AddressContext {
    return { domain: domain(), defaultRegion: defaultRegion.value, numbering: plan }
  }

  /** At once, with the numbering plan loaded so far: for what is only shown. */
  function read(input: string): AddressResult {
    return parseAddress(input, context(numbering.value))
  }

  /** With the full numbering plan: for what is dialled, saved or messaged. */
  async function parse(input: string): Promise<AddressResult> {
    return parseAddress(input, context(await loadNumbering()))
  }

  /** A link's or transfer's target, dialled from this account. */
  function ofTarget(target: DialTarget): AddressResult {
    return addressOfTarget(target, domain())
  }

  /** An address known to be whole (a contact's, a history entry's): null if it is not. */
  function known(uri: string): Address | null {
    const result = read(uri)
    return result.ok ? result.address : null
  }

  return { defaultRegion, planLoaded, domain, read, parse, ofTarget, known, loadNumbering }
})
