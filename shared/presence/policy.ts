// Which status we publish, from what the user chose and what is happening. Rules:
// - "On the phone" replaces Available and Away while a call lasts: the call is the user's own
//   doing and says they are at their desk; afterwards the chosen status is back.
// - Idle "Away" only replaces Available.
// - Busy, Do not disturb and Appear offline are never replaced by anything automatic.
import type { MyStatus } from '../shell/types'
import type { PublishedStatus } from './pidf'

export interface StatusInputs {
  chosen: MyStatus
  inCall: boolean
  idle: boolean
}

export function publishedStatus({ chosen, inCall, idle }: StatusInputs): PublishedStatus {
  if (inCall && (chosen === 'available' || chosen === 'away')) return 'on-the-phone'
  if (idle && chosen === 'available') return 'away'
  return chosen
}
