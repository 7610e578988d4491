// Issue 10 row 4: a chat link shows the host it opens.
import { describe, expect, it } from 'vitest'
import { describeWebLink, isOpenableWebUrl } from './web'

describe('describeWebLink', () => {
  it.each([
    // written, shown, differs
    ['https://example.com/a?b=1', 'https://example.com/a?b=1', false],
    ['https://EXAMPLE.com:8443/x', 'https://example.com:8443/x', false],
    ['https://bücher.de/x', 'https://bücher.de/x', false],
    ['https://пример.рф/путь', 'https://пример.рф/путь', false],
    ['https://gооgle.com', 'https://xn--ggle-55da.com', true],
    ['https://раураl.com', 'https://xn--l-7sba6dbr.com', true],
    ['https://google.com\u2044login.evil.com', 'https://google.xn--comlogin-g03d.evil.com', true],
    ['https://ｇｏｏｇｌｅ.com', 'https://google.com', true],
    ['https://evil%2Ecom/', 'https://evil.com/', true],
    ['https://evil.com\\@google.com', 'https://evil.com/@google.com', true],
    ['https://example.com/\u202efdp.exe', 'https://example.com/fdp.exe', true],
  ])('%j is shown as %j (ask first: %s)', (written, shown, differs) => {
    expect(describeWebLink(written)).toMatchObject({ shown, differs })
  })

  it.each([
    'https://user:pw@example.com/',
    'javascript:alert(1)',
    'https://',
    `https://a.b/${'x'.repeat(3000)}`,
  ])('refuses %j', (written) => {
    expect(describeWebLink(written)).toBeNull()
  })

  it('opens the canonical href, which main accepts', () => {
    const link = describeWebLink('https://gооgle.com/login')
    expect(link?.href).toBe('https://xn--ggle-55da.com/login')
    expect(isOpenableWebUrl(link!.href)).toBe(true)
    expect(isOpenableWebUrl('https://gооgle.com/login')).toBe(false)
  })
})
