import { describe, expect, it } from 'vitest'
import { parseDialLink } from '@shared/links'
import { linkCases } from './data/links'

const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s)

describe('hostile dial links', () => {
  it.each(linkCases.map(([link, outcome]) => [show(link), link, outcome] as const))(
    '%s',
    (_name, link, outcome) => {
      const result = parseDialLink(link, { defaultRegion: '' })
      if ('error' in outcome)
        expect(result.ok ? result.target.dial : result.error.code).toBe(outcome.error)
      else expect(result.ok ? result.target.dial : result.error.code).toBe(outcome.dial)
    },
  )
})
