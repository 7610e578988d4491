// Opening an account's session from its saved settings: the one path both start-up (main.ts,
// before Vue exists) and the account store take, so a restored account registers the same way
// as one signed in from the form.

import { turnCredentialId } from '@shared/account/turn-credential'
import type { AccountSettings } from '@shared/settings'
import type { Platform, StartupSettings } from '@/platform/types'
import { toSipAccount } from '@/stores/account-form'
import type { Sessions } from '@/session/sessions'

type Credentials = Pick<Platform['credentials'], 'get'>

/** Settings hold TURN servers without their secret; the vault has it. */
function turnCredentials(
  credentials: Credentials,
  account: AccountSettings,
): Promise<(string | null)[]> {
  return Promise.all(
    account.iceServers.map((server) =>
      server.username ? credentials.get({ accountId: turnCredentialId(server) }) : null,
    ),
  )
}

/** Creates the account's session and starts registering (an open one is re-registered). */
export async function openAccount(
  sessions: Sessions,
  credentials: Credentials,
  account: AccountSettings,
  password: string,
): Promise<void> {
  // Only a TURN server with a username has a secret to fetch; otherwise nothing is awaited.
  const secrets = account.iceServers.some((s) => s.username)
    ? await turnCredentials(credentials, account)
    : []
  await sessions.open(account.id, toSipAccount(account, password, secrets), {
    registerExpires: account.registerExpires,
  })
}

/** Every enabled saved account whose password this start has: they connect in parallel. */
export async function openSavedAccounts(
  sessions: Sessions,
  credentials: Credentials,
  saved: StartupSettings,
): Promise<void> {
  await Promise.all(
    saved.accounts
      .filter((account) => account.enabled && saved.passwords[account.id])
      .map((account) => openAccount(sessions, credentials, account, saved.passwords[account.id]!)),
  )
}
