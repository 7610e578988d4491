import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import type { Pinia } from 'pinia'
import { platformKey } from '@/composables/usePlatform'
import { sessionsKey } from '@/composables/useSessions'
import { Sessions } from '@/session/sessions'
import { createBrowserPlatform, createMemoryStorage } from '@/platform/browser'

/**
 * Runs `make` (store creation) in an app that provides `provide`: the stores read the platform
 * and the sessions by inject(), which needs an app's context outside a component.
 */
function runWith<T>(pinia: Pinia, provide: Record<symbol, unknown>, make: () => T): T {
  const app = createApp({})
  for (const key of Object.getOwnPropertySymbols(provide)) app.provide(key, provide[key])
  app.use(pinia)
  return app.runWithContext(make)
}

/**
 * A fresh active Pinia and what the stores inject (a browser platform on memory storage, no
 * sessions yet): `run` makes stores in it; `pinia` and `provide` go to mount()'s `global`.
 */
export function storeTestApp(): {
  pinia: Pinia
  provide: Record<symbol, unknown>
  run: <T>(make: () => T) => T
} {
  const pinia = createPinia()
  setActivePinia(pinia)
  const platform = createBrowserPlatform({
    localStorage: createMemoryStorage(),
    sessionStorage: createMemoryStorage(),
  })
  const provide = { [platformKey as symbol]: platform, [sessionsKey as symbol]: new Sessions() }
  return { pinia, provide, run: (make) => runWith(pinia, provide, make) }
}
