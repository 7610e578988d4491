// The one interface the renderer uses to reach the machine it runs on: the desktop shell (the
// preload API) or a plain browser (web APIs). Stores depend on this, never on window.switchboard.
import type { SwitchboardApi, Unsubscribe } from '@shared/ipc/api'
import type { AppInfo, CredentialEncryption, CredentialStatus } from '@shared/ipc/invoke'
import type { SettingsRecovery } from '@shared/ipc/push'
import type { Settings, SettingsPatch } from '@shared/settings'

export type {
  AppInfo,
  CredentialEncryption,
  CredentialStatus,
  Settings,
  SettingsPatch,
  SettingsRecovery,
  Unsubscribe,
}

export type PlatformKind = 'desktop' | 'browser'

export interface AppNotification {
  title: string
  body: string
  /** Same tag, same notification: a newer one replaces it. */
  tag: string
}

export interface Platform {
  readonly kind: PlatformKind
  appInfo(): Promise<AppInfo>
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
  /** Stored settings were unreadable and set aside; tell the user what was reset. */
  onSettingsRecovered(callback: (recovery: SettingsRecovery) => void): Unsubscribe
  /** Total unread messages: the dock/taskbar badge on the desktop, the app badge in a browser. */
  setUnreadCount(count: number): void
  /**
   * Shows a notification. A click brings the app to the front and then calls `onClick`. Shows
   * nothing where notifications are not allowed (the in-app badge still counts).
   */
  notify(notification: AppNotification, onClick?: () => void): void
  /** Call once the listeners above are registered: events that happened earlier arrive now. */
  ready(): Promise<void>
}

declare global {
  interface Window {
    /** Present only inside the desktop shell (the preload defines it). */
    switchboard?: SwitchboardApi
  }
}
