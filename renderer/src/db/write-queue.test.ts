import { describe, expect, it } from 'vitest'
import { WriteQueue } from './write-queue'

describe('WriteQueue', () => {
  it('groups what piles up into one transaction, same-kind runs into one bulk call, in order', async () => {
    const log: string[] = []
    const queue = new WriteQueue(async (work) => {
      log.push('begin')
      await work()
      log.push('commit')
    })
    const double = async (xs: number[]) => (log.push(`double ${xs}`), xs.map((x) => x * 2))
    const negate = async (xs: number[]) => (log.push(`negate ${xs}`), xs.map((x) => -x))
    const results = await Promise.all([
      queue.run(double, 1),
      queue.run(double, 2),
      queue.run(double, 3),
      queue.run(negate, 4),
      queue.run(double, 5),
    ])
    expect(results).toEqual([2, 4, 6, -4, 10])
    expect(log).toEqual([
      'begin',
      'double 1',
      'commit',
      'begin',
      'double 2,3',
      'negate 4',
      'double 5',
      'commit',
    ])
  })

  it('rejects every write of a failed transaction and goes on with the next', async () => {
    let fail = true
    const queue = new WriteQueue(async (work) => {
      await work()
      if (fail) {
        fail = false
        throw new Error('disk full')
      }
    })
    const id = async (xs: number[]) => xs
    await expect(queue.run(id, 1)).rejects.toThrow('disk full')
    await expect(queue.run(id, 2)).resolves.toBe(2)
  })
})
