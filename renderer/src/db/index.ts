// What components and views may know of the database: the stored shapes only (types, so Dexie
// stays out of whatever imports this). Stores reach the repositories through db/load.ts.
export type { StoredMessage } from './chat-schema'
export type { StoredContact } from './contact-schema'
export type { StoredCall } from './call-schema'
