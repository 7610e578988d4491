import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises } from '@vue/test-utils'
import { platformKey } from '@/composables/usePlatform'
import { requestDial } from '@/composables/dialRequests'
import { createBrowserPlatform } from '@/platform/browser'
import type { PageAddress } from '@/platform/browser-shell'
import { useAccountStore } from './account'
import { useCallsStore } from './calls'
import { useDialLinksStore } from './dial-links'

// Stand-ins: the account store's sign-in flag and the calls store's dial, nothing else is used.
vi.mock('@/stores/account', async () => {
  const { reactive } = await import('vue')
  const state = reactive({
    signedIn: false,
    statusKind: 'registered',
    profile: { aor: 'sip:alice@example.com' },
  })
  return { useAccountStore: () => state }
})
vi.mock('@/stores/calls', async () => {
  const { vi } = await import('vitest')
  const dial = vi.fn((_target: unknown, _video?: boolean) => true)
  const followTransfer = vi.fn((_id: string, _video?: boolean) => true)
  const declineTransfer = vi.fn((_id: string) => undefined)
  return { useCallsStore: () => ({ dial, followTransfer, declineTransfer }) }
})

const account = useAccountStore() as unknown as { signedIn: boolean; statusKind: string }
const dial = useCallsStore().dial as ReturnType<typeof vi.fn>
const calls = useCallsStore() as unknown as Record<
  'followTransfer' | 'declineTransfer',
  ReturnType<typeof vi.fn>
>

function page(href: string): PageAddress & { current: string } {
  const address = {
    current: href,
    href: () => address.current,
    replace: (next: string) => {
      address.current = next
    },
  }
  return address
}

async function setup(href = 'http://127.0.0.1:8080/') {
  const address = page(href)
  const platform = createBrowserPlatform({ localStorage, sessionStorage, page: address })
  const app = createApp({})
  app.provide(platformKey, platform)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  const store = app.runWithContext(() => useDialLinksStore())
  await store.start()
  await platform.app.ready()
  await flushPromises()
  return { store, platform, address }
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  account.signedIn = false
  account.statusKind = 'registered'
  dial.mockClear()
  calls.followTransfer.mockClear()
  calls.declineTransfer.mockClear()
})

describe('dial links store', () => {
  it('keeps a cold-start link until sign-in, then asks to confirm the normalised target', async () => {
    const { store, address } = await setup('http://127.0.0.1:8080/?dial=tel%3A%2B1-201-555-0123')
    expect(address.current).toBe('http://127.0.0.1:8080/')
    expect(store.prompt).toBeNull()
    expect(store.waiting).not.toBeNull()
    account.signedIn = true
    await flushPromises()
    expect(store.prompt).toMatchObject({
      kind: 'confirm',
      target: { dial: '+12015550123', display: '+1 201 555 0123' },
    })
    expect(dial).not.toHaveBeenCalled()
    store.confirm()
    // A number is dialled at the account's own domain, as one parsed address.
    // The parser loads on first use: the call follows within moments.
    await vi.waitFor(() =>
      expect(dial).toHaveBeenCalledWith(
        expect.objectContaining({ kind: 'number', uri: 'sip:+12015550123@example.com' }),
        false,
        undefined,
        { postDialDigits: '' },
      ),
    )
    expect(store.prompt).toBeNull()
  })

  it("dials a tel: link's number and hands its extension on as digits for after connect", async () => {
    account.signedIn = true
    const { store } = await setup(
      `http://127.0.0.1:8080/?dial=${encodeURIComponent('tel:+1-201-555-0123;ext=42')}`,
    )
    expect(store.prompt).toMatchObject({ kind: 'confirm', target: { extension: '42' } })
    store.confirm()
    await vi.waitFor(() =>
      expect(dial).toHaveBeenCalledWith(
        expect.objectContaining({ uri: 'sip:+12015550123@example.com' }),
        false,
        undefined,
        { postDialDigits: '42' },
      ),
    )
  })

  it('dials nothing when cancelled', async () => {
    account.signedIn = true
    const { store } = await setup('http://127.0.0.1:8080/?dial=sip%3Abob%40example.com')
    expect(store.prompt).toMatchObject({ kind: 'confirm', target: { dial: 'sip:bob@example.com' } })
    store.dismiss()
    expect(store.prompt).toBeNull()
    expect(dial).not.toHaveBeenCalled()
  })

  it.each([
    ['sip:bob%0d%0aVia:evil@x', 'control-characters'],
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['sip:', 'empty'],
  ])('shows why %s cannot be dialed, and dials nothing', async (link, code) => {
    account.signedIn = true
    const { store } = await setup(`http://127.0.0.1:8080/?dial=${encodeURIComponent(link)}`)
    expect(store.prompt).toEqual({ kind: 'error', code })
    store.confirm()
    expect(dial).not.toHaveBeenCalled()
  })

  it('dials at once when links are not to be confirmed', async () => {
    account.signedIn = true
    const { store } = await setup()
    await store.setDialing({ confirmLinks: false })
    store.requestLink('sip:carol@example.com')
    await flushPromises()
    expect(store.prompt).toBeNull()
    await vi.waitFor(() =>
      expect(dial).toHaveBeenCalledWith(
        expect.objectContaining({ uri: 'sip:carol@example.com' }),
        false,
        undefined,
        { postDialDigits: '' },
      ),
    )
  })

  it('still shows an error at once for a bad link with confirmation off', async () => {
    account.signedIn = true
    const { store } = await setup()
    await store.setDialing({ confirmLinks: false })
    store.requestLink('sip:bob@exa mple.com')
    await flushPromises()
    expect(store.prompt?.kind).toBe('error')
    expect(dial).not.toHaveBeenCalled()
  })

  it('normalises national numbers with the default region setting', async () => {
    account.signedIn = true
    const { store } = await setup()
    await store.setDialing({ defaultRegion: 'GB' })
    store.requestLink('tel:020 7946 0958')
    await flushPromises()
    expect(store.prompt).toMatchObject({ target: { dial: '+442079460958' } })
  })

  it('takes the links chat messages ask to dial', async () => {
    account.signedIn = true
    const { store } = await setup()
    expect(requestDial('sip:dave@example.com')).toBe(true)
    await flushPromises()
    expect(store.prompt).toMatchObject({
      kind: 'confirm',
      target: { dial: 'sip:dave@example.com' },
    })
  })

  it('waits for the REGISTER of a restored session before dialing', async () => {
    account.signedIn = true
    account.statusKind = 'connecting'
    const { store } = await setup()
    await store.setDialing({ confirmLinks: false })
    store.requestLink('sip:bob@example.com')
    await flushPromises()
    expect(dial).not.toHaveBeenCalled()
    account.statusKind = 'registered'
    await flushPromises()
    await vi.waitFor(() =>
      expect(dial).toHaveBeenCalledWith(
        expect.objectContaining({ uri: 'sip:bob@example.com' }),
        false,
        undefined,
        { postDialDigits: '' },
      ),
    )
  })

  it('lets a newer link replace one still waiting for sign-in', async () => {
    const { store } = await setup()
    store.requestLink('sip:one@example.com')
    store.requestLink('sip:two@example.com')
    account.signedIn = true
    await flushPromises()
    expect(store.prompt).toMatchObject({ target: { dial: 'sip:two@example.com' } })
  })
})

describe('dial links store: a transfer the other side asks for (REFER)', () => {
  const request = (id: string, target: string) => ({
    id,
    callId: 'call-1',
    from: { uri: 'sip:bob@127.0.0.1', name: 'Bob Builder' },
    target,
    fromOwnDomain: true,
  })

  it('asks through "Confirm call"; Call follows it audio only, Cancel declines it', async () => {
    const { store } = await setup()
    await store.askTransfer(request('t1', 'sip:carol@127.0.0.1'))
    expect(store.prompt).toMatchObject({
      kind: 'transfer',
      id: 't1',
      from: 'Bob Builder',
      target: { dial: 'sip:carol@127.0.0.1' },
    })
    store.confirm()
    expect(calls.followTransfer).toHaveBeenCalledWith('t1', false)
    expect(dial).not.toHaveBeenCalled()

    await store.askTransfer(request('t2', 'sip:carol@127.0.0.1'))
    store.dismiss()
    expect(calls.declineTransfer).toHaveBeenCalledWith('t2')
    expect(calls.followTransfer).toHaveBeenCalledTimes(1)
  })

  it('declines, without asking, a target the link parser refuses or had to trim', async () => {
    const { store } = await setup()
    await store.askTransfer(request('t3', 'sip:carol@127.0.0.1;maddr=10.0.0.1'))
    await store.askTransfer(request('t4', 'sip:car\u0000ol@127.0.0.1'))
    expect(store.prompt).toBeNull()
    expect(calls.declineTransfer.mock.calls).toEqual([['t3'], ['t4']])
  })

  it('a prompt that replaces a waiting transfer declines it', async () => {
    const { store } = await setup()
    account.signedIn = true
    await store.askTransfer(request('t5', 'sip:carol@127.0.0.1'))
    store.requestLink('sip:dave@127.0.0.1')
    await flushPromises()
    expect(calls.declineTransfer).toHaveBeenCalledWith('t5')
    expect(store.prompt).toMatchObject({ kind: 'confirm' })
  })
})
