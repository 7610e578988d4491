import Dexie from 'dexie'

// The one IndexedDB schema of the app. Each feature adds its tables in a NEW version below,
// never by editing an earlier one (users' databases were created by those).
//   version 1: chat (messages, conversations, outbox)
//   version 2: calls (call history)
export class SwitchboardDatabase extends Dexie {
  constructor(name = 'switchboard') {
    super(name)
  }
}

let instance: SwitchboardDatabase | null = null

/** The app's database (one per account would come with multi-account support). */
export function database(): SwitchboardDatabase {
  instance ??= new SwitchboardDatabase()
  return instance
}
