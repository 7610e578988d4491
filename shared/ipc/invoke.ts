// Renderer → main request/response channels: one map, `domain:method` names. Main parses every
// payload with the schema here before any module sees it; results are plain data. The API the
// renderer calls is derived from these names (`shell:setState` → `api.shell.setState(state)`,
// see api.ts), so a new channel is a schema and a result here, a handler in main and the
// browser's stand-in: nothing else names it.
import { z } from 'zod'
import { noControlChars, settingsPatchSchema } from '../settings'
import { attentionEventSchema, shellStateSchema } from '../shell/state'
import type { Settings } from '../settings'
import { recordingChunkSchema, recordingFileNameSchema, recordingIdSchema } from '../recordings'
import type { RecordingFile } from '../recordings'
import { isScreenSourceId } from '../screen'
import type { ScreenSource } from '../screen'

/** Which account a password belongs to; the renderer uses the account's AOR. */
export const accountIdSchema = z
  .string()
  .min(1)
  .max(512)
  .refine(noControlChars, { message: 'Must not contain control characters' })

export const passwordSchema = z.string().min(1).max(4096)

/** A screen or window as desktopCapturer names it (`screen:0:0`, `window:1234:0`). */
export const screenSourceIdSchema = z
  .string()
  .max(64)
  .refine(isScreenSourceId, { message: 'Not a screen or window id' })

/** No payload: the renderer must send nothing at all. */
const none = z.undefined()

export const invokePayloadSchemas = {
  'app:info': none,
  /** The renderer has registered its push listeners: queued pushes are delivered now. */
  'app:ready': none,
  'settings:get': none,
  // The recordings folder is a path main writes into: only main's folder dialog sets it
  // (`recordings:chooseFolder`), never a path the renderer sends.
  'settings:set': settingsPatchSchema.refine(
    (patch) => patch.calls?.recordingsFolder === undefined,
    {
      message: 'The recordings folder is chosen in its folder dialog',
      path: ['calls', 'recordingsFolder'],
    },
  ),
  'credentials:get': z.object({ accountId: accountIdSchema }).strict(),
  'credentials:set': z.object({ accountId: accountIdSchema, password: passwordSchema }).strict(),
  'credentials:delete': z.object({ accountId: accountIdSchema }).strict(),
  'credentials:status': none,
  /** Status, calls and unread counts, sent whole on every change: tray, badge, notifications. */
  'shell:setState': shellStateSchema,
  /** Something happened that may deserve a native notification; main's policy decides. */
  'shell:notify': attentionEventSchema,
  /** Seconds since the user last touched the machine (any app): automatic "Away". */
  'power:idleSeconds': none,
  /** A call recording, streamed: open a file by name, write chunks, close (desktop only). */
  'recordings:open': z.object({ fileName: recordingFileNameSchema }).strict(),
  'recordings:write': z.object({ id: recordingIdSchema, chunk: recordingChunkSchema }).strict(),
  'recordings:close': z.object({ id: recordingIdSchema }).strict(),
  'recordings:list': none,
  /** A finished recording's bytes, to play it in the page. */
  'recordings:read': z.object({ fileName: recordingFileNameSchema }).strict(),
  'recordings:remove': z.object({ fileName: recordingFileNameSchema }).strict(),
  'recordings:reveal': z.object({ fileName: recordingFileNameSchema }).strict(),
  /** The folder recordings go to now (the chosen one, else the OS's Music/Switchboard). */
  'recordings:folder': none,
  /** Main's folder dialog; the folder picked becomes the setting. */
  'recordings:chooseFolder': none,
  /** The screens and windows that could be shared, with thumbnails (desktop only). */
  'screen:sources': none,
  /** The one the user picked in our picker: the next getDisplayMedia gets it. */
  'screen:choose': z.object({ id: screenSourceIdSchema }).strict(),
} as const satisfies Record<string, z.ZodType>

export type InvokeChannel = keyof typeof invokePayloadSchemas
export const invokeChannels = Object.keys(invokePayloadSchemas) as InvokeChannel[]

/** What the renderer sends (before parsing) and what main's module receives (after). */
export type InvokePayload<C extends InvokeChannel> = z.input<(typeof invokePayloadSchemas)[C]>
export type ParsedInvokePayload<C extends InvokeChannel> = z.output<
  (typeof invokePayloadSchemas)[C]
>

export interface AppInfo {
  name: string
  version: string
  /** `process.platform` on the desktop (`linux`, `darwin`, `win32`), `web` in a browser. */
  platform: string
  /** Null outside Electron. */
  electron: string | null
  chrome: string | null
}

/**
 * How a password is kept:
 * - `strong`: encrypted by the OS keychain / DPAPI / libsecret / kwallet, stored on disk;
 * - `weak`: Linux `basic_text` backend (a key anyone on the machine can read); stored on disk
 *   only if settings say the user accepted that, otherwise in memory for this session;
 * - `unavailable`: no encryption at all; in memory for this session only;
 * - `session-only`: the browser bridge (the tab's sessionStorage).
 */
export type CredentialEncryption = 'strong' | 'weak' | 'unavailable' | 'session-only'

export interface CredentialStatus {
  encryption: CredentialEncryption
  /** Whether a password set now survives a restart of the app. */
  persistent: boolean
}

export interface InvokeResults {
  'app:info': AppInfo
  'app:ready': void
  'settings:get': Settings
  /** The settings as stored after the update. */
  'settings:set': Settings
  /** The password, or null when none is stored for that account. */
  'credentials:get': string | null
  /** How the password was kept. */
  'credentials:set': CredentialStatus
  'credentials:delete': void
  'credentials:status': CredentialStatus
  'shell:setState': void
  'shell:notify': void
  /** Null where only activity in our own page can be seen (a browser). */
  'power:idleSeconds': number | null
  /** The id to write and close it with; the file name may gain a suffix if taken. */
  'recordings:open': { id: string; fileName: string }
  'recordings:write': void
  'recordings:close': RecordingFile
  /** Newest first. */
  'recordings:list': RecordingFile[]
  'recordings:read': Uint8Array
  'recordings:remove': void
  'recordings:reveal': void
  /** '' where there is no folder (a browser downloads recordings). */
  'recordings:folder': string
  /** The folder chosen and saved, or null when the dialog was cancelled (or there is none). */
  'recordings:chooseFolder': string | null
  /** Screens first, then windows, as the OS lists them. */
  'screen:sources': ScreenSource[]
  'screen:choose': void
}

export type InvokeResult<C extends InvokeChannel> = InvokeResults[C]

// Both maps must name the same channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _sameChannels: Same<keyof InvokeResults, InvokeChannel> = true
