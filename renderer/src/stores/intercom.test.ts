import { describe, expect, it } from 'vitest'
import type { Invitation } from 'sip.js'
import { intercomPolicy } from './intercom'

/** What the policy reads of an INVITE: its headers and the caller's host. */
function invite(headers: Record<string, string[]>, callerHost: string): Invitation {
  return {
    request: { getHeaders: (name: string) => headers[name] ?? [] },
    remoteIdentity: { uri: { host: callerHost } },
  } as unknown as Invitation
}

const page = invite({ 'Call-Info': ['<sip:pbx.example.com>;answer-after=0'] }, 'example.com')
const inputs = { allowed: () => true, doNotDisturb: () => false, otherCalls: () => 0 }

describe('intercom policy', () => {
  it('answers a page from our own domain when allowed, with nothing else going on', () => {
    expect(intercomPolicy(inputs)(page, 'c1', 'sip:alice@example.com')).toBe(true)
  })

  it.each([
    ['not allowed', { allowed: () => false }, 'sip:alice@example.com'],
    ['in Do not disturb', { doNotDisturb: () => true }, 'sip:alice@example.com'],
    ['with another call up', { otherCalls: () => 1 }, 'sip:alice@example.com'],
    ['from another domain', {}, 'sip:alice@example.org'],
  ])('rings as usual when %s', (_name, patch, ownAor) => {
    expect(intercomPolicy({ ...inputs, ...patch })(page, 'c1', ownAor)).toBe(false)
  })

  it('rings as usual for an INVITE that does not ask', () => {
    expect(intercomPolicy(inputs)(invite({}, 'example.com'), 'c1', 'sip:alice@example.com')).toBe(
      false,
    )
  })
})
