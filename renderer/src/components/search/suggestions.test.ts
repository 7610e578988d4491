import { describe, expect, it } from 'vitest'
import { suggest } from './suggestions'
import type { SuggestionSources } from './suggestions'

const keyOf = (text: string): string | null => {
  const digits = text.replace(/[\s().-]/g, '')
  return /^\+?[0-9*#]+$/.test(digits) ? `sip:${digits}@example.com` : null
}

const sources = (patch: Partial<SuggestionSources> = {}): SuggestionSources => ({
  contacts: [
    { name: 'Bob Builder', aor: 'sip:bob@example.com', numbers: ['1001'], favourite: false },
    { name: 'Bobby Tables', aor: 'sip:bobby@example.com', numbers: [], favourite: true },
    { name: 'Carol', aor: 'sip:carol@example.com', numbers: ['+1 201 555 0123'], favourite: false },
  ],
  history: [],
  conversations: [],
  keyOf,
  ...patch,
})

const names = (list: { name: string; detail: string }[]) => list.map((s) => `${s.name} | ${s.detail}`)

describe('suggest', () => {
  it('finds contacts by name, address and number, favourites first', () => {
    expect(names(suggest('bo', sources()))).toEqual([
      'Bobby Tables | bobby@example.com',
      'Bob Builder | bob@example.com',
      'Bob Builder | 1001',
    ])
    expect(names(suggest('carol@', sources()))).toEqual(['Carol | carol@example.com'])
    expect(names(suggest('201-555', sources()))).toEqual(['Carol | +1 201 555 0123'])
  })

  it('puts the peer called most recently next, and merges history into the contact it is', () => {
    const list = suggest(
      'bo',
      sources({
        history: [
          { peer: 'sip:1001@example.com', peerName: '', startedAt: 2000 },
          { peer: 'sip:bob@example.com;transport=ws', peerName: 'Bob B', startedAt: 1000 },
        ],
      }),
    )
    expect(names(list)).toEqual([
      'Bobby Tables | bobby@example.com',
      'Bob Builder | 1001',
      'Bob Builder | bob@example.com',
    ])
    expect(list[1]).toMatchObject({ target: '1001', lastAt: 2000, presence: null })
    expect(list[2]).toMatchObject({ target: 'sip:bob@example.com', presence: 'sip:bob@example.com' })
  })

  it('offers people met only in history or chat, by the name they gave', () => {
    const list = suggest(
      'bo',
      sources({
        contacts: [],
        history: [{ peer: 'sip:5550100@example.com', peerName: 'Bob at the front desk', startedAt: 5 }],
        conversations: [{ peer: 'sip:boris@other.org', displayName: '', lastAt: 9 }],
      }),
    )
    expect(names(list)).toEqual([
      'boris@other.org | boris@other.org',
      'Bob at the front desk | 5550100@example.com',
    ])
  })

  it('matches digits however the number is written', () => {
    expect(names(suggest('(201) 555', sources()))).toEqual(['Carol | +1 201 555 0123'])
    expect(names(suggest('2015550123', sources()))).toEqual(['Carol | +1 201 555 0123'])
  })

  it('suggests nothing for nothing, and at most the limit', () => {
    expect(suggest('  ', sources())).toEqual([])
    const many = Array.from({ length: 30 }, (_, i) => ({
      name: `Bo ${i}`,
      aor: `sip:bo${i}@example.com`,
      numbers: [],
      favourite: false,
    }))
    expect(suggest('bo', sources({ contacts: many }))).toHaveLength(8)
  })
})
