// `npm run bench`: every benchmark, each printing its own table. Needs a build (`npm run build`).
import { benchRegister } from './register'
import { benchChat } from './chat'
import { benchCalls } from './calls'
import { benchPresence } from './presence'

await benchRegister()
await benchChat()
await benchCalls()
await benchPresence()
