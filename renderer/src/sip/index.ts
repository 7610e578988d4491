// What the rest of the renderer may use. Nothing exported here names SIP.js; feature modules
// inside sip/ import ./extension directly to reach the UserAgent.

export { createSipEngine, SipEngine } from './engine'
export type { SipEngineOptions } from './engine'
export { accountMessages, firstAccountError, validateAccount } from './account'
export type { AccountErrors, AccountField, AccountInput, AccountValidation } from './account'
export type { EngineLogger } from './log'
export type { Clock } from './clock'
export type * from './types'
