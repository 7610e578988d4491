// A provisioning file (JSON with an account's details, as PBXs hand out): read strictly, into the
// fields of the account editor, which then checks them as if typed. Pure; no zod on purpose
// (small, and the editor's own rules are the ones that count).
import { hasControlChars } from '../text/sanitize'

export const MAX_PROVISIONING_BYTES = 16 * 1024

export interface ProvisionedAccount {
  aor: string
  server: string
  username?: string
  password?: string
  displayName?: string
  iceUrl?: string
  turnUsername?: string
  turnPassword?: string
  icePolicy?: 'all' | 'relay'
  registerExpires?: string
  realm?: string
  outboundProxy?: string
}

/** Why a file or link was refused; the UI words it (`field` names the offending field). */
export type ProvisioningErrorCode =
  | 'too-large'
  | 'not-json'
  | 'not-account'
  | 'missing-fields'
  | 'bad-field'
  | 'bad-link'

export interface ProvisioningError {
  ok: false
  code: ProvisioningErrorCode
  field?: string
  /** English, for logs and tests. */
  error: string
}

export type ProvisioningResult = { ok: true; account: ProvisionedAccount } | ProvisioningError

export function refuse(code: ProvisioningErrorCode, error: string, field?: string): ProvisioningError {
  return field === undefined ? { ok: false, code, error } : { ok: false, code, field, error }
}

const TEXT_FIELDS = ['aor', 'server', 'username', 'password', 'displayName', 'realm', 'outboundProxy'] as const

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown, name: string, max = 512): string | ProvisioningError {
  if (typeof value !== 'string') return refuse('bad-field', `${name} must be text`, name)
  if (value.length > max || hasControlChars(value)) {
    return refuse('bad-field', `${name} is not usable text`, name)
  }
  return value
}

/** Reads a provisioning file's text. Unknown fields are ignored; a wrong one is an error. */
export function parseProvisioning(source: string): ProvisioningResult {
  if (source.length > MAX_PROVISIONING_BYTES) return refuse('too-large', 'The file is too large')
  let raw: unknown
  try {
    raw = JSON.parse(source)
  } catch {
    return refuse('not-json', 'The file is not JSON')
  }
  if (!isObject(raw)) return refuse('not-account', 'The file does not describe an account')
  const account: Partial<ProvisionedAccount> = {}
  for (const field of TEXT_FIELDS) {
    if (raw[field] === undefined) continue
    const value = text(raw[field], field)
    if (typeof value !== 'string') return value
    account[field] = value
  }
  if (!account.aor || !account.server) {
    return refuse('missing-fields', 'The file needs an aor and a server')
  }
  if (raw.iceServers !== undefined) {
    if (!Array.isArray(raw.iceServers) || raw.iceServers.length > 16) {
      return refuse('bad-field', 'iceServers must be a list', 'iceServers')
    }
    const first: unknown = raw.iceServers[0]
    if (first !== undefined) {
      if (!isObject(first)) return refuse('bad-field', 'iceServers must hold objects', 'iceServers')
      for (const [key, target] of [
        ['urls', 'iceUrl'],
        ['username', 'turnUsername'],
        ['credential', 'turnPassword'],
      ] as const) {
        if (first[key] === undefined) continue
        const value = text(first[key], `iceServers.${key}`)
        if (typeof value !== 'string') return value
        account[target] = value
      }
    }
  }
  if (raw.icePolicy !== undefined) {
    if (raw.icePolicy !== 'all' && raw.icePolicy !== 'relay') {
      return refuse('bad-field', 'icePolicy must be "all" or "relay"', 'icePolicy')
    }
    account.icePolicy = raw.icePolicy
  }
  if (raw.registerExpires !== undefined) {
    if (!Number.isInteger(raw.registerExpires)) {
      return refuse('bad-field', 'registerExpires must be a whole number of seconds', 'registerExpires')
    }
    account.registerExpires = String(raw.registerExpires)
  }
  return { ok: true, account: account as ProvisionedAccount }
}
