// What the sign-in form and the account editor in Settings hold, and how it becomes a saved
// account (settings, no secrets) plus what the engine gets. Pure: the stores call it.
import { validateAccount } from '@/sip'
import type { AccountErrors, SipAccount } from '@/sip'
import { ACCOUNT_DEFAULTS } from '@shared/account/defaults'
import { checkUsername, isIceUrl } from '@shared/account/rules'
import type { AccountSettings, IcePolicy } from '@shared/settings'

export interface SignInForm {
  aor: string
  server: string
  username: string
  password: string
  displayName: string
}

/** The Advanced section (sign-in form and Settings). */
export interface AdvancedForm {
  /** One STUN or TURN URL; empty for none. */
  iceUrl: string
  turnUsername: string
  /** Empty keeps the one in the vault. */
  turnPassword: string
  icePolicy: IcePolicy
  /** Seconds, as typed. */
  registerExpires: string
  realm: string
  outboundProxy: string
}

export type AccountForm = SignInForm & AdvancedForm

export type FormErrors = Partial<Record<keyof AccountForm, string>>

export const EMPTY_FORM: AccountForm = {
  aor: '',
  server: '',
  username: '',
  password: '',
  displayName: '',
  iceUrl: '',
  turnUsername: '',
  turnPassword: '',
  icePolicy: 'all',
  registerExpires: String(ACCOUNT_DEFAULTS.registerExpires),
  realm: '',
  outboundProxy: '',
}

export const formMessages = {
  registerExpires: 'Enter a number of seconds from 60 to 86400',
  realm: 'The realm cannot contain spaces or control characters',
  outboundProxy: 'Enter a SIP URI like sip:proxy.example.com;transport=ws',
  iceUrl: 'Enter a stun:, stuns:, turn: or turns: URL',
  relayNeedsTurn: '"Relay only" needs a turn: or turns: server',
} as const

/** The form as a saved account shows it (no passwords). */
export function formOf(account: AccountSettings): AccountForm {
  const ice = account.iceServers[0]
  return {
    aor: account.aor,
    server: account.server,
    username: account.username,
    password: '',
    displayName: account.displayName,
    iceUrl: ice?.urls ?? '',
    turnUsername: ice?.username ?? '',
    turnPassword: '',
    icePolicy: account.icePolicy,
    registerExpires: String(account.registerExpires),
    realm: account.realm,
    outboundProxy: account.outboundProxy,
  }
}

export type CheckedForm =
  { ok: true; settings: AccountSettings; account: SipAccount } | { ok: false; errors: FormErrors }

/**
 * Checks the whole form. `password` may be empty when `keptPassword` is given (editing an
 * account whose password is in the vault). `previous`: the saved account being edited, whose
 * other fields (DTMF method, region) are kept.
 */
export function checkAccountForm(
  id: string,
  form: Partial<AccountForm> & SignInForm,
  options: { keptPassword?: string | null; previous?: AccountSettings; enabled?: boolean } = {},
): CheckedForm {
  const full: AccountForm = { ...EMPTY_FORM, ...form }
  const password = full.password !== '' ? full.password : (options.keptPassword ?? '')
  const iceUrl = full.iceUrl.trim()
  const turnUsername = full.turnUsername.trim()
  const base = validateAccount({
    aor: full.aor,
    server: full.server,
    username: full.username,
    password,
    displayName: full.displayName,
  })
  const errors: FormErrors = base.ok ? {} : { ...(base.errors as FormErrors) }
  delete (errors as AccountErrors).iceServers
  const expires = Number(full.registerExpires.trim())
  if (!Number.isInteger(expires) || expires < 60 || expires > 86_400) {
    errors.registerExpires = formMessages.registerExpires
  }
  const realm = full.realm.trim()
  if (realm !== '' && checkUsername(realm) !== undefined) errors.realm = formMessages.realm
  const proxy = full.outboundProxy.trim()
  if (proxy !== '' && !/^sips?:[^\s<>"]+$/i.test(proxy)) {
    errors.outboundProxy = formMessages.outboundProxy
  }
  if (iceUrl !== '' && !isIceUrl(iceUrl)) errors.iceUrl = formMessages.iceUrl
  if (full.icePolicy === 'relay' && !/^turns?:/i.test(iceUrl)) {
    errors.iceUrl = formMessages.relayNeedsTurn
  }
  if (turnUsername !== '' && checkUsername(turnUsername) !== undefined) {
    errors.turnUsername = formMessages.realm.replace('realm', 'username')
  }
  if (!base.ok || Object.keys(errors).length > 0) return { ok: false, errors }

  const iceServers =
    iceUrl === ''
      ? []
      : [turnUsername ? { urls: iceUrl, username: turnUsername } : { urls: iceUrl }]
  const previous = options.previous
  const settings: AccountSettings = {
    ...ACCOUNT_DEFAULTS,
    ...previous,
    id,
    enabled: options.enabled ?? previous?.enabled ?? true,
    aor: base.account.aor,
    server: base.account.server,
    username: full.username.trim(),
    realm,
    displayName: base.account.displayName,
    iceServers,
    icePolicy: full.icePolicy,
    registerExpires: expires,
    outboundProxy: proxy,
  }
  return { ok: true, settings, account: toSipAccount(settings, password) }
}

/** What the engine gets for a saved account: its password and TURN credentials added. */
export function toSipAccount(
  settings: AccountSettings,
  password: string,
  turnCredentials: readonly (string | null)[] = [],
): SipAccount {
  const username = settings.username || decodeUser(settings.aor)
  return {
    aor: settings.aor,
    server: settings.server,
    username,
    password,
    displayName: settings.displayName,
    iceServers: settings.iceServers.map((server, index) => {
      const credential = turnCredentials[index]
      return credential ? { ...server, credential } : { ...server }
    }),
    ...(settings.icePolicy === 'relay' ? { icePolicy: 'relay' as const } : {}),
    ...(settings.outboundProxy ? { outboundProxy: settings.outboundProxy } : {}),
  }
}

function decodeUser(aor: string): string {
  const user = aor.replace(/^sips?:/i, '').split('@')[0] ?? ''
  try {
    return decodeURIComponent(user)
  } catch {
    return user
  }
}
