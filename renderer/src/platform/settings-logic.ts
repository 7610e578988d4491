// What the browser bridge does with the settings schema (zod): read the stored text field by
// field, and apply a patch. Kept apart from browser.ts so it runs in a worker (settings-worker.ts):
// the schemas then never live in the page's heap. Pure: text in, settings and text out.
import type { Settings, SettingsPatch } from '@shared/settings'
import {
  applySettingsPatch,
  createDefaultSettings,
  parseStoredSettings,
  serializeSettings,
  settingsPatchSchema,
} from '@shared/settings'

export interface ReadResult {
  settings: Settings
  /** What was unusable and replaced by its default; empty when all was fine. */
  problems: string[]
  /** The salvaged settings to store in place of the text, when there were problems. */
  repaired: string | null
}

export type PatchResult =
  { ok: true; settings: Settings; text: string } | { ok: false; message: string }

/** The stored text (null: nothing stored) as settings, salvaging what is unusable. */
export function readStoredText(text: string | null): ReadResult {
  if (text === null) return { settings: createDefaultSettings(), problems: [], repaired: null }
  let settings: Settings
  let problems: string[]
  try {
    ;({ settings, problems } = parseStoredSettings(JSON.parse(text)))
  } catch {
    settings = createDefaultSettings()
    problems = ['not valid JSON']
  }
  return { settings, problems, repaired: problems.length > 0 ? serializeSettings(settings) : null }
}

/** `patch` applied to `current`, checked against the schema, and the text to store. */
export function applyPatch(current: Settings, patch: SettingsPatch): PatchResult {
  const parsed = settingsPatchSchema.safeParse(patch)
  if (!parsed.success) {
    return {
      ok: false,
      message: `Invalid settings: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    }
  }
  const settings = applySettingsPatch(current, parsed.data)
  return { ok: true, settings, text: serializeSettings(settings) }
}

/** The worker's messages, both ways. */
export type SettingsRequest =
  | { id: number; op: 'read'; text: string | null }
  | { id: number; op: 'patch'; current: Settings; patch: SettingsPatch }

export type SettingsResponse =
  | { id: number; ok: true; result: ReadResult | PatchResult }
  | { id: number; ok: false; message: string }

export function answer(request: SettingsRequest): SettingsResponse {
  try {
    const result =
      request.op === 'read'
        ? readStoredText(request.text)
        : applyPatch(request.current, request.patch)
    return { id: request.id, ok: true, result }
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    }
  }
}
