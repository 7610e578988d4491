import { describe, expect, it } from 'vitest'
import { dtmfInfoBody, parseDtmfInfo, sdpHolds, unusableOfferReason } from './sdp'

const webrtc = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=fingerprint:sha-256 AB:CD',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=sendrecv',
  '',
].join('\r\n')

const plain = [
  'v=0',
  'o=sipp 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 6000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  '',
].join('\r\n')

describe('unusableOfferReason', () => {
  it('accepts a WebRTC offer and an empty (late) offer', () => {
    expect(unusableOfferReason(webrtc)).toBeNull()
    expect(unusableOfferReason('')).toBeNull()
  })
  it('refuses plain RTP/AVP', () => {
    expect(unusableOfferReason(plain)).toMatch(/plain RTP \(RTP\/AVP\)/)
  })
  it('refuses SAVPF without a fingerprint', () => {
    expect(unusableOfferReason(webrtc.replace(/a=fingerprint.*\r\n/, ''))).toMatch(/fingerprint/)
  })
})

describe('sdpHolds', () => {
  it.each([
    ['sendrecv', false],
    ['sendonly', true],
    ['inactive', true],
    ['recvonly', false],
  ])('a=%s → %s', (dir, held) => {
    expect(sdpHolds(webrtc.replace('a=sendrecv', `a=${dir}`))).toBe(held)
  })
  it('every active media line must hold', () => {
    const two = webrtc.replace('a=sendrecv', 'a=sendonly') + 'm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv\r\n'
    expect(sdpHolds(two)).toBe(false)
  })
  it('defaults to sendrecv', () => {
    expect(sdpHolds(plain)).toBe(false)
  })
})

describe('parseDtmfInfo', () => {
  it.each([
    ['application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n', '5'],
    ['application/dtmf-relay', 'Signal= #\r\n', '#'],
    ['Application/DTMF-Relay; x=y', 'signal=a', 'A'],
    ['application/dtmf', '7', '7'],
    ['application/dtmf', '11', '#'],
    ['application/dtmf-relay', 'Signal=X', null],
    ['text/plain', 'Signal=1', null],
  ])('%s %j → %s', (type, body, tone) => {
    expect(parseDtmfInfo(type, body)).toBe(tone)
  })
  it('round-trips what we send', () => {
    expect(parseDtmfInfo('application/dtmf-relay', dtmfInfoBody('*', 100))).toBe('*')
  })
})
