import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { createAppI18n } from '@/i18n'
import { platformKey } from '@/composables/usePlatform'
import { sessionsKey } from '@/composables/useSessions'
import { Sessions } from '@/session/sessions'
import { createBrowserPlatform, createMemoryStorage } from '@/platform/browser'
import { useAccountStore } from '@/stores/account'
import AccountStatus from './AccountStatus.vue'

describe('AccountStatus', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs its one-second clock only while the reconnect countdown shows', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const platform = createBrowserPlatform({
      localStorage: createMemoryStorage(),
      sessionStorage: createMemoryStorage(),
    })
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval')
    const clearIntervalSpy = vi.spyOn(globalThis, 'clearInterval')
    const wrapper = mount(AccountStatus, {
      global: {
        plugins: [pinia, createAppI18n()],
        provide: { [platformKey as symbol]: platform, [sessionsKey as symbol]: new Sessions() },
      },
    })
    const account = useAccountStore()
    // Idle (registered or not, no reconnect planned): nothing wakes the page.
    expect(setIntervalSpy).not.toHaveBeenCalled()

    const failed = {
      accountId: 'a',
      connection: 'disconnected' as const,
      registration: { kind: 'failed' as const, reason: 'unreachable' as const },
      reconnect: { attempt: 1, at: Date.now() + 5000 },
    }
    account.defaultAccountId = 'a'
    account.states = { a: failed }
    await nextTick()
    expect(wrapper.text()).toContain('Reconnecting in 5 s')
    expect(setIntervalSpy).toHaveBeenCalledOnce()
    vi.advanceTimersByTime(2000)
    await nextTick()
    expect(wrapper.text()).toContain('Reconnecting in 3 s')

    account.states = { a: { ...failed, reconnect: null } }
    await nextTick()
    expect(clearIntervalSpy).toHaveBeenCalledWith(setIntervalSpy.mock.results[0]?.value)
    wrapper.unmount()
  })
})
