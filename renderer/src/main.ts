import { createApp, watch } from 'vue'
import type { WatchSource } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { applyLocale, createAppI18n, loadLaterMessages } from './i18n'
import { createPlatform } from './platform'
import { platformKey } from './composables/usePlatform'
import { sessionsKey } from './composables/useSessions'
import { Sessions } from './session/sessions'
import {
  migrateLocalPreferences,
  readLegacyPreferences,
  withLegacyPreferences,
} from './platform/local-preferences'
import { useAccountStore } from './stores/account'
import { useCallsStore } from './stores/calls'
import { useChatStore } from './stores/chat'
import { usePresenceStore } from './stores/presence'
import { useAppearanceStore } from './stores/appearance'
import { useDevicesStore } from './stores/devices'
import { useNoticesStore } from './stores/notices'
import { holdDeferredWork, releaseDeferredWork } from './startup/deferred'
import './styles/base.css'

// Register first, like a bare SIP.js page: with a saved account the engine connects before Vue
// mounts anything; the shell shows at once ("Connecting"); the database, contacts, the settings
// schema, link parsing and the other views load once the REGISTER is answered.

/** How long mounting waits for the first REGISTER to go out, and the rest for its answer. */
const MOUNT_WAIT_MS = 100
const DEFERRED_WAIT_MS = 3000

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

async function start(): Promise<void> {
  performance.mark('switchboard:main')
  holdDeferredWork()
  const platform = createPlatform()
  const saved = withLegacyPreferences(await platform.startup(), readLegacyPreferences(localStorage))
  performance.mark('switchboard:settings-read')
  const app = createApp(App)
  app.provide(platformKey, platform)
  // The session root: one session (engine and modules) per signed-in account.
  const sessions = new Sessions()
  app.provide(sessionsKey, sessions)
  app.use(createPinia())
  performance.mark('switchboard:app-created')
  const account = app.runWithContext(() => {
    const store = useAccountStore()
    // The chosen devices before any call can start: every account's calls open them.
    const devices = useDevicesStore()
    sessions.useMedia(devices.service)
    // The sockets open now, before the rest of the app is built.
    void store.restore(saved)
    // Calls, presence and chat follow every session from its start, in this same task: before
    // anything can arrive on a socket (an INVITE, or a stored MESSAGE, can follow the 200 to
    // REGISTER at once).
    useCallsStore().apply(saved.calls)
    usePresenceStore().apply(saved.presence)
    void useChatStore().start()
    useAppearanceStore().apply(saved.theme)
    devices.apply(saved.devices)
    return store
  })
  app.use(createAppI18n())
  // The OS's language at once (English is in this bundle; another loads beside start-up).
  void applyLocale('system')
  performance.mark('switchboard:engine-started')
  // The first REGISTER goes out before the main thread is spent on the UI.
  await until(
    () => account.phase === 'signed-out' || account.registration.kind !== 'unregistered',
    MOUNT_WAIT_MS,
  )
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

void start()
