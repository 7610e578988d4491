import { describe, expect, it } from 'vitest'
import { normalizeAddress } from './address'

describe('normalizeAddress', () => {
  it.each([
    ['bob', 'sip:bob@example.com'],
    [' bob@Example.COM ', 'sip:bob@example.com'],
    ['sip:bob@127.0.0.1', 'sip:bob@127.0.0.1'],
    ['SIP:bob@127.0.0.1;transport=ws', 'sip:bob@127.0.0.1'],
    ['sips:bob@host:5061', 'sips:bob@host:5061'],
    ['+1 (555) 010-0100', 'sip:+15550100100@example.com'],
    ['tel:+4930123', 'sip:+4930123@example.com'],
  ])('%j → %s', (input, aor) => {
    expect(normalizeAddress(input, 'example.com')).toEqual({ ok: true, aor })
  })

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['bob smith', 'invalid'],
    ['<script>@x', 'invalid'],
    ['bob@', 'invalid'],
  ])('%j is refused (%s)', (input, error) => {
    expect(normalizeAddress(input, 'example.com')).toEqual({ ok: false, error })
  })
})
