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

export type ProvisioningResult =
  | { ok: true; account: ProvisionedAccount }
  | { ok: false; error: string }

const TEXT_FIELDS = ['aor', 'server', 'username', 'password', 'displayName', 'realm', 'outboundProxy'] as const

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown, name: string, max = 512): string | { error: string } {
  if (typeof value !== 'string') return { error: `${name} must be text` }
  if (value.length > max || hasControlChars(value)) return { error: `${name} is not usable text` }
  return value
}

/** Reads a provisioning file's text. Unknown fields are ignored; a wrong one is an error. */
export function parseProvisioning(source: string): ProvisioningResult {
  if (source.length > MAX_PROVISIONING_BYTES) return { ok: false, error: 'The file is too large' }
  let raw: unknown
  try {
    raw = JSON.parse(source)
  } catch {
    return { ok: false, error: 'The file is not JSON' }
  }
  if (!isObject(raw)) return { ok: false, error: 'The file does not describe an account' }
  const account: Partial<ProvisionedAccount> = {}
  for (const field of TEXT_FIELDS) {
    if (raw[field] === undefined) continue
    const value = text(raw[field], field)
    if (typeof value !== 'string') return { ok: false, error: value.error }
    account[field] = value
  }
  if (!account.aor || !account.server) {
    return { ok: false, error: 'The file needs an aor and a server' }
  }
  if (raw.iceServers !== undefined) {
    if (!Array.isArray(raw.iceServers) || raw.iceServers.length > 16) {
      return { ok: false, error: 'iceServers must be a list' }
    }
    const first: unknown = raw.iceServers[0]
    if (first !== undefined) {
      if (!isObject(first)) return { ok: false, error: 'iceServers must hold objects' }
      for (const [key, target] of [
        ['urls', 'iceUrl'],
        ['username', 'turnUsername'],
        ['credential', 'turnPassword'],
      ] as const) {
        if (first[key] === undefined) continue
        const value = text(first[key], `iceServers.${key}`)
        if (typeof value !== 'string') return { ok: false, error: value.error }
        account[target] = value
      }
    }
  }
  if (raw.icePolicy !== undefined) {
    if (raw.icePolicy !== 'all' && raw.icePolicy !== 'relay') {
      return { ok: false, error: 'icePolicy must be "all" or "relay"' }
    }
    account.icePolicy = raw.icePolicy
  }
  if (raw.registerExpires !== undefined) {
    if (!Number.isInteger(raw.registerExpires)) {
      return { ok: false, error: 'registerExpires must be a whole number of seconds' }
    }
    account.registerExpires = String(raw.registerExpires)
  }
  return { ok: true, account: account as ProvisionedAccount }
}
