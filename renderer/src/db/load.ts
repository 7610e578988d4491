// The database (and Dexie with it) loads after start-up: nothing that registers needs it.
import { afterStartup } from '@/startup/deferred'
import type * as DatabaseModule from './database'
import type { SwitchboardDatabase } from './database'

let loading: Promise<typeof DatabaseModule> | null = null

/** The app's database, once start-up is done and the module is loaded. */
export async function loadDatabase(): Promise<SwitchboardDatabase> {
  loading ??= afterStartup().then(() => import('./database'))
  return (await loading).database()
}
