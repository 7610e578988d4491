import { describe, expect, it } from 'vitest'
import { DEFAULT_APP_ORIGINS, originPattern } from './origins'

// Kamailio's `=~` is POSIX ERE; JavaScript's RegExp agrees on this subset (no backslashes).
const matcher = (origins: readonly string[]) => new RegExp(originPattern(origins))

describe('WebSocket origins the server accepts', () => {
  it.each([
    ['app://switchboard', true],
    ['http://127.0.0.1:41234', true],
    ['http://localhost:5173', true],
    ['http://127.0.0.1', true],
    ['https://evil.example', false],
    ['http://127.0.0.1.evil.example', false],
    ['http://127x0x0x1:80', false],
    ['app://switchboard.evil.example', false],
    ['null', false],
  ])('default list: %s → %s', (origin, ok) => {
    expect(matcher(DEFAULT_APP_ORIGINS).test(origin)).toBe(ok)
  })

  it('takes exact origins and refuses what is not one', () => {
    const only = matcher(['https://phone.example.com', 'http://10.0.0.2:8080'])
    expect(only.test('https://phone.example.com')).toBe(true)
    expect(only.test('https://phone.example.com:443')).toBe(false)
    expect(only.test('http://10.0.0.2:8080')).toBe(true)
    expect(only.test('http://10.0.0.2:8081')).toBe(false)
    expect(() => originPattern(['http://[::1]:8080'])).toThrow(/not an origin/)
    expect(() => originPattern(['https://x.example/path'])).toThrow(/not an origin/)
    expect(() => originPattern(['"; xlog("x")'])).toThrow(/not an origin/)
    expect(() => originPattern([])).toThrow(/at least one/)
    expect(originPattern(DEFAULT_APP_ORIGINS)).not.toContain('\\')
  })
})
