// User settings: one schema for the desktop store (JSON in userData), the browser bridge
// (localStorage) and the IPC payload of `settings:set`. The SIP password is never a setting: it
// lives in the credential vault.
import { z } from 'zod'
import { checkDisplayName, checkServer, checkUsername, isIceUrl, parseAor } from './account/rules'
import { hasControlChars } from './text/sanitize'
import type { MyStatus } from './shell/types'
import { turnCredentialId } from './account/turn-credential'
import { APP_LOCALES } from './i18n/locales'
import { ACCOUNT_DEFAULTS, MIGRATED_ACCOUNT_ID } from './account/defaults'
import { createDefaultSettings } from './settings-defaults'

export { turnCredentialId, ACCOUNT_DEFAULTS, MIGRATED_ACCOUNT_ID, createDefaultSettings }

// Spelled out, not imported from shell/types: a value import would make the bundler put that
// start-up module into the settings (zod) chunk and load zod before the first REGISTER.
const MY_STATUSES_TUPLE = [
  'available',
  'away',
  'busy',
  'dnd',
  'invisible',
] as const satisfies readonly MyStatus[]

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

/** An account's own id: the vault's key for its password, and the tag on its history and chats. */
export const accountIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
  message: 'Must be 1 to 64 letters, digits, - or _',
})

export const dtmfMethodSchema = z.enum(['rfc4733', 'info'])
/** Which ICE candidates calls may use: all, or only a TURN relay (hides the local address). */
export const icePolicySchema = z.enum(['all', 'relay'])
const regionSchema = z.union([z.literal(''), z.string().regex(/^[A-Z]{2}$/)])

/** One SIP account. The password is not here: it lives in the vault under the account's id. */
export const accountSettingsSchema = z
  .object({
    id: accountIdSchema,
    /** Disabled accounts stay saved and do not register. */
    enabled: z.boolean(),
    aor: aorSchema.refine((v) => v !== '', { message: 'Must be a SIP address' }),
    server: serverSchema.refine((v) => v !== '', { message: 'Must be a WebSocket server' }),
    /** Authorization user; the engine uses the AOR's user part when empty. */
    username: text(256).refine((v) => v === '' || checkUsername(v) === undefined, {
      message: 'Must not contain spaces or control characters',
    }),
    /** Authentication realm to answer; empty answers whatever realm the server asks for. */
    realm: text(256).refine((v) => v === '' || checkUsername(v) === undefined, {
      message: 'Must not contain spaces or control characters',
    }),
    displayName: text(128).refine((v) => checkDisplayName(v) === undefined, {
      message: 'Must not contain quotes, backslashes or control characters',
    }),
    /** STUN/TURN servers; none by default (SIP.js's default is a public host). */
    iceServers: z.array(iceServerSchema).max(16),
    icePolicy: icePolicySchema,
    /** How keypad tones are sent in this account's calls. */
    dtmfMethod: dtmfMethodSchema,
    /** ISO 3166 region for numbers dialled from this account without a country code. */
    defaultRegion: regionSchema,
    /** Registration lifetime asked of the registrar, in seconds. */
    registerExpires: z.number().int().min(60).max(86_400),
    /** A SIP URI every request is routed through (a Route header); empty: none. */
    outboundProxy: text(256).refine((v) => v === '' || /^sips?:[^\s<>"]+$/i.test(v), {
      message: 'Must be a sip: URI',
    }),
  })
  .strict()

export const accountListSchema = z
  .array(accountSettingsSchema)
  .max(16)
  .refine((list) => new Set(list.map((a) => a.id)).size === list.length, {
    message: 'Account ids must be unique',
  })

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
  .regex(
    /^(?:[A-Za-z0-9]+(?:\+[A-Za-z0-9]+)*)?$/,
    'Must be an accelerator like CommandOrControl+Shift+A',
  )

export const globalShortcutSettingsSchema = z
  .object({
    enabled: z.boolean(),
    answer: accelerator,
    hangUp: accelerator,
  })
  .strict()

export const linkHandlerChoiceSchema = z.enum(['unasked', 'accepted', 'declined'])

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
    /**
     * Whether Switchboard is to be the OS's handler of tel:, callto:, sip: and sips: links. The
     * app asks once ('unasked' until then) and never takes the links over at start on its own.
     */
    linkHandler: linkHandlerChoiceSchema,
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

/** "My status" and what goes with it (they used to live in localStorage). */
export const presenceSettingsSchema = z
  .object({
    status: z.enum(MY_STATUSES_TUPLE),
    note: text(200),
    /** Away after this long without input. */
    idleMinutes: z.number().int().min(1).max(240),
  })
  .strict()

/** An account's desk-phone numbers: what "Voicemail" dials, and the directed-pickup prefix. */
export const deskPhoneAccountSchema = z
  .object({
    voicemailNumber: z
      .string()
      .max(64)
      .regex(/^[^\s<>"]*$/),
    pickupCode: z.string().regex(/^[*#0-9]{0,8}$/),
  })
  .strict()

export const callSettingsSchema = z
  .object({
    /** Follow a transfer (REFER) from a user of our own domain without asking. */
    followOwnDomainTransfers: z.boolean(),
    /** Answer intercom pages (Call-Info answer-after=0 and the like) at once, muted. */
    intercomAutoAnswer: z.boolean(),
    /** Per account id; an account without an entry uses the defaults (*97, *8). */
    deskPhone: z.record(accountIdSchema, deskPhoneAccountSchema),
    /**
     * Where the desktop app writes call recordings: an absolute folder; absent, the OS's Music
     * folder's Switchboard (a browser downloads them instead).
     */
    recordingsFolder: z.string().min(1).max(4096).refine(noControlChars).optional(),
    /** Play a short tone to every side of a call when its recording starts. */
    recordingTone: z.boolean(),
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
    accounts: accountListSchema,
    /** The account outgoing calls and messages use; empty when there is none. */
    defaultAccountId: z.union([z.literal(''), accountIdSchema]),
    theme: themeSchema,
    locale: localeSchema,
    credentials: credentialSettingsSchema,
    dialing: dialingSettingsSchema,
    desktop: desktopSettingsSchema,
    devices: deviceSettingsSchema,
    chat: chatSettingsSchema,
    presence: presenceSettingsSchema,
    calls: callSettingsSchema,
  })
  .strict()

export type Settings = z.output<typeof settingsSchema>
export type AccountSettings = z.output<typeof accountSettingsSchema>
export type IceServerSettings = z.output<typeof iceServerSchema>
export type Theme = z.output<typeof themeSchema>
export type Locale = z.output<typeof localeSchema>
export type DialingSettings = z.output<typeof dialingSettingsSchema>
export type DesktopSettings = z.output<typeof desktopSettingsSchema>
export type LinkHandlerChoice = z.output<typeof linkHandlerChoiceSchema>
export type GlobalShortcutSettings = z.output<typeof globalShortcutSettingsSchema>
export type DeviceChoice = z.output<typeof deviceChoiceSchema>
export type DeviceSettings = z.output<typeof deviceSettingsSchema>
export type ChatSettings = z.output<typeof chatSettingsSchema>
export type PresenceSettings = z.output<typeof presenceSettingsSchema>
export type CallSettings = z.output<typeof callSettingsSchema>
export type DtmfMethod = z.output<typeof dtmfMethodSchema>
export type IcePolicy = z.output<typeof icePolicySchema>

/**
 * A partial update: any top-level section may be left out, and within a section any field.
 * `accounts` is replaced whole (so is each account's `iceServers`). Unknown keys are refused.
 */
export const settingsPatchSchema = z
  .object({
    accounts: accountListSchema.optional(),
    defaultAccountId: z.union([z.literal(''), accountIdSchema]).optional(),
    theme: themeSchema.optional(),
    locale: localeSchema.optional(),
    credentials: credentialSettingsSchema.partial().strict().optional(),
    dialing: dialingSettingsSchema.partial().strict().optional(),
    desktop: desktopSettingsSchema.partial().strict().optional(),
    /** Each device choice is replaced whole (id and label belong together). */
    devices: deviceSettingsSchema.partial().strict().optional(),
    chat: chatSettingsSchema.partial().strict().optional(),
    presence: presenceSettingsSchema.partial().strict().optional(),
    calls: callSettingsSchema.partial().strict().optional(),
  })
  .strict()

export type SettingsPatch = z.input<typeof settingsPatchSchema>

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
    ...(valid.accounts !== undefined && { accounts: valid.accounts }),
    ...(valid.defaultAccountId !== undefined && { defaultAccountId: valid.defaultAccountId }),
    credentials: { ...current.credentials, ...stripUndefined(valid.credentials) },
    dialing: { ...current.dialing, ...stripUndefined(valid.dialing) },
    desktop: { ...current.desktop, ...stripUndefined(valid.desktop) },
    devices: { ...current.devices, ...stripUndefined(valid.devices) },
    chat: { ...current.chat, ...stripUndefined(valid.chat) },
    presence: { ...current.presence, ...stripUndefined(valid.presence) },
    calls: { ...current.calls, ...stripUndefined(valid.calls) },
  })
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {}
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** Version of the stored form; bump it with a migration in `parseStoredSettings`. */
export const SETTINGS_FILE_VERSION = 2

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
  const accounts = salvageAccounts(raw, problems)
  const wantedDefault = salvageField(
    z.union([z.literal(''), accountIdSchema]),
    defaults.defaultAccountId,
    raw.defaultAccountId,
    'defaultAccountId',
    problems,
  )
  const settings = {
    accounts,
    // The default must name an account; the first one otherwise (also for a migrated file).
    defaultAccountId: accounts.some((a) => a.id === wantedDefault)
      ? wantedDefault
      : (accounts[0]?.id ?? ''),
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
    presence: salvageObject(
      presenceSettingsSchema.shape,
      defaults.presence,
      raw.presence,
      'presence',
      problems,
    ),
    calls: salvageObject(callSettingsSchema.shape, defaults.calls, raw.calls, 'calls', problems),
  }
  return { settings: settingsSchema.parse(settings), problems }
}

/**
 * `accounts` field by field; a version 1 file's single `account` (when it had an address)
 * becomes the first, enabled account. An entry without a usable id, address or server is
 * dropped and listed.
 */
function salvageAccounts(raw: Record<string, unknown>, problems: string[]): AccountSettings[] {
  let entries: unknown[]
  if (raw.accounts !== undefined) {
    if (!Array.isArray(raw.accounts)) {
      problems.push('accounts: not a list')
      return []
    }
    entries = raw.accounts.slice(0, 16)
  } else if (raw.account !== undefined && !isPlainObject(raw.account)) {
    problems.push('account: not an object')
    return []
  } else if (isPlainObject(raw.account)) {
    const old = raw.account
    if (typeof old.aor !== 'string' || old.aor.trim() === '') return []
    entries = [{ ...old, id: MIGRATED_ACCOUNT_ID, enabled: true }]
  } else {
    return []
  }
  const accounts: AccountSettings[] = []
  entries.forEach((entry, index) => {
    const path = `accounts[${index}]`
    if (!isPlainObject(entry)) {
      problems.push(`${path}: not an object`)
      return
    }
    const fallback = { id: '', aor: '', server: '', ...ACCOUNT_DEFAULTS, iceServers: [] }
    const fields = salvageObject(accountSettingsSchema.shape, fallback, entry, path, problems)
    const checked = accountSettingsSchema.safeParse(fields)
    if (!checked.success || accounts.some((a) => a.id === checked.data.id)) {
      problems.push(`${path}: dropped (no usable id, address or server)`)
      return
    }
    accounts.push(checked.data)
  })
  return accounts
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
