import { describe, expect, it } from 'vitest'
import { endFromStatus, mediaAccessReason } from './call-end'

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
    [503, 'service-unavailable'],
    [500, 'server-error'],
    [403, 'failed'],
  ])('%i → %s', (code, reason) => {
    expect(endFromStatus(code)).toMatchObject({ reason, statusCode: code })
  })

  it('keeps the reason phrase as detail', () => {
    expect(endFromStatus(500, 'Oops').detail).toBe('Oops')
  })
})

describe('mediaAccessReason', () => {
  it.each([
    [{ name: 'NotAllowedError' }, 'media-denied'],
    [{ name: 'SecurityError' }, 'media-denied'],
    [{ name: 'NotFoundError' }, 'media-absent'],
    [{ name: 'OverconstrainedError' }, 'media-absent'],
    [{ name: 'NotReadableError' }, 'media-busy'],
    [new Error('x'), null],
    [null, null],
  ])('%j → %s', (error, expected) => {
    expect(mediaAccessReason(error)).toBe(expected)
  })
})
