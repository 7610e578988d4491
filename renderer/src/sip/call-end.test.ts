import { describe, expect, it } from 'vitest'
import { endFromStatus, isMediaAccessError } from './call-end'

describe('endFromStatus', () => {
  it.each([
    [603, 'declined'],
    [486, 'busy'],
    [600, 'busy'],
    [404, 'not-found'],
    [480, 'unavailable'],
    [488, 'incompatible'],
    [487, 'cancelled'],
    [408, 'timeout'],
    [503, 'server-error'],
    [403, 'failed'],
  ])('%i → %s', (code, reason) => {
    expect(endFromStatus(code)).toMatchObject({ reason, statusCode: code })
  })

  it('keeps the reason phrase as detail', () => {
    expect(endFromStatus(500, 'Oops').detail).toBe('Oops')
  })
})

describe('isMediaAccessError', () => {
  it.each([
    [{ name: 'NotAllowedError' }, true],
    [{ name: 'NotFoundError' }, true],
    [new Error('x'), false],
    [null, false],
  ])('%j → %s', (error, expected) => {
    expect(isMediaAccessError(error)).toBe(expected)
  })
})
