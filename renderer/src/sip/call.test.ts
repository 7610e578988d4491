import { describe, expect, it } from 'vitest'
import { sipfragStatus } from './call'

describe('sipfragStatus', () => {
  it.each([
    ['SIP/2.0 100 Trying\r\n', 100],
    ['SIP/2.0 200 OK', 200],
    ['SIP/2.0 486 Busy Here\r\n', 486],
    ['garbage', null],
    [undefined, null],
  ])('%j → %s', (body, code) => {
    expect(sipfragStatus(body)).toBe(code)
  })
})
