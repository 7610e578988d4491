// Checks what the user typed into the sign-in form and turns it into a SipAccount. Pure: the UI
// shows each message inline under its field.

import {
  accountMessages,
  checkDisplayName,
  checkServer,
  checkUsername,
  isIceUrl,
  parseAor,
} from '@shared/account/rules'
import type { IceServerConfig, SipAccount } from './types'

export interface AccountInput {
  aor: string
  server: string
  username?: string
  password: string
  displayName?: string
  iceServers?: readonly IceServerConfig[]
  icePolicy?: 'all' | 'relay'
  outboundProxy?: string
}

export type AccountField = 'aor' | 'server' | 'username' | 'password' | 'displayName' | 'iceServers'
export type AccountErrors = Partial<Record<AccountField, string>>

export { accountMessages }

export type AccountValidation =
  { ok: true; account: SipAccount } | { ok: false; errors: AccountErrors }

function decodeUser(user: string): string {
  try {
    return decodeURIComponent(user)
  } catch {
    return user
  }
}

export function validateAccount(input: AccountInput): AccountValidation {
  const errors: AccountErrors = {}

  const aor = parseAor(input.aor.trim())
  if ('error' in aor) errors.aor = aor.error

  const server = input.server.trim()
  const serverError = checkServer(server)
  if (serverError) errors.server = serverError

  const typedUsername = (input.username ?? '').trim()
  const usernameError = typedUsername === '' ? undefined : checkUsername(typedUsername)
  if (usernameError) errors.username = usernameError

  // Passwords are taken as typed: leading or trailing spaces may be part of them.
  if (input.password === '') errors.password = accountMessages.passwordMissing

  // SIP.js puts the display name between quotes in From without escaping anything.
  const displayName = (input.displayName ?? '').trim()
  const displayNameError = checkDisplayName(displayName)
  if (displayNameError) errors.displayName = displayNameError

  const iceServers = (input.iceServers ?? []).map((server) => ({
    ...server,
    urls: server.urls.trim(),
  }))
  if (iceServers.some((server) => !isIceUrl(server.urls))) {
    errors.iceServers = accountMessages.iceServerInvalid
  }

  if ('error' in aor || Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    account: {
      aor: aor.aor,
      server,
      username: typedUsername !== '' ? typedUsername : decodeUser(aor.user),
      password: input.password,
      displayName,
      iceServers,
      ...(input.icePolicy === 'relay' ? { icePolicy: 'relay' as const } : {}),
      ...(input.outboundProxy?.trim() ? { outboundProxy: input.outboundProxy.trim() } : {}),
    },
  }
}

/** The first message of a failed validation, for places that show a single line. */
export function firstAccountError(errors: AccountErrors): string {
  return Object.values(errors).find((message) => message !== undefined) ?? 'Invalid account'
}
