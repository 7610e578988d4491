// Version 6: several accounts. Calls, messages, conversations and contacts carry the id of the
// account they belong to; everything stored before belongs to the one account a version 1
// settings file had, which became MIGRATED_ACCOUNT_ID. Never edit once released.
import type { Transaction } from 'dexie'
import { MIGRATED_ACCOUNT_ID } from '@shared/account/defaults'

export const accountSchemaV6 = {
  messages: '++id, &key, dateKey, [peer+at+id], *words, accountId',
  conversations: '&peer, lastAt, accountId',
  calls: '++id, &callId, startedAt, accountId',
  contacts: '++id, &aor, name, accountId',
}

/** Tags every row written before accounts existed with the migrated account's id. */
export async function upgradeToV6(tx: Transaction): Promise<void> {
  const tag = (row: { accountId?: string }): void => {
    row.accountId ??= MIGRATED_ACCOUNT_ID
  }
  await Promise.all(
    ['messages', 'conversations', 'calls', 'contacts'].map((table) =>
      tx.table(table).toCollection().modify(tag),
    ),
  )
}
