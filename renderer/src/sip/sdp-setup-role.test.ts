import { describe, expect, it } from 'vitest'
import { currentDtlsRole, preferPassiveAnswer, setupAttributes } from './sdp-setup-role'

function sdp(session: string[], ...media: string[][]): string {
  return ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', ...session, ...media.flat(), ''].join(
    '\r\n',
  )
}

const audio = (setup: string): string[] => [
  'm=audio 9 UDP/TLS/RTP/SAVPF 0',
  'a=mid:0',
  `a=setup:${setup}`,
  'a=sendrecv',
]
const video = (setup: string): string[] => [
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  `a=setup:${setup}`,
]

describe('setupAttributes', () => {
  it('reads each media section, falling back to the session level', () => {
    const doc = sdp(['a=setup:actpass'], audio('active'), ['m=video 9 UDP/TLS/RTP/SAVPF 96'])
    expect(setupAttributes(doc)).toEqual(['active', 'actpass'])
  })
})

describe('preferPassiveAnswer', () => {
  it('answers an actpass offer (audio and video) as passive', () => {
    const offer = sdp([], audio('actpass'), video('actpass'))
    const answer = sdp([], audio('active'), video('active'))
    const out = preferPassiveAnswer(answer, offer)
    expect(setupAttributes(out)).toEqual(['passive', 'passive'])
    expect(out.replace(/passive/g, 'active')).toBe(answer) // nothing else changed
  })

  it('handles a session-level actpass in the offer (Linphone puts it per media, others not)', () => {
    const offer = sdp(['a=setup:actpass'], ['m=audio 9 UDP/TLS/RTP/SAVPF 0'])
    const answer = sdp([], audio('active'))
    expect(setupAttributes(preferPassiveAnswer(answer, offer))).toEqual(['passive'])
  })

  it('keeps active where the offer was passive (the peer wants to be the server)', () => {
    const offer = sdp([], audio('passive'))
    const answer = sdp([], audio('active'))
    expect(preferPassiveAnswer(answer, offer)).toBe(answer)
  })

  it('keeps the role we already have as the DTLS client on a re-offer', () => {
    const offer = sdp([], audio('actpass'))
    const answer = sdp([], audio('active'))
    expect(preferPassiveAnswer(answer, offer, 'active')).toBe(answer)
    expect(setupAttributes(preferPassiveAnswer(answer, offer, 'passive'))).toEqual(['passive'])
  })

  it('works with LF-only SDP', () => {
    const offer = sdp([], audio('actpass')).replace(/\r\n/g, '\n')
    const answer = sdp([], audio('active')).replace(/\r\n/g, '\n')
    expect(setupAttributes(preferPassiveAnswer(answer, offer))).toEqual(['passive'])
  })
})

describe('currentDtlsRole', () => {
  it('is unknown before the first negotiation', () => {
    expect(currentDtlsRole(null, null)).toBeUndefined()
  })
  it('is what our last answer said', () => {
    expect(currentDtlsRole({ type: 'answer', sdp: sdp([], audio('passive')) }, null)).toBe(
      'passive',
    )
  })
  it('is the opposite of the peer answer to our offer', () => {
    const ours = { type: 'offer', sdp: sdp([], audio('actpass')) }
    expect(currentDtlsRole(ours, { type: 'answer', sdp: sdp([], audio('passive')) })).toBe('active')
    expect(currentDtlsRole(ours, { type: 'answer', sdp: sdp([], audio('active')) })).toBe('passive')
  })
})
