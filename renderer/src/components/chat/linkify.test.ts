import { describe, expect, it } from 'vitest'
import { linkify } from './linkify'

describe('linkify', () => {
  it.each([
    ['plain text', [{ kind: 'text', text: 'plain text' }]],
    [
      'see https://example.com/a?b=1.',
      [
        { kind: 'text', text: 'see ' },
        {
          kind: 'web',
          text: 'https://example.com/a?b=1',
          href: 'https://example.com/a?b=1',
          written: 'https://example.com/a?b=1',
          differs: false,
        },
        { kind: 'text', text: '.' },
      ],
    ],
    [
      'call sip:bob@example.com or tel:+15550100',
      [
        { kind: 'text', text: 'call ' },
        { kind: 'dial', text: 'sip:bob@example.com', target: 'sip:bob@example.com' },
        { kind: 'text', text: ' or ' },
        { kind: 'dial', text: 'tel:+15550100', target: 'sip:+15550100@d.test' },
      ],
    ],
    ['javascript:alert(1)', [{ kind: 'text', text: 'javascript:alert(1)' }]],
    ['https://user:pw@evil.example/', [{ kind: 'text', text: 'https://user:pw@evil.example/' }]],
    ['<img src=x onerror=alert(1)>', [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]],
  ])('%j', (text, segments) => {
    expect(linkify(text, 'd.test')).toEqual(segments)
  })

  it('keeps every character of the text', () => {
    const text = 'שלום 👋🏽 https://example.com/ünï (ok) sip:x@y!'
    expect(
      linkify(text, 'd')
        .map((s) => s.text)
        .join(''),
    ).toBe(text)
  })
})
