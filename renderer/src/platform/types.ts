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

export interface Platform {
  readonly kind: PlatformKind
  appInfo(): Promise<AppInfo>
  /**
   * The saved account and its password, the theme and the devices: all start-up needs to
   * connect, read without loading the full settings schema.
   */
  startup(): Promise<StartupSettings>
  settings: {
    get(): Promise<Settings>
    /** Partial update (within `account`/`credentials` too); resolves with the stored settings. */
    set(patch: SettingsPatch): Promise<Settings>
  }
  /** SIP passwords, by account id (the account's AOR). */
  credentials: {
    get(accountId: string): Promise<string | null>
    /** Resolves with how the password was kept (on disk, or for this session only). */
    set(accountId: string, password: string): Promise<CredentialStatus>
    delete(accountId: string): Promise<void>
    status(): Promise<CredentialStatus>
  }
  /** The machine woke from sleep: re-register. Never fires in a browser. */
  onResume(callback: () => void): Unsubscribe
  /** The machine is going to sleep. Never fires in a browser. */
  onSuspend(callback: () => void): Unsubscribe
  /**
   * Seconds since the last input anywhere on the machine (the OS's count, desktop), or null where
   * only activity in our own page can be seen (browser).
   */
  systemIdleSeconds(): Promise<number | null>
  /** Stored settings were unreadable and set aside; tell the user what was reset. */
  onSettingsRecovered(callback: (recovery: SettingsRecovery) => void): Unsubscribe
  /**
   * A click-to-dial link, already parsed (an error when it cannot be dialed): from the OS
   * protocol handler on the desktop, from the page URL's `?dial=` in a browser. Links that
   * arrive before `ready()` wait for it.
   */
  onDialRequest(callback: (request: DialRequest) => void): Unsubscribe
  /**
   * A tray menu or notification choice to carry out. Tray choices never fire in a browser (no
   * tray); a click on one of our notifications does.
   */
  onTrayAction(callback: (action: ShellAction) => void): Unsubscribe
  /**
   * Status, calls and counts, whole, on every change: the tray, the notification policy, and the
   * dock/taskbar or app badge (unread messages plus missed calls).
   */
  setShellState(state: ShellState): void
  /**
   * A message, incoming call or missed call that may deserve a notification; the shared policy
   * decides whether one shows.
   */
  notifyShell(event: AttentionEvent): void
  /**
   * Asks the browser to open sip:/tel: links with this page (`?dial=%s`); needs a user gesture.
   * 'unsupported' on the desktop, where the installer registers the schemes.
   */
  registerProtocolHandlers(): ProtocolHandlerOutcome
  /** Call once the listeners above are registered: events that happened earlier arrive now. */
  ready(): Promise<void>
}

declare global {
  interface Window {
    /** Present only inside the desktop shell (the preload defines it). */
    switchboard?: SwitchboardApi
  }
}
