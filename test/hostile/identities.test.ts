import { describe, expect, it } from 'vitest'
import { parseDialLink } from '@shared/links'
import { fitPeer } from '@shared/shell/fit'
import { sanitizeText } from '@shared/text/sanitize'
import { displayAddress } from '@shared/address'
import { peerOf } from '@/sip/messaging'
import { displayNameCases, referToCases, uriCases } from './data/identities'

describe('hostile display names', () => {
  it.each(displayNameCases)('%j is shown as %j', (raw, shown) => {
    expect(fitPeer({ name: raw, address: 'sip:x@y' }).name).toBe(shown)
    expect(sanitizeText(raw, { maxLength: 128 })).toBe(shown)
  })
})

describe('hostile From/Contact URIs', () => {
  it.each(uriCases)('%j is filed as %j, shown as %j', (uri, key, shown) => {
    expect(peerOf(uri)).toBe(key)
    expect(displayAddress(peerOf(uri))).toBe(shown)
  })
})

describe('hostile Refer-To targets', () => {
  it.each(referToCases)('%j', (target, outcome) => {
    const result = parseDialLink(target, { defaultRegion: '' })
    const got = result.ok ? { dial: result.target.dial } : { error: result.error.code }
    expect(got).toEqual(outcome)
  })
})
