// `npm run bench`: every benchmark, each printing its own table. Needs a build (`npm run build`).
import { benchRegister } from './register'

await benchRegister()
