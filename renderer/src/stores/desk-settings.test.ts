import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { platformKey } from '@/composables/usePlatform'
import { createBrowserPlatform } from '@/platform/browser'
import { useDeskSettingsStore, DEFAULT_VOICEMAIL_NUMBER } from './desk-settings'

// The desk-phone preferences without components: the browser platform's real settings over
// localStorage, read back by a fresh platform (as after a restart).
const autoAnswer = vi.hoisted(() => ({ policy: null as unknown }))
vi.mock('./calls', () => ({
  useCallsStore: () => ({ live: [], setAutoAnswer: (p: unknown) => (autoAnswer.policy = p) }),
}))
vi.mock('./presence', () => ({ usePresenceStore: () => ({ chosen: 'available' }) }))

function setup() {
  const app = createApp({})
  app.provide(platformKey, createBrowserPlatform({ localStorage, sessionStorage }))
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return app.runWithContext(() => useDeskSettingsStore())
}

const stored = async () =>
  (await createBrowserPlatform({ localStorage, sessionStorage }).settings.get()).calls

beforeEach(() => localStorage.clear())

describe('desk-phone settings store', () => {
  it('defaults: *97 for voicemail, *8 for pickup, intercom off', async () => {
    const desk = setup()
    await desk.loaded
    expect(desk.of('a1')).toEqual({ voicemailNumber: DEFAULT_VOICEMAIL_NUMBER, pickupCode: '*8' })
    expect(desk.intercom).toBe(false)
  })

  it('keeps what the user sets in the settings, and refuses what cannot be dialled', async () => {
    const desk = setup()
    await desk.loaded
    expect(await desk.set('a1', { voicemailNumber: ' 8500 ' })).toBe(true)
    expect(await desk.set('a1', { pickupCode: '**' })).toBe(true)
    expect(await desk.set('a1', { pickupCode: 'abc' })).toBe(false)
    expect(await desk.set('a1', { voicemailNumber: '<sip:x>' })).toBe(false)
    await desk.setIntercom(true)
    expect(await stored()).toMatchObject({
      intercomAutoAnswer: true,
      deskPhone: { a1: { voicemailNumber: '8500', pickupCode: '**' } },
    })

    setActivePinia(createPinia())
    const again = setup()
    await again.loaded
    expect(again.of('a1')).toEqual({ voicemailNumber: '8500', pickupCode: '**' })
    expect(again.intercom).toBe(true)
  })

  it("moves an earlier build's localStorage values into the settings once", async () => {
    localStorage.setItem(
      'switchboard.desk',
      JSON.stringify({
        accounts: { a1: { voicemailNumber: '123', pickupCode: '#8' }, bad: { voicemailNumber: 1 } },
        intercom: true,
      }),
    )
    const desk = setup()
    await desk.loaded
    expect(desk.of('a1')).toEqual({ voicemailNumber: '123', pickupCode: '#8' })
    expect(desk.intercom).toBe(true)
    expect(localStorage.getItem('switchboard.desk')).toBeNull()
    expect((await stored()).deskPhone).toEqual({ a1: { voicemailNumber: '123', pickupCode: '#8' } })
  })

  it('an intercom page is answered by itself only while the switch is on', async () => {
    const desk = setup()
    await desk.loaded
    const page = {
      request: {
        getHeaders: (name: string) =>
          name === 'Call-Info' ? ['<sip:pbx.example.com>;answer-after=0'] : [],
      },
      remoteIdentity: { uri: { host: 'example.com' } },
    }
    const policy = autoAnswer.policy as (i: unknown, id: string, aor: string) => boolean
    expect(policy(page, 'c1', 'sip:alice@example.com')).toBe(false)
    await desk.setIntercom(true)
    expect(policy(page, 'c1', 'sip:alice@example.com')).toBe(true)
    // Never from another domain.
    const foreign = { ...page, remoteIdentity: { uri: { host: 'evil.example' } } }
    expect(policy(foreign, 'c1', 'sip:alice@example.com')).toBe(false)
  })
})
