// `npm run bench`: every benchmark, each printing its own table. Needs a build (`npm run build`).
import { benchSize } from './size'
import { benchStartup } from './startup'
import { benchPresence } from './presence'
import { benchChat } from './chat'
import { benchCalls } from './calls'

await benchSize()
await benchStartup()
await benchPresence()
await benchChat()
await benchCalls()
