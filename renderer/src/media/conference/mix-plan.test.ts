import { describe, expect, it } from 'vitest'
import { LOCAL, mixPlan, rms } from './mix-plan'

const party = (id: string, muted = false) => ({ id, muted })

describe('mixPlan', () => {
  it('sends each party the host and every other party, never itself', () => {
    const plan = mixPlan([party('bob'), party('carol')], false)
    expect(plan.get('bob')).toEqual([LOCAL, 'carol'])
    expect(plan.get('carol')).toEqual([LOCAL, 'bob'])
  })

  it('scales to a five-way conference', () => {
    const ids = ['a', 'b', 'c', 'd']
    const plan = mixPlan(
      ids.map((id) => party(id)),
      false,
    )
    for (const id of ids) {
      expect(plan.get(id)).toEqual([LOCAL, ...ids.filter((o) => o !== id)])
    }
  })

  it('leaves a muted party out of every other mix', () => {
    const plan = mixPlan([party('bob', true), party('carol'), party('dave')], false)
    expect(plan.get('carol')).toEqual([LOCAL, 'dave'])
    expect(plan.get('dave')).toEqual([LOCAL, 'carol'])
    expect(plan.get('bob')).toEqual([LOCAL, 'carol', 'dave'])
  })

  it('leaves the host out when the host is muted', () => {
    const plan = mixPlan([party('bob'), party('carol')], true)
    expect(plan.get('bob')).toEqual(['carol'])
  })

  it('is empty without parties', () => {
    expect(mixPlan([], false).size).toBe(0)
  })
})

describe('rms', () => {
  it.each([
    [[], 0],
    [[0, 0, 0], 0],
    [[1, -1, 1, -1], 1],
    [[0.5, -0.5], 0.5],
  ])('rms(%j) = %d', (samples, expected) => {
    expect(rms(samples)).toBeCloseTo(expected)
  })
})
