// The little SDP and INFO reading the call module needs, as pure functions.

/**
 * Whether a WebRTC endpoint can answer this offer. Browsers only do DTLS-SRTP: an offer without a
 * fingerprint or with plain RTP/AVP media (as some PBX trunks send) fails in setRemoteDescription,
 * which SIP.js then reports as a 480. We refuse such offers up front with 488 and say why.
 * Returns null when usable, or the reason it is not.
 */
export function unusableOfferReason(sdp: string): string | null {
  if (!sdp.trim()) return null // no offer: we will offer in the 200 (late offer)
  const media = sdp.match(/^m=\S+ \d+ (\S+)/gm) ?? []
  if (media.length === 0) return 'no media in the offer'
  const protocols = media.map((line) => line.split(' ')[2] ?? '')
  if (protocols.some((p) => !/SAVPF?$/i.test(p))) {
    return `plain RTP (${protocols.join(', ')}): encrypted media (DTLS-SRTP) is required`
  }
  if (!/^a=fingerprint:/m.test(sdp)) return 'no DTLS fingerprint: DTLS-SRTP is required'
  return null
}

/** Whether an SDP says the sender holds the call (every media line sendonly or inactive). */
export function sdpHolds(sdp: string): boolean {
  const sections = sdp.split(/^(?=m=)/m)
  const session = sections[0] ?? ''
  const media = sections.slice(1).filter((s) => !/^m=\S+ 0 /.test(s))
  if (media.length === 0) return false
  const sessionDirection = direction(session)
  return media.every((section) => {
    const d = direction(section) ?? sessionDirection ?? 'sendrecv'
    return d === 'sendonly' || d === 'inactive'
  })
}

function direction(section: string): string | undefined {
  return section.match(/^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m)?.[1]
}

const DTMF_TONE = /^[0-9A-D*#]$/i

/** The tone in an INFO body: application/dtmf-relay ("Signal=5") or application/dtmf ("5"). */
export function parseDtmfInfo(contentType: string, body: string): string | null {
  const type = contentType.split(';')[0]?.trim().toLowerCase()
  let tone: string | undefined
  if (type === 'application/dtmf-relay') {
    tone = body.match(/^\s*signal\s*=\s*(\S)/im)?.[1]
  } else if (type === 'application/dtmf') {
    tone = body.trim()
  }
  if (!tone) return null
  // Some PBXes send 10 and 11 for * and #; single characters only otherwise.
  if (tone === '10') return '*'
  if (tone === '11') return '#'
  return DTMF_TONE.test(tone) ? tone.toUpperCase() : null
}

export function dtmfInfoBody(tone: string, durationMs: number): string {
  return `Signal=${tone}\r\nDuration=${durationMs}\r\n`
}

export function isDtmfTone(tone: string): boolean {
  return DTMF_TONE.test(tone)
}
