// The app: Vue, the stores and the shell, loaded by main.ts once the accounts are connecting.
// It takes over the sessions start-up opened (it never opens them again), mounts the shell and,
// once the REGISTER is answered, loads what registering does not need.

import { createApp, watch } from 'vue'
import type { WatchSource } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { applyLocale, createAppI18n, loadLaterMessages } from './i18n'
import { platformKey } from './composables/usePlatform'
import { sessionsKey } from './composables/useSessions'
import type { Sessions } from './session/sessions'
import type { Platform, StartupSettings } from './platform/types'
import type { MediaDevicesService } from './media/device-service'
import { migrateLocalPreferences } from './platform/local-preferences'
import { useAccountStore } from './stores/account'
import { useCallsStore } from './stores/calls'
import { useChatStore } from './stores/chat'
import { usePresenceStore } from './stores/presence'
import { useAppearanceStore } from './stores/appearance'
import { deviceServiceKey, useDevicesStore } from './stores/devices'
import { useNoticesStore } from './stores/notices'
import { releaseDeferredWork } from './startup/deferred'

/** How long the deferred work waits for the first REGISTER's answer. */
const DEFERRED_WAIT_MS = 3000

export interface StartedSessions {
  platform: Platform
  saved: StartupSettings
  sessions: Sessions
  devices: MediaDevicesService
}

function until(source: WatchSource<boolean>, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      queueMicrotask(() => stop())
      resolve()
    }
    const timer = setTimeout(done, maxMs)
    const stop = watch(source, (yes) => yes && done(), { immediate: true })
  })
}

export async function startApp({
  platform,
  saved,
  sessions,
  devices,
}: StartedSessions): Promise<void> {
  performance.mark('switchboard:app')
  const app = createApp(App)
  app.provide(platformKey, platform)
  app.provide(sessionsKey, sessions)
  app.provide(deviceServiceKey, devices)
  app.use(createPinia())
  const account = app.runWithContext(() => {
    const store = useAccountStore()
    store.adopt(saved)
    // Calls, presence and chat take over every session; calls held since start-up ring now,
    // with Do not disturb applied.
    useCallsStore().apply(saved.calls)
    usePresenceStore().apply(saved.presence)
    void useChatStore().start()
    useAppearanceStore().apply(saved.theme)
    useDevicesStore().apply(saved.devices)
    sessions.releaseIncomingCalls()
    return store
  })
  app.use(createAppI18n())
  // The OS's language at once (English is in this bundle; another loads beside start-up).
  void applyLocale('system')
  performance.mark('switchboard:mount')
  app.mount('#app')
  performance.mark('switchboard:mounted')
  await until(
    () =>
      account.phase === 'signed-out' ||
      account.registration.kind === 'registered' ||
      account.registration.kind === 'failed',
    DEFERRED_WAIT_MS,
  )
  // The status paints first; the deferred work starts after that frame.
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
  performance.mark('switchboard:startup-done')
  releaseDeferredWork()
  // The views' English words, before anyone opens a view (they wait for it if not).
  void loadLaterMessages()
  await app.runWithContext(async () => {
    const notices = useNoticesStore()
    platform.on('settings:recovered', ({ backup, problems }) =>
      notices.show('notices.settingsRecovered', { backup, problems: problems.join('; ') }),
    )
    // Preferences older versions kept in localStorage move into the settings, once.
    void migrateLocalPreferences(platform, localStorage).catch((error: unknown) =>
      console.warn('Could not move old preferences into the settings', error),
    )
    const [{ useContactsStore }, { useDialLinksStore }, { useShellStore }, settings] =
      await Promise.all([
        import('./stores/contacts'),
        import('./stores/dial-links'),
        import('./stores/shell'),
        // The whole settings, through the schema: anything unreadable is set aside and reported.
        platform.settings.get(),
      ])
    useAppearanceStore().applySavedLocale(settings.locale)
    void useContactsStore().load()
    // Listening before ready(): a link or tray choice queued while the app started arrives now.
    await Promise.all([useDialLinksStore().start(), useShellStore().start()])
  })
  await platform.app.ready()
}
