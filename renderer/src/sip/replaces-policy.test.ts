import { describe, expect, it } from 'vitest'
import { mayReplace } from './replaces-policy'

const own = 'sip:carol@127.0.0.1'

describe('who may replace a call (RFC 3891 §6)', () => {
  it.each([
    ['the peer itself', 'sip:alice@127.0.0.1', undefined, 'sip:alice@127.0.0.1', true],
    [
      'the peer from another device',
      '<sip:alice@127.0.0.1:5070>',
      undefined,
      'sip:alice@127.0.0.1',
      true,
    ],
    [
      'a local user the peer referred',
      'sip:bob@127.0.0.1',
      '<sip:alice@127.0.0.1>',
      'sip:alice@127.0.0.1',
      true,
    ],
    ['a local user no one referred', 'sip:bob@127.0.0.1', undefined, 'sip:alice@127.0.0.1', false],
    [
      'a local user referred by someone else',
      'sip:bob@127.0.0.1',
      '<sip:dave@127.0.0.1>',
      'sip:alice@127.0.0.1',
      false,
    ],
    [
      'a foreign sender claiming the peer referred it',
      'sip:mallory@evil.example',
      '<sip:alice@127.0.0.1>',
      'sip:alice@127.0.0.1',
      false,
    ],
    [
      'a foreign sender posing via maddr',
      'sip:alice@evil.example;maddr=127.0.0.1',
      undefined,
      'sip:alice@127.0.0.1',
      false,
    ],
    ['garbage', 'not a uri', undefined, 'sip:alice@127.0.0.1', false],
  ])('%s', (_name, sender, referredBy, replacedPeer, ok) => {
    const verdict = mayReplace({
      sender: sender.replace(/[<>]/g, ''),
      referredBy,
      replacedPeer,
      ownAor: own,
    })
    expect(verdict.ok).toBe(ok)
  })
})

describe('directed call pickup (early-only Replaces of a call still ringing)', () => {
  it.each([
    ['a local colleague picks up', 'sip:alice@127.0.0.1', true],
    ['a foreign sender tries to', 'sip:mallory@evil.example', false],
  ])('%s', (_name, sender, ok) => {
    const verdict = mayReplace({
      sender,
      referredBy: undefined,
      replacedPeer: 'sip:dave@127.0.0.1',
      ownAor: own,
      pickup: true,
    })
    expect(verdict.ok).toBe(ok)
  })

  it('without early-only on a ringing call, a local colleague is refused as before', () => {
    const verdict = mayReplace({
      sender: 'sip:alice@127.0.0.1',
      referredBy: undefined,
      replacedPeer: 'sip:dave@127.0.0.1',
      ownAor: own,
    })
    expect(verdict.ok).toBe(false)
  })
})
