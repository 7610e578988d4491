import { createApp } from 'vue'
import type { createPinia } from 'pinia'

/**
 * Runs `make` (store creation) in an app that provides `provide`: the stores read the platform
 * and the sessions by inject(), which needs an app's context outside a component.
 */
export function runWith<T>(
  pinia: ReturnType<typeof createPinia>,
  provide: Record<symbol, unknown>,
  make: () => T,
): T {
  const app = createApp({})
  for (const key of Object.getOwnPropertySymbols(provide)) app.provide(key, provide[key])
  app.use(pinia)
  return app.runWithContext(make)
}
