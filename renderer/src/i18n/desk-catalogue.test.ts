// The desk-phone strings load apart from the languages' files (desk.ts), so the locale test does
// not see them: the same checks here. Every language has English's keys, none extra, every
// message compiles, the same named values, and real translations.
import { describe, expect, it } from 'vitest'
import { deskCatalogue } from './desk-catalogue'
import { precompileMessages } from './precompile'
import type { MessageTree } from './precompile'

function leaves(node: MessageTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value)
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v)
  }
  return out
}
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

const english = leaves(deskCatalogue.en as unknown as MessageTree)
const others = Object.entries(deskCatalogue).filter(([locale]) => locale !== 'en')

describe('desk-phone strings', () => {
  it.each(others)('%s has every key, the same placeholders, and compiles', (_locale, tree) => {
    const messages = leaves(tree as unknown as MessageTree)
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort())
    for (const [key, text] of english) expect(placeholders(messages.get(key)!), key).toEqual(placeholders(text))
    expect(() => precompileMessages(tree as unknown as MessageTree)).not.toThrow()
  })

  it.each(others)('%s is translated, not English left in place', (_locale, tree) => {
    const messages = leaves(tree as unknown as MessageTree)
    const same = [...english].filter(([key, text]) => messages.get(key) === text && /[a-z]{3}/i.test(text))
    expect(same).toEqual([])
  })
})
