// Keypad tones in a call: sent in the media (RFC 4733 telephone-event) or, when the far end
// takes none or the account says so, as SIP INFO (application/dtmf-relay); and tones the far
// end sends us by INFO.

import type { Info, Session } from 'sip.js'
import type { DtmfMethod } from './call-types'
import { dtmfInfoBody, isDtmfTone, parseDtmfInfo } from './sdp'

const DTMF_DURATION_MS = 100

/** The RTCDTMFSender part of SIP.js's SessionDescriptionHandler. */
export interface ToneSender {
  sendDtmf(tones: string, options?: { duration: number; interToneGap: number }): boolean
}

/** Sends the valid tones of `tones`; false when there were none. */
export function sendTones(
  session: Session,
  sender: ToneSender | undefined,
  tones: string,
  method: DtmfMethod,
  log: (message: string) => void,
): boolean {
  const valid = [...tones].filter(isDtmfTone)
  if (valid.length === 0) return false
  if (method === 'rfc4733') {
    const sent = sender?.sendDtmf(valid.join(''), {
      duration: DTMF_DURATION_MS,
      interToneGap: 70,
    })
    if (sent) return true
    // No RTCDTMFSender (e.g. the remote does not take telephone-event): fall back to INFO.
  }
  for (const tone of valid) {
    void session
      .info({
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: 'application/dtmf-relay',
            content: dtmfInfoBody(tone, DTMF_DURATION_MS),
          },
        },
      })
      .catch((error: unknown) => log(`INFO DTMF failed: ${String(error)}`))
  }
  return true
}

/** Answers an incoming INFO: 200 with the tone it carries, 415 (and null) for anything else. */
export function receiveTone(info: Info): string | null {
  const request = info.request
  const tone = parseDtmfInfo(request.getHeader('Content-Type') ?? '', request.body ?? '')
  if (tone === null) {
    void info.reject({ statusCode: 415 })
    return null
  }
  void info.accept()
  return tone
}
