// User settings: one schema for the desktop store (JSON in userData), the browser bridge
// (localStorage) and the IPC payload of `settings:set`. The SIP password is never a setting: it
// lives in the credential vault.
import { z } from 'zod'
import { checkDisplayName, checkServer, checkUsername, isIceUrl, parseAor } from './account/rules'
import { hasControlChars } from './text/sanitize'
import { turnCredentialId } from './account/turn-credential'
import { APP_LOCALES } from './i18n/locales'

export { turnCredentialId }

/** Control characters would end up in SIP headers or in the CSP header built from settings. */
export function noControlChars(value: string): boolean {
  return !hasControlChars(value)
}
const text = (max: number) =>
  z.string().max(max).refine(noControlChars, { message: 'Must not contain control characters' })

function parseAorExactly(value: string): boolean {
  const parsed = parseAor(value)
  return !('error' in parsed) && parsed.aor === value
}

/**
 * `sip:user@host[:port]` as the sign-in form normalises it (the same rules: shared/account);
 * empty while not signed in.
 */
const aorSchema = z
  .string()
  .trim()
  .max(256)
  .refine((v) => v === '' || parseAorExactly(v), {
    message: 'Must be a SIP address like sip:alice@example.com',
  })

/** A WebSocket server URL (RFC 7118); empty while not signed in. Its origin goes into the CSP. */
export function parseWebSocketServer(value: string): URL | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') return null
  // User info in the URL would be a credential in a setting, and an odd origin for the CSP.
  if (url.username !== '' || url.password !== '') return null
  if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])$/i.test(url.hostname)) return null
  return url
}

const serverSchema = z
  .string()
  .trim()
  .max(512)
  .refine((v) => v === '' || (parseWebSocketServer(v) !== null && checkServer(v) === undefined), {
    message: 'Must be a wss:// URL (ws:// only for localhost)',
  })

export const iceServerSchema = z
  .object({
    urls: z
      .string()
      .trim()
      .max(512)
      .refine(isIceUrl, { message: 'Must be a stun:, stuns:, turn: or turns: URL' }),
    username: text(256).optional(),
    // No `credential`: a TURN secret lives in the credential vault under turnCredentialId(),
    // like the SIP password, and never in settings.json or a `settings:get` reply.
  })
  .strict()


export interface LegacySecret {
  id: string
  secret: string
}

/**
 * Older files kept TURN credentials in plaintext (`account.iceServers[].credential`): take them
 * out of the raw file (a copy) so they can move into the vault and the file be rewritten.
 */
export function extractLegacySecrets(raw: unknown): { raw: unknown; secrets: LegacySecret[] } {
  if (
    !isPlainObject(raw) ||
    !isPlainObject(raw.account) ||
    !Array.isArray(raw.account.iceServers)
  ) {
    return { raw, secrets: [] }
  }
  const secrets: LegacySecret[] = []
  const iceServers = raw.account.iceServers.map((server: unknown) => {
    if (!isPlainObject(server) || !('credential' in server)) return server
    const { credential, ...rest } = server
    if (typeof credential === 'string' && credential !== '' && typeof rest.urls === 'string') {
      const username = typeof rest.username === 'string' ? rest.username : undefined
      secrets.push({
        id: turnCredentialId({ urls: rest.urls.trim(), username }),
        secret: credential,
      })
    }
    return rest
  })
  return { raw: { ...raw, account: { ...raw.account, iceServers } }, secrets }
}

export const iceTransportPolicySchema = z.enum(['all', 'relay'])

export const accountSettingsSchema = z
  .object({
    aor: aorSchema,
    server: serverSchema,
    /** Authorization user; the engine uses the AOR's user part when empty. */
    username: text(256).refine((v) => v === '' || checkUsername(v) === undefined, {
      message: 'Must not contain spaces or control characters',
    }),
    displayName: text(128).refine((v) => checkDisplayName(v) === undefined, {
      message: 'Must not contain quotes, backslashes or control characters',
    }),
    /** STUN/TURN servers; none by default (SIP.js's default is a public host). */
    iceServers: z.array(iceServerSchema).max(16),
    /** 'relay': media only through the TURN servers above ("Relay only"); absent means 'all'. */
    iceTransportPolicy: iceTransportPolicySchema.optional(),
  })
  .strict()

export const themeSchema = z.enum(['system', 'light', 'dark'])
/** `system`: the OS's preferred languages decide (shared/i18n/locales). */
export const localeSchema = z.enum(['system', ...APP_LOCALES])

export const credentialSettingsSchema = z
  .object({
    /**
     * The user agreed to keep the password on disk although the OS offers only weak encryption
     * (Linux `basic_text`). Without it such a password lives in memory for the session only.
     */
    acceptWeakEncryption: z.boolean(),
  })
  .strict()

export const dialingSettingsSchema = z
  .object({
    /**
     * ISO 3166 region for numbers written without a country code in click-to-dial links
     * (`020 7946 0958` with `GB` → +44 20 7946 0958); empty: such numbers are dialed as written.
     */
    defaultRegion: z.union([z.literal(''), z.string().regex(/^[A-Z]{2}$/)]),
    /** Show "Confirm call" before dialing a link; off dials links at once. */
    confirmLinks: z.boolean(),
  })
  .strict()

/** An Electron accelerator (`CommandOrControl+Shift+A`); empty: none. */
const accelerator = z
  .string()
  .max(64)
  .regex(/^(?:[A-Za-z0-9]+(?:\+[A-Za-z0-9]+)*)?$/, 'Must be an accelerator like CommandOrControl+Shift+A')

export const globalShortcutSettingsSchema = z
  .object({
    enabled: z.boolean(),
    answer: accelerator,
    hangUp: accelerator,
  })
  .strict()

export const desktopSettingsSchema = z
  .object({
    /** Start Switchboard when the user logs in to the computer. */
    startAtLogin: z.boolean(),
    /** Start in the tray, with no window shown. */
    startMinimized: z.boolean(),
    /** The "still running in the tray" hint was shown once; it is not shown again. */
    trayHintShown: z.boolean(),
    /** Look for signed updates (packaged builds only; never in development). */
    checkForUpdates: z.boolean(),
    /** Answer and hang-up keys that work while another app has focus; off by default. */
    globalShortcuts: globalShortcutSettingsSchema,
  })
  .strict()

/**
 * A chosen device. The id can change (a browser profile reset, a different USB port), so the
 * label is kept too: a device whose id is gone is found again by its label. An empty id means
 * the system default.
 */
export const deviceChoiceSchema = z
  .object({
    deviceId: text(256),
    label: text(256),
  })
  .strict()

export const deviceSettingsSchema = z
  .object({
    microphone: deviceChoiceSchema,
    camera: deviceChoiceSchema,
    /** Where the other side of a call (and the ringback tone) is heard. */
    speaker: deviceChoiceSchema,
    /** Where incoming calls ring. */
    ringer: deviceChoiceSchema,
    /** Play a ringtone for incoming calls; off leaves only the dialog (and notifications). */
    ringtone: z.boolean(),
  })
  .strict()

export const chatSettingsSchema = z
  .object({
    /**
     * Tell a sender when their message was displayed (IMDN "displayed", RFC 5438). Off sends
     * none; "delivered" notifications still go out (they say nothing about the user).
     */
    sendReadReceipts: z.boolean(),
  })
  .strict()

export const settingsSchema = z
  .object({
    account: accountSettingsSchema,
    theme: themeSchema,
    locale: localeSchema,
    credentials: credentialSettingsSchema,
    dialing: dialingSettingsSchema,
    desktop: desktopSettingsSchema,
    devices: deviceSettingsSchema,
    chat: chatSettingsSchema,
  })
  .strict()

export type Settings = z.output<typeof settingsSchema>
export type AccountSettings = z.output<typeof accountSettingsSchema>
export type IceServerSettings = z.output<typeof iceServerSchema>
export type Theme = z.output<typeof themeSchema>
export type Locale = z.output<typeof localeSchema>
export type DialingSettings = z.output<typeof dialingSettingsSchema>
export type DesktopSettings = z.output<typeof desktopSettingsSchema>
export type GlobalShortcutSettings = z.output<typeof globalShortcutSettingsSchema>
export type DeviceChoice = z.output<typeof deviceChoiceSchema>
export type DeviceSettings = z.output<typeof deviceSettingsSchema>
export type ChatSettings = z.output<typeof chatSettingsSchema>

/**
 * A partial update: any top-level section may be left out, and within `account` and
 * `credentials` any field. Arrays (`iceServers`) are replaced whole. Unknown keys are refused.
 */
export const settingsPatchSchema = z
  .object({
    account: accountSettingsSchema.partial().strict().optional(),
    theme: themeSchema.optional(),
    locale: localeSchema.optional(),
    credentials: credentialSettingsSchema.partial().strict().optional(),
    dialing: dialingSettingsSchema.partial().strict().optional(),
    desktop: desktopSettingsSchema.partial().strict().optional(),
    /** Each device choice is replaced whole (id and label belong together). */
    devices: deviceSettingsSchema.partial().strict().optional(),
    chat: chatSettingsSchema.partial().strict().optional(),
  })
  .strict()

export type SettingsPatch = z.input<typeof settingsPatchSchema>

/** The defaults, as a fresh object each time so no caller can change them for another. */
export function createDefaultSettings(): Settings {
  return {
    account: { aor: '', server: '', username: '', displayName: '', iceServers: [] },
    theme: 'system',
    locale: 'system',
    credentials: { acceptWeakEncryption: false },
    dialing: { defaultRegion: '', confirmLinks: true },
    desktop: {
      startAtLogin: false,
      startMinimized: false,
      trayHintShown: false,
      checkForUpdates: true,
      globalShortcuts: {
        enabled: false,
        answer: 'CommandOrControl+Shift+A',
        hangUp: 'CommandOrControl+Shift+E',
      },
    },
    devices: {
      microphone: { deviceId: '', label: '' },
      camera: { deviceId: '', label: '' },
      speaker: { deviceId: '', label: '' },
      ringer: { deviceId: '', label: '' },
      ringtone: true,
    },
    chat: { sendReadReceipts: true },
  }
}

/**
 * Merge a validated patch into settings. Throws a ZodError when the patch is invalid, so a caller
 * that skipped validation still cannot store garbage.
 */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const valid = settingsPatchSchema.parse(patch)
  return settingsSchema.parse({
    ...current,
    ...(valid.theme !== undefined && { theme: valid.theme }),
    ...(valid.locale !== undefined && { locale: valid.locale }),
    account: { ...current.account, ...stripUndefined(valid.account) },
    credentials: { ...current.credentials, ...stripUndefined(valid.credentials) },
    dialing: { ...current.dialing, ...stripUndefined(valid.dialing) },
    desktop: { ...current.desktop, ...stripUndefined(valid.desktop) },
    devices: { ...current.devices, ...stripUndefined(valid.devices) },
    chat: { ...current.chat, ...stripUndefined(valid.chat) },
  })
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {}
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** Version of the stored form; bump it with a migration in `parseStoredSettings`. */
export const SETTINGS_FILE_VERSION = 1

/** The stored form: the settings plus a version, so a later release can migrate them. */
export function serializeSettings(settings: Settings): string {
  return `${JSON.stringify({ version: SETTINGS_FILE_VERSION, ...settings }, null, 2)}\n`
}

export interface StoredSettingsResult {
  settings: Settings
  /** What could not be used and was replaced by its default; empty when all was fine. */
  problems: string[]
}

/**
 * Read stored settings field by field: what is valid is kept, what is missing silently gets its
 * default (an older file), what is invalid gets its default and is listed in `problems`, so the
 * caller can keep the original aside and tell the user. Unknown keys are ignored.
 */
export function parseStoredSettings(raw: unknown): StoredSettingsResult {
  const problems: string[] = []
  if (!isPlainObject(raw)) {
    return { settings: createDefaultSettings(), problems: ['not a JSON object'] }
  }
  if (typeof raw.version === 'number' && raw.version > SETTINGS_FILE_VERSION) {
    problems.push(`written by a newer version (${raw.version})`)
  }
  const defaults = createDefaultSettings()
  const settings = {
    account: salvageObject(
      accountSettingsSchema.shape,
      defaults.account,
      raw.account,
      'account',
      problems,
    ),
    theme: salvageField(themeSchema, defaults.theme, raw.theme, 'theme', problems),
    // Version 1 knew English only: its 'en' was never the user's choice, so the OS decides now.
    locale:
      raw.locale === 'en' && (raw.version === undefined || raw.version === 1)
        ? defaults.locale
        : salvageField(localeSchema, defaults.locale, raw.locale, 'locale', problems),
    credentials: salvageObject(
      credentialSettingsSchema.shape,
      defaults.credentials,
      raw.credentials,
      'credentials',
      problems,
    ),
    dialing: salvageObject(
      dialingSettingsSchema.shape,
      defaults.dialing,
      raw.dialing,
      'dialing',
      problems,
    ),
    desktop: salvageObject(
      desktopSettingsSchema.shape,
      defaults.desktop,
      raw.desktop,
      'desktop',
      problems,
    ),
    devices: salvageObject(
      deviceSettingsSchema.shape,
      defaults.devices,
      raw.devices,
      'devices',
      problems,
    ),
    chat: salvageObject(chatSettingsSchema.shape, defaults.chat, raw.chat, 'chat', problems),
  }
  return { settings: settingsSchema.parse(settings), problems }
}

function salvageField<T>(
  schema: z.ZodType<T>,
  fallback: T,
  value: unknown,
  path: string,
  problems: string[],
): T {
  if (value === undefined) return fallback
  const result = schema.safeParse(value)
  if (result.success) return result.data
  problems.push(`${path}: ${result.error.issues[0]?.message ?? 'invalid'}`)
  return fallback
}

function salvageObject<T extends object>(
  shape: Record<string, z.ZodType>,
  fallback: T,
  value: unknown,
  path: string,
  problems: string[],
): T {
  if (value === undefined) return fallback
  if (!isPlainObject(value)) {
    problems.push(`${path}: not an object`)
    return fallback
  }
  const out: Record<string, unknown> = { ...(fallback as Record<string, unknown>) }
  for (const [key, schema] of Object.entries(shape)) {
    out[key] = salvageField(schema, out[key], value[key], `${path}.${key}`, problems)
  }
  return out as T
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
