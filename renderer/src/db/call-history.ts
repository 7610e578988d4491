// Reading and writing call history. Every ended call is written once (by its engine id).
import type { SwitchboardDatabase } from './database'
import type { StoredCall } from './call-schema'

/** The most a history list shows; older calls stay stored. */
export const HISTORY_LIST_LIMIT = 500

export class CallHistory {
  constructor(private readonly db: SwitchboardDatabase) {}

  async add(call: StoredCall): Promise<void> {
    // The unique callId index makes a second write of the same call a no-op, not a duplicate.
    const existing = await this.db.calls.where('callId').equals(call.callId).first()
    if (!existing) await this.db.calls.add(call)
  }

  /** Newest first. */
  list(): Promise<StoredCall[]> {
    return this.db.calls.orderBy('startedAt').reverse().limit(HISTORY_LIST_LIMIT).toArray()
  }

  async markSeen(): Promise<void> {
    await this.db.calls.filter((c) => !c.seen).modify({ seen: true })
  }
}
