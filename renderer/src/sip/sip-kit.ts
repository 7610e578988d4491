// What modules that load later (busy lamps, the voicemail box) need of SIP.js and of the engine's
// helpers, handed to them by the session at run time. A lazily loaded chunk that imports SIP.js
// or the engine's small modules itself makes the bundler split the first bundle into more chunks,
// which costs start-up bytes (bench/size.ts: +1.2 kB gzip for SIP.js alone); through this object
// they import only types.
import { Subscriber, SubscriptionState, UserAgent } from 'sip.js'
import type { URI } from 'sip.js'
import { backoffDelay } from './backoff'
import { systemClock } from './clock'
import type { Clock } from './clock'

export interface SipKit {
  Subscriber: typeof Subscriber
  SubscriptionState: typeof SubscriptionState
  makeURI(text: string): URI | undefined
  clock: Clock
  /** Delay before retry number `attempt` (exponential, jittered). */
  backoffDelay(attempt: number, random?: () => number): number
}

export const sipKit: SipKit = {
  Subscriber,
  SubscriptionState,
  makeURI: UserAgent.makeURI,
  clock: systemClock,
  backoffDelay,
}
