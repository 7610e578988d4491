// The API the preload exposes as `window.switchboard`: named functions over the IPC contract and
// an allow-listed `on`. Types only, so the renderer can type it without importing the preload.
import type { Settings, SettingsPatch } from '../settings'
import type { AttentionEvent, ShellState } from '../shell/types'
import type { AppInfo, CredentialStatus } from './invoke'
import type { PushEvent, PushPayloads } from './push'

export type Unsubscribe = () => void

export interface SwitchboardApi {
  app: {
    info(): Promise<AppInfo>
    /** Call after registering push listeners; pushes wait in main until then. */
    ready(): Promise<void>
  }
  settings: {
    get(): Promise<Settings>
    /** Validated in main; rejects on an invalid patch and changes nothing then. */
    set(patch: SettingsPatch): Promise<Settings>
  }
  credentials: {
    get(accountId: string): Promise<string | null>
    set(accountId: string, password: string): Promise<CredentialStatus>
    delete(accountId: string): Promise<void>
    status(): Promise<CredentialStatus>
  }
  /** The tray, badge and notifications follow what the renderer reports here. */
  shell: {
    setState(state: ShellState): Promise<void>
    notify(event: AttentionEvent): Promise<void>
  }
  power: {
    /** Seconds since the last input anywhere on the machine, as the OS counts them. */
    idleSeconds(): Promise<number>
  }
  /** Subscribe to a push; unknown event names throw. The callback gets the payload only. */
  on<E extends PushEvent>(event: E, callback: (payload: PushPayloads[E]) => void): Unsubscribe
}

/** The global name the preload uses. */
export const API_GLOBAL = 'switchboard'
