// Read receipts (IMDN, RFC 5438) as stored in IndexedDB (schema version 5). Plain data only.

/** A sender asked to be told when we displayed its message; sent when the thread is seen. */
export interface PendingDisplayReceipt {
  id?: number
  peer: string
  /** The sender's imdn.Message-ID and DateTime, echoed back in the notification. */
  messageId: string
  dateTime: string
}

/** Dexie store definitions of version 5. Never edit once released: add a version instead. */
export const receiptSchemaV5 = {
  displayReceipts: '++id, peer',
}
