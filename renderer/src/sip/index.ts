// What the rest of the renderer may use (lint refuses imports of sip/ internals from outside).
// Nothing exported here names SIP.js; feature modules inside sip/ import ./extension directly to
// reach the UserAgent. Tests and sip/testing/ may reach inside.

export { createSipEngine, SipEngine } from './engine'
export type { SipEngineOptions } from './engine'
export { accountMessages, firstAccountError, validateAccount } from './account'
export type { AccountErrors, AccountField, AccountInput, AccountValidation } from './account'
export { CallManager } from './calls'
export type { DialError, DialResult, DialOptions } from './calls'
export type { CallEnd, CallEndReason } from './call-end'
export type { CallQuality } from './call-stats'
export type * from './call-types'
export type { EngineExtension } from './extension'
export { MAX_MESSAGE_BYTES, MessageRefused, Messaging, utf8Length } from './messaging'
export type {
  ComposingEvent,
  DeliveryOutcome,
  IncomingChatMessage,
  ReceiptEvent,
  SendRequest,
} from './messaging'
export { PresenceManager } from './presence'
export { sipKit } from './sip-kit'
export type { SipKit } from './sip-kit'
export type { EngineLogger } from './log'
export type { Clock } from './clock'
export type * from './types'

// Modules that load when first needed, not with the engine: busy lamps and the voicemail box.
import type * as Lamps from './lamps'
import type * as Voicemail from './voicemail'
export type LampsModule = typeof Lamps
export type VoicemailModule = typeof Voicemail
export type { LampWatcher } from './lamps'
export const loadLamps = (): Promise<LampsModule> => import('./lamps')
export const loadVoicemail = (): Promise<VoicemailModule> => import('./voicemail')
