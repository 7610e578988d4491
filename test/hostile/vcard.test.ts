import { describe, expect, it } from 'vitest'
import { fromVcards } from '@shared/contacts/vcard'
import { vcardCases } from './data/vcard'

describe('hostile vCard files', () => {
  it.each(vcardCases)('%s', (_name, text, contacts) => {
    expect(
      fromVcards(text).map(({ name, address, numbers }) => ({ name, address, numbers })),
    ).toEqual(contacts)
  })
})
