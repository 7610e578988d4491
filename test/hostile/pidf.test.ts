import { describe, expect, it } from 'vitest'
import { parsePidf } from '@shared/presence/pidf'
import { pidfCases } from './data/pidf'

describe('hostile PIDF bodies', () => {
  it.each(pidfCases)('%s', (_name, body, outcome) => {
    const result = parsePidf(body)
    if (outcome === 'ignored') expect(result.kind).toBe('ignored')
    else {
      expect(result.kind).toBe('presence')
      if (result.kind !== 'presence') return
      expect(result.presence.status).toBe(outcome.status)
      if (outcome.note !== undefined) expect(result.presence.note).toBe(outcome.note)
    }
  })
})
