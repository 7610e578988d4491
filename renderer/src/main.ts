import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { createPlatform } from './platform'
import { platformKey } from './composables/usePlatform'
import { useAccountStore } from './stores/account'
import { useChatStore } from './stores/chat'
import { useContactsStore } from './stores/contacts'
import { useDialLinksStore } from './stores/dial-links'
import { useShellStore } from './stores/shell'
import { useAppearanceStore } from './stores/appearance'
import { useDevicesStore } from './stores/devices'
import { useNoticesStore } from './stores/notices'
import './styles/base.css'

async function start(): Promise<void> {
  const platform = createPlatform()
  const app = createApp(App)
  app.provide(platformKey, platform)
  app.use(createPinia())
  app.use(createAppI18n())
  app.mount('#app')
  // Stores need the app context (platform, i18n), so they are created after install.
  await app.runWithContext(async () => {
    const notices = useNoticesStore()
    platform.onSettingsRecovered(({ backup, problems }) =>
      notices.show('notices.settingsRecovered', { backup, problems: problems.join('; ') }),
    )
    // The theme, and the chosen devices before any call can start (restore() may sign in at once).
    await Promise.all([useAppearanceStore().load(), useDevicesStore().load()])
    // Chat and presence (through contacts) plug their modules into the engine at once, so stored
    // messages arriving right after REGISTER are taken; their lists load from IndexedDB while
    // the engine connects (an incoming message waits for the database, not the other way round).
    const lists = Promise.all([useChatStore().start(), useContactsStore().load()])
    await useAccountStore().restore()
    await lists
    // Listening before ready(): a link or tray choice queued while the app started arrives now.
    await Promise.all([useDialLinksStore().start(), useShellStore().start()])
  })
  await platform.ready()
}

void start()
