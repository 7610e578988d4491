// The session root: what stores use to reach the SIP side of one account or all of them.
export { AccountSession } from './account-session'
export type {
  AccountSessionOptions,
  EngineFactory,
  InboundMessages,
  SessionEngine,
} from './account-session'
export { Sessions } from './sessions'
export type { AccountState, SessionHook, SessionsEvents, SessionsOptions } from './sessions'
