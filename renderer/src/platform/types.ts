// The one interface the renderer uses to reach the machine it runs on: the desktop shell (the
// preload API) or a plain browser (web APIs). Stores depend on this, never on window.switchboard.
import type { SwitchboardApi, Unsubscribe } from '@shared/ipc/api'
import type { AppInfo, CredentialEncryption, CredentialStatus } from '@shared/ipc/invoke'
import type { DialRequest, SettingsRecovery } from '@shared/ipc/push'
import type { AttentionEvent, ShellAction, ShellState } from '@shared/shell/types'
import type { Settings, SettingsPatch } from '@shared/settings'
import type { StartupSettings } from './startup-settings'

export type {
  AppInfo,
  CredentialEncryption,
  CredentialStatus,
  AttentionEvent,
  DialRequest,
  Settings,
  SettingsPatch,
  SettingsRecovery,
  StartupSettings,
  ShellAction,
  ShellState,
  Unsubscribe,
}

/** What offering the browser as the handler of sip:/tel: links came to. */
export type ProtocolHandlerOutcome = 'offered' | 'unsupported' | 'failed'

export type PlatformKind = 'desktop' | 'browser'

/**
 * The IPC contract's API (`app`, `settings`, `credentials`, `shell`, `power` and `on`, derived
 * from `shared/ipc`), which the browser bridge stands in for, plus what only the renderer needs.
 * - `credentials`: SIP passwords, by account id (the account's AOR);
 * - `shell.setState`: status, calls and counts, whole, on every change (tray, notification
 *   policy, badge); `shell.notify`: something that may deserve a notification, the shared
 *   policy decides;
 * - `power.idleSeconds`: the OS's idle count, or null where only activity in our own page can
 *   be seen (browser);
 * - `on('dial:request')`: a click-to-dial link, already parsed, from the OS (desktop) or the page
 *   URL's `?dial=` (browser); `on('tray:action')`: a tray or notification choice; pushes that
 *   happen before `app.ready()` arrive then. Power pushes never fire in a browser.
 */
export interface Platform extends SwitchboardApi {
  readonly kind: PlatformKind
  /**
   * The saved account and its password, the theme and the devices: all start-up needs to
   * connect, read without loading the full settings schema.
   */
  startup(): Promise<StartupSettings>
  /**
   * Asks the browser to open sip:/tel: links with this page (`?dial=%s`); needs a user gesture.
   * 'unsupported' on the desktop, where the installer registers the schemes.
   */
  registerProtocolHandlers(): ProtocolHandlerOutcome
}

declare global {
  interface Window {
    /** Present only inside the desktop shell (the preload defines it). */
    switchboard?: SwitchboardApi
  }
}
