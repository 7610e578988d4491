import { describe, expect, it } from 'vitest'
import { testConnection } from './connection-test'
import type { ConnectionStep } from './connection-test'
import { fakeEngines, testAccount } from './testing/fake-engine'

describe('testConnection', () => {
  it('reports each step up to "registered", then un-REGISTERs', async () => {
    const engines = fakeEngines()
    const steps: ConnectionStep[] = []
    const running = testConnection(testAccount('alice'), {
      onStep: (s) => steps.push(s),
      createEngine: engines.create,
    })
    await Promise.resolve()
    const engine = engines.made[0]!
    expect(engine.options.extensions).toBeUndefined()
    engine.play('connection', 'connecting')
    engine.play('connection', 'connected')
    engine.play('registration', { kind: 'registering' })
    engine.play('registration', { kind: 'registered', expiresAt: 1 })
    expect(await running).toBe(true)
    expect(steps.map((s) => s.kind)).toEqual(['connecting', 'connected', 'registering', 'registered'])
    expect(engine.stops).toBe(1)
  })

  it('stops at the first failure, with its reason', async () => {
    const engines = fakeEngines()
    const steps: ConnectionStep[] = []
    const running = testConnection(testAccount('alice'), {
      onStep: (s) => steps.push(s),
      createEngine: engines.create,
    })
    await Promise.resolve()
    engines.made[0]!.play('registration', { kind: 'failed', reason: 'wrong-credentials', statusCode: 403 })
    expect(await running).toBe(false)
    expect(steps.at(-1)).toEqual({ kind: 'failed', reason: 'wrong-credentials', statusCode: 403 })
  })

  it('gives up after its time', async () => {
    const steps: ConnectionStep[] = []
    const ok = await testConnection(testAccount('alice'), {
      onStep: (s) => steps.push(s),
      createEngine: fakeEngines().create,
      timeoutMs: 20,
    })
    expect(ok).toBe(false)
    expect(steps).toEqual([{ kind: 'timeout' }])
  })
})
