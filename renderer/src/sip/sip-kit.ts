// The SIP.js classes modules that load later need (busy lamps, the voicemail box), handed to them
// by the session at run time. A lazily loaded chunk that imports SIP.js itself makes the bundler
// split the first bundle's copy of SIP.js into more chunks, which costs start-up bytes
// (bench/size.ts: 9 → 11 chunks, +1.2 kB gzip); through this object it imports only types.
import { Inviter, Subscriber, SubscriptionState, UserAgent } from 'sip.js'
import type { URI } from 'sip.js'

export interface SipKit {
  Subscriber: typeof Subscriber
  SubscriptionState: typeof SubscriptionState
  Inviter: typeof Inviter
  makeURI(text: string): URI | undefined
}

export const sipKit: SipKit = {
  Subscriber,
  SubscriptionState,
  Inviter,
  makeURI: (text) => UserAgent.makeURI(text),
}
