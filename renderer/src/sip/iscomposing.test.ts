import { describe, expect, it } from 'vitest'
import { buildIsComposing, parseIsComposing } from './iscomposing'

describe('isComposing (RFC 3994)', () => {
  it('round-trips active with its refresh, and idle', () => {
    expect(parseIsComposing(buildIsComposing(true, 30))).toEqual({
      active: true,
      refreshSeconds: 30,
    })
    expect(parseIsComposing(buildIsComposing(false)).active).toBe(false)
  })

  it.each([
    ['<isComposing><state>active</state></isComposing>', true, 120],
    [
      '<ns:isComposing><ns:state> ACTIVE </ns:state><ns:refresh>15</ns:refresh></ns:isComposing>',
      true,
      15,
    ],
    ['garbage <state>', false, 120],
    ['', false, 120],
  ])('reads %j', (body, active, refreshSeconds) => {
    expect(parseIsComposing(body)).toEqual({ active, refreshSeconds })
  })
})
