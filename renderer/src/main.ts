import { createPlatform } from './platform'
import { Sessions } from './session/sessions'
import { MediaDevicesService } from './media/device-service'
import { DEVICE_ROLES } from './media/devices'
import { readLegacyPreferences, withLegacyPreferences } from './platform/local-preferences'
import { holdDeferredWork } from './startup/deferred'
import { openSavedAccounts } from './startup/open-accounts'
import './styles/base.css'

// Register first, like a bare SIP.js page: this entry is the engine alone (no Vue, no stores).
// With a saved account it connects at once; the app (app.ts: Vue, the stores, the shell) is
// fetched beside this file and evaluated once the first REGISTER is out, so building the UI
// overlaps the REGISTER's round trips instead of coming before them. The database, contacts,
// the settings schema, link parsing and the other views load once the REGISTER is answered.

/** How long the app waits for the first REGISTER to go out. */
const APP_WAIT_MS = 100

/** Resolves once some account's first REGISTER is out (or none is coming, or `maxMs` passed). */
function firstRegisterOut(sessions: Sessions, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sent = (): boolean =>
      sessions.states().some((state) => state.registration.kind !== 'unregistered')
    if (sessions.size === 0 || sent()) return resolve()
    const timer = setTimeout(done, maxMs)
    const off = sessions.on('state', () => sent() && done())
    function done(): void {
      clearTimeout(timer)
      off()
      resolve()
    }
  })
}

async function boot(): Promise<void> {
  performance.mark('switchboard:main')
  holdDeferredWork()
  const platform = createPlatform()
  const saved = withLegacyPreferences(await platform.startup(), readLegacyPreferences(localStorage))
  performance.mark('switchboard:settings-read')
  // The chosen devices before any call can start: every account's calls open them.
  const devices = new MediaDevicesService(
    typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined,
  )
  if (saved.devices) for (const role of DEVICE_ROLES) devices.setChoice(role, saved.devices[role])
  // Incoming calls wait for the app (which shows them and applies Do not disturb).
  const sessions = new Sessions({ media: devices, holdIncomingCalls: true })
  void openSavedAccounts(sessions, platform.credentials, saved)
  performance.mark('switchboard:engine-started')
  await firstRegisterOut(sessions, APP_WAIT_MS)
  performance.mark('switchboard:app-import')
  const { startApp } = await import('./app')
  performance.mark('switchboard:app-evaluated')
  // A task boundary: the server's 401, come while the app was evaluated, is answered (the
  // authenticated REGISTER goes out) before the app is built and mounted, so building it
  // overlaps the server's digest check instead of delaying it.
  await new Promise((resolve) => setTimeout(resolve, 0))
  await startApp({ platform, saved, sessions, devices })
}

void boot()
