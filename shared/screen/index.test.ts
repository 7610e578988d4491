import { describe, expect, it } from 'vitest'
import { isImageDataUrl, isScreenSourceId, toScreenSources } from './index'

const PNG = 'data:image/png;base64,iVBORw0KGgo='

describe('isScreenSourceId', () => {
  it.each([
    ['screen:0:0', true],
    ['window:123456:0', true],
    ['screen:0', false],
    ['tab:1:0', false],
    ['window:1:0\n', false],
    ['window:abc:0', false],
    ['', false],
    [42, false],
  ])('%j → %s', (id, ok) => {
    expect(isScreenSourceId(id)).toBe(ok)
  })
})

describe('isImageDataUrl', () => {
  it.each([
    [PNG, true],
    ['data:image/jpeg;base64,/9j/4AAQ', true],
    ['data:image/svg+xml;base64,PHN2Zz4=', false],
    ['data:image/png,<svg onload=alert(1)>', false],
    ['data:text/html;base64,PHNjcmlwdD4=', false],
    ['javascript:alert(1)', false],
    ['https://evil.example/x.png', false],
    ['data:image/png;base64,iVBOR"onerror="alert(1)', false],
    [`data:image/png;base64,${'A'.repeat(1_000_001)}`, false],
    ['data:image/png;base64,', false],
    [null, false],
  ])('%j → %s', (url, ok) => {
    expect(isImageDataUrl(url)).toBe(ok)
  })
})

describe('toScreenSources', () => {
  it('keeps screens and windows as plain text with image thumbnails only', () => {
    expect(
      toScreenSources([
        { id: 'screen:0:0', name: 'Entire screen', thumbnail: PNG },
        {
          id: 'window:42:0',
          name: 'Evil\u202Etxt.exe\n<img src=x onerror=alert(1)>',
          thumbnail: 'data:image/svg+xml;base64,PHN2Zz4=',
        },
        { id: 'tab:1:0', name: 'A tab', thumbnail: PNG },
        { id: 'window:43:0', name: 'x'.repeat(500), thumbnail: '' },
      ]),
    ).toEqual([
      { id: 'screen:0:0', kind: 'screen', name: 'Entire screen', thumbnail: PNG },
      {
        id: 'window:42:0',
        kind: 'window',
        name: 'Eviltxt.exe <img src=x onerror=alert(1)>',
        thumbnail: null,
      },
      { id: 'window:43:0', kind: 'window', name: 'x'.repeat(200), thumbnail: null },
    ])
  })
})
