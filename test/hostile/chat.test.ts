// The pure part of the chat receive path: the content type a message is filed under, and how a
// body is shown (text segments and links, never HTML).
import { describe, expect, it } from 'vitest'
import { describeWebLink } from '@shared/links/web'
import { linkify } from '@/components/chat/linkify'
import { mediaType } from '@/sip/messaging'
import { bodyCases, contentTypeCases, webCases } from './data/web-links'

describe('hostile web links in chat', () => {
  it.each(webCases)('%j', (written, outcome) => {
    const link = describeWebLink(written)
    if ('text' in outcome) expect(link).toBeNull()
    else expect(link && { shown: link.shown, ask: link.differs }).toEqual(outcome)
  })
})

describe('hostile message bodies', () => {
  it.each(bodyCases)('%j is shown as %j', (body, shown) => {
    expect(
      linkify(body, 'example.com')
        .map((s) => s.text)
        .join(''),
    ).toBe(shown)
  })
})

describe('hostile content types', () => {
  it.each(contentTypeCases)('%j is filed as %j', (header, media) => {
    expect(mediaType(header)).toBe(media)
  })
})
