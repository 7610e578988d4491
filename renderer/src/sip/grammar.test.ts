import { Grammar, UserAgent } from 'sip.js'
import { describe, expect, it } from 'vitest'

// The renderer's tests load SIP.js through the same grammar fixes as the build
// (scripts/vite/sip-grammar-maddr.ts); without them these URIs come out as the local Bob.
describe('SIP.js as the app runs it', () => {
  it('keeps a URI host when the URI carries maddr', () => {
    expect(UserAgent.makeURI('sip:bob@evil.example;maddr=127.0.0.1')?.host).toBe('evil.example')
    const from = Grammar.nameAddrHeaderParse('"Bob" <sip:bob@evil.example;maddr=127.0.0.1>;tag=9')
    expect(from?.uri.host).toBe('evil.example')
    expect(from?.uri.getParam('maddr')).toBe('127.0.0.1')
  })
})
