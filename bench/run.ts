// `npm run bench`: every benchmark, each printing its own table. Needs a build (`npm run build`),
// except `parsers`. Name some to run only those: `npm run bench -- parsers presence`.
import { benchSize } from './size'
import { benchStartup } from './startup'
import { benchPresence } from './presence'
import { benchChat } from './chat'
import { benchCalls } from './calls'
import { benchParsers } from './parsers'
import { benchAccounts } from './accounts'
import { benchLamps } from './lamps'
import { benchConference } from './conference'

const benches: Record<string, () => Promise<unknown>> = {
  size: benchSize,
  startup: benchStartup,
  presence: benchPresence,
  chat: benchChat,
  calls: benchCalls,
  parsers: benchParsers,
  accounts: benchAccounts,
  lamps: benchLamps,
  conference: benchConference,
}
const chosen = process.argv.slice(2)
for (const [name, run] of Object.entries(benches)) {
  if (chosen.length === 0 || chosen.includes(name)) await run()
}
