import Dexie from 'dexie'
import type { EntityTable } from 'dexie'
import { chatSchemaV1, chatSchemaV4 } from './chat-schema'
import type { OutboxEntry, StoredConversation, StoredMessage } from './chat-schema'
import { callSchemaV2 } from './call-schema'
import type { StoredCall } from './call-schema'
import { contactSchemaV3 } from './contact-schema'
import type { StoredContact } from './contact-schema'
import { receiptSchemaV5 } from './receipt-schema'
import { accountSchemaV6, upgradeToV6 } from './account-schema'
import type { PendingDisplayReceipt } from './receipt-schema'

// The one IndexedDB schema of the app. Each feature adds its tables in a NEW version below,
// never by editing an earlier one (users' databases were created by those).
//   version 1: chat (messages, conversations, outbox)
//   version 2: calls (call history)
//   version 3: contacts
//   version 4: chat threads ordered by time ([peer+at+id] instead of [peer+id])
//   version 5: read receipts still to send (displayReceipts)
//   version 6: several accounts (accountId on messages, conversations, calls and contacts)
export class SwitchboardDatabase extends Dexie {
  conversations!: EntityTable<StoredConversation, 'peer'>
  messages!: EntityTable<StoredMessage, 'id'>
  outbox!: EntityTable<OutboxEntry, 'seq'>
  calls!: EntityTable<StoredCall, 'id'>
  contacts!: EntityTable<StoredContact, 'id'>
  displayReceipts!: EntityTable<PendingDisplayReceipt, 'id'>

  constructor(name = 'switchboard') {
    super(name)
    this.version(1).stores(chatSchemaV1)
    this.version(2).stores(callSchemaV2)
    this.version(3).stores(contactSchemaV3)
    this.version(4).stores(chatSchemaV4)
    this.version(5).stores(receiptSchemaV5)
    this.version(6).stores(accountSchemaV6).upgrade(upgradeToV6)
  }
}

let instance: SwitchboardDatabase | null = null

/** The app's database (every account's records, each tagged with its accountId). */
export function database(): SwitchboardDatabase {
  instance ??= new SwitchboardDatabase()
  return instance
}
