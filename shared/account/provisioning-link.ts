// A provisioning link: what a PBX puts in a QR code or an e-mail so a user can set up an account
// without typing it. The link carries the provisioning JSON itself (no download: the app's CSP
// only lets it reach its SIP servers, and a fetched file would be a second thing to trust):
//   https://pbx.example.com/phone#provision=<base64url JSON>
//   switchboard:provision?config=<percent-encoded JSON>
// `provision` or `config`, in the query or the fragment; base64url or percent-encoded. Pasted
// JSON is taken as is. The JSON then goes through parseProvisioning like a file.
import { MAX_PROVISIONING_BYTES, parseProvisioning, refuse } from './provisioning'
import type { ProvisioningResult } from './provisioning'

const PARAM_NAMES = ['provision', 'config'] as const

/** base64url (or base64) to UTF-8 text; null when it is not. */
function fromBase64(value: string): string | null {
  if (!/^[A-Za-z0-9_\-+/]+={0,2}$/.test(value)) return null
  const standard = value.replace(/-/g, '+').replace(/_/g, '/')
  try {
    const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='))
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/** The payload of the link's `provision`/`config` parameter, from the query or the fragment. */
function payloadOf(url: URL): string | null {
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''))
  for (const params of [url.searchParams, fragment]) {
    for (const name of PARAM_NAMES) {
      const value = params.get(name)
      if (value !== null && value !== '') return value
    }
  }
  return null
}

/** Reads a pasted provisioning link (or the JSON itself) into an account for the editor. */
export function readProvisioningLink(input: string): ProvisioningResult {
  const text = input.trim()
  // Base64 grows a third; the link may carry a bit more than a file.
  if (text.length > MAX_PROVISIONING_BYTES * 2) return refuse('too-large', 'The link is too long')
  if (text.startsWith('{')) return parseProvisioning(text)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return refuse('bad-link', 'Not a link')
  }
  if (!['https:', 'http:', 'switchboard:'].includes(url.protocol)) {
    return refuse('bad-link', 'Only https:, http: and switchboard: links carry provisioning')
  }
  const payload = payloadOf(url)
  if (payload === null) return refuse('bad-link', 'The link carries no account (provision=…)')
  // URLSearchParams has already percent-decoded it: JSON as is, or base64 of it.
  const json = payload.trim().startsWith('{') ? payload : fromBase64(payload)
  if (json === null) return refuse('not-json', 'The link’s account is neither JSON nor base64 of it')
  return parseProvisioning(json)
}

/** A provisioning link for `account` (tests and PBX admins): base64url JSON in the fragment. */
export function provisioningLink(base: string, account: Record<string, unknown>): string {
  const bytes = new TextEncoder().encode(JSON.stringify(account))
  const binary = Array.from(bytes, (b) => String.fromCharCode(b)).join('')
  const encoded = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  return `${base}#provision=${encoded}`
}
