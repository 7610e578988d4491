import { describe, expect, it } from 'vitest'
import { provisioningLink, readProvisioningLink } from './provisioning-link'

const account = {
  aor: 'sip:zoë@pbx.example.com',
  server: 'wss://pbx.example.com:7443',
  password: 's3cret',
  displayName: 'Zoë Ärger',
}

describe('provisioning links', () => {
  it('reads base64url JSON from the fragment (what provisioningLink writes), in UTF-8', () => {
    const link = provisioningLink('https://pbx.example.com/phone', account)
    expect(link).toMatch(/^https:\/\/pbx\.example\.com\/phone#provision=[A-Za-z0-9_-]+$/)
    expect(readProvisioningLink(link)).toEqual({ ok: true, account })
  })

  it.each([
    `switchboard:provision?config=${encodeURIComponent(JSON.stringify(account))}`,
    `https://pbx.example.com/?provision=${encodeURIComponent(JSON.stringify(account))}`,
    `  ${JSON.stringify(account)}\n`,
  ])('reads percent-encoded JSON in the query, or pasted JSON (%#)', (link) => {
    expect(readProvisioningLink(link)).toEqual({ ok: true, account })
  })

  it.each([
    ['not a link', 'hello there', 'bad-link'],
    ['a link with nothing in it', 'https://pbx.example.com/phone', 'bad-link'],
    ['another scheme', `javascript:${encodeURIComponent(JSON.stringify(account))}`, 'bad-link'],
    ['a payload that is not base64 JSON', 'https://x.example/#provision=%%%', 'not-json'],
    ['base64 of something else', 'https://x.example/#provision=aGVsbG8', 'not-json'],
    ['an account without a server', provisioningLink('https://x.example/', { aor: 'sip:a@b' }), 'missing-fields'],
    ['a header in a name', provisioningLink('https://x.example/', { ...account, displayName: 'A\r\nVia: x' }), 'bad-field'],
    ['too long', `https://x.example/#provision=${'A'.repeat(40_000)}`, 'too-large'],
  ])('refuses %s with a code', (_name, link, code) => {
    expect(readProvisioningLink(link)).toMatchObject({ ok: false, code })
  })
})
