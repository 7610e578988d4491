import { describe, expect, it, vi } from 'vitest'
import {
  BROWSER_DIAL_SCHEMES,
  dialLinkOf,
  offerProtocolHandlers,
  protocolHandlerUrl,
  withoutDialLink,
} from './browser-links'

describe('browser dial links', () => {
  it.each([
    ['http://127.0.0.1:8080/?dial=sip%3Abob%40example.com', 'sip:bob@example.com'],
    ['http://127.0.0.1:8080/?dial=tel%3A%2B1-201-555-0123', 'tel:+1-201-555-0123'],
    [
      'http://127.0.0.1:8080/?x=1&dial=sip%3Abob%250d%250aVia%3Aevil%40x',
      'sip:bob%0d%0aVia:evil@x',
    ],
    ['http://127.0.0.1:8080/?dial=', ''],
    ['http://127.0.0.1:8080/', null],
    ['http://127.0.0.1:8080/?other=sip%3Abob', null],
    ['not a url', null],
  ])('reads the link in %s', (href, link) => {
    expect(dialLinkOf(href)).toBe(link)
  })

  it('removes only the dial parameter', () => {
    expect(withoutDialLink('http://127.0.0.1:8080/?dial=sip%3Abob%40x')).toBe(
      'http://127.0.0.1:8080/',
    )
    expect(withoutDialLink('http://127.0.0.1:8080/app/?a=1&dial=sip%3Ab#top')).toBe(
      'http://127.0.0.1:8080/app/?a=1#top',
    )
  })

  it('builds the handler URL on this page, without its current query', () => {
    expect(protocolHandlerUrl('http://127.0.0.1:8080/app/?dial=x&a=1#h')).toBe(
      'http://127.0.0.1:8080/app/?dial=%s',
    )
  })

  it('offers sip and tel only: the HTML safelist has no sips or callto', () => {
    const registerProtocolHandler = vi.fn()
    expect(offerProtocolHandlers({ registerProtocolHandler }, 'http://127.0.0.1:8080/')).toBe(
      'offered',
    )
    expect(BROWSER_DIAL_SCHEMES).toEqual(['sip', 'tel'])
    expect(registerProtocolHandler.mock.calls).toEqual([
      ['sip', 'http://127.0.0.1:8080/?dial=%s'],
      ['tel', 'http://127.0.0.1:8080/?dial=%s'],
    ])
  })

  it('reports a browser without the API, or one that refuses', () => {
    expect(offerProtocolHandlers(undefined, 'http://127.0.0.1/')).toBe('unsupported')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const refusing = {
      registerProtocolHandler: () => {
        throw new DOMException('insecure', 'SecurityError')
      },
    }
    expect(offerProtocolHandlers(refusing, 'http://example.com/')).toBe('failed')
    warn.mockRestore()
  })
})
