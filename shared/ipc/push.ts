// Main → renderer pushes. Main queues them until the renderer invokes `app:ready`; the preload
// lets the renderer subscribe to these names only. This module stays free of zod so the sandboxed
// preload bundle needs nothing but `electron`.
import type { LinkResult } from '../links/types'
import type { ShellAction } from '../shell/types'

export interface SettingsRecovery {
  /** Where the unreadable settings were kept (a file name, or a localStorage key in a browser). */
  backup: string
  /** What could not be used; those fields fell back to their defaults. */
  problems: string[]
}

export interface DialRequest {
  /** The parsed link; the raw link is not sent (it may carry a password). */
  result: LinkResult
}

export interface PushPayloads {
  /** The machine is about to sleep. */
  'power:suspend': undefined
  /** The machine woke up: the SIP engine re-registers. */
  'power:resume': undefined
  /** The stored settings were unreadable (wholly or in part) and were set aside. */
  'settings:recovered': SettingsRecovery
  /** A click-to-dial link reached the app (parsed; an error when it cannot be dialed). */
  'dial:request': DialRequest
  /** A tray menu or native notification choice for the renderer to carry out. */
  'tray:action': ShellAction
}

export type PushEvent = keyof PushPayloads

export const pushEvents = [
  'power:suspend',
  'power:resume',
  'settings:recovered',
  'dial:request',
  'tray:action',
] as const satisfies readonly PushEvent[]

// The list must name every event.
const _allListed: PushEvent extends (typeof pushEvents)[number] ? true : false = true

export function isPushEvent(value: unknown): value is PushEvent {
  return (pushEvents as readonly unknown[]).includes(value)
}
