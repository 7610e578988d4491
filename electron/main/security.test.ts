import { describe, expect, it } from 'vitest'
import { FakeSession, FakeWebContents, fake } from '../test/fake-electron'
import { recordingLogger } from '../test/helpers'
import {
  applySecurity,
  decidePermission,
  guardWebContents,
  isAllowedNavigation,
  originOf,
} from './security'
import type { PermissionQuery } from './security'

const OWN = ['app://switchboard']
const DEV = ['app://switchboard', 'http://localhost:5173']

describe('originOf', () => {
  it.each([
    ['app://switchboard/index.html', 'app://switchboard'],
    ['http://localhost:5173/src/main.ts', 'http://localhost:5173'],
    ['https://example.com', 'https://example.com'],
    ['file:///etc/passwd', null],
    ['about:blank', null],
    ['', null],
    [undefined, null],
    ['garbage', null],
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin)
  })
})

describe('navigation', () => {
  it.each([
    ['app://switchboard/index.html', OWN, true],
    ['app://switchboard/index.html#/calls', OWN, true],
    ['app://switchboard.evil.com/index.html', OWN, false],
    ['https://example.com/', OWN, false],
    ['http://localhost:5173/', OWN, false],
    ['http://localhost:5173/', DEV, true],
    ['file:///etc/passwd', OWN, false],
    ['javascript:alert(1)', OWN, false],
  ])('%s with %j → %s', (url, own, allowed) => {
    expect(isAllowedNavigation(url, own)).toBe(allowed)
  })
})

describe('decidePermission', () => {
  const ask = (overrides: Partial<PermissionQuery>): boolean =>
    decidePermission(
      {
        permission: 'media',
        requestingUrl: 'app://switchboard/index.html',
        isMainFrame: true,
        ...overrides,
      },
      OWN,
    )

  it.each([
    [{ permission: 'media', mediaTypes: ['audio'] as const }, true],
    [{ permission: 'media', mediaTypes: ['audio', 'video'] as const }, true],
    [{ permission: 'media', mediaTypes: ['unknown'] as const }, true],
    [{ permission: 'media' }, true],
    [{ permission: 'notifications' }, true],
    [{ permission: 'idle-detection' }, true],
    [{ permission: 'geolocation' }, false],
    [{ permission: 'display-capture' }, true],
    [{ permission: 'display-capture', mediaTypes: ['video'] as const }, true],
    [{ permission: 'display-capture', mediaTypes: ['video', 'audio'] as const }, false],
    [{ permission: 'display-capture', requestingUrl: 'https://evil.example/' }, false],
    [{ permission: 'display-capture', isMainFrame: false }, false],
    [{ permission: 'clipboard-read' }, false],
    [{ permission: 'midiSysex' }, false],
    [{ permission: 'openExternal' }, false],
    [{ permission: 'hid' }, false],
    [{ permission: 'unknown' }, false],
    [{ permission: 'media', requestingUrl: 'https://evil.example/' }, false],
    [{ permission: 'notifications', requestingUrl: 'https://evil.example/' }, false],
    [{ permission: 'media', requestingUrl: undefined }, false],
    [{ permission: 'media', isMainFrame: false }, false],
  ])('%j → %s', (query, granted) => {
    expect(ask(query)).toBe(granted)
  })
})

describe('guardWebContents', () => {
  function guarded() {
    const contents = new FakeWebContents()
    const log = recordingLogger()
    const opened: string[] = []
    guardWebContents(contents as never, OWN, log, (url) => opened.push(url))
    const fire = (name: string, url: string) => {
      let prevented = false
      contents.emit(name, { url, preventDefault: () => (prevented = true) })
      return prevented
    }
    return { contents, fire, log, opened }
  }

  it('blocks navigation and redirects away from our page', () => {
    const { fire } = guarded()
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true)
    expect(fire('will-navigate', 'app://switchboard/index.html')).toBe(false)
  })

  it('denies every window.open; only a plain http(s) link goes to the browser', () => {
    const { contents, opened } = guarded()
    const open = (url: string) => contents.windowOpenHandler!({ url })
    expect(open('https://example.com/a?b=c')).toEqual({ action: 'deny' })
    expect(open('http://example.org/')).toEqual({ action: 'deny' })
    for (const url of [
      'app://switchboard/index.html',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@example.com/',
      'sip:bob@example.com',
      'https://',
      `https://example.com/${'a'.repeat(3000)}`,
      // Issue 10 row 4: only the canonical form the renderer showed and the user confirmed.
      'https://gооgle.com/',
      'https://google.com\u2044login.evil.com/',
      'https://example.com/\u202efdp.exe',
      'https://EXAMPLE.com/',
      'https://example.com\\@evil.com/',
    ]) {
      expect(open(url)).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://example.com/a?b=c', 'http://example.org/'])
  })

  it('refuses webviews', () => {
    const { contents } = guarded()
    let prevented = false
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {})
    expect(prevented).toBe(true)
  })
})

describe('applySecurity', () => {
  it('guards every new web contents and installs the permission handlers', () => {
    const session = new FakeSession()
    applySecurity({
      app: fake.app as never,
      session: session as never,
      ownOrigins: OWN,
      openExternal: () => {},
      log: recordingLogger(),
    })

    const contents = new FakeWebContents()
    fake.app.emit('web-contents-created', {}, contents)
    expect(contents.windowOpenHandler).not.toBeNull()

    const answers: boolean[] = []
    const request = session.permissionRequestHandler!
    request(contents, 'media', (ok: boolean) => answers.push(ok), {
      requestingUrl: 'app://switchboard/index.html',
      isMainFrame: true,
      mediaTypes: ['audio'],
    })
    request(contents, 'geolocation', (ok: boolean) => answers.push(ok), {
      requestingUrl: 'app://switchboard/index.html',
      isMainFrame: true,
    })
    request(contents, 'media', (ok: boolean) => answers.push(ok), {
      requestingUrl: 'https://evil.example/',
      isMainFrame: true,
    })
    expect(answers).toEqual([true, false, false])

    const check = session.permissionCheckHandler!
    expect(
      check(contents, 'media', 'app://switchboard', { isMainFrame: true, mediaType: 'audio' }),
    ).toBe(true)
    expect(check(null, 'notifications', 'https://evil.example', { isMainFrame: true })).toBe(false)
    expect(session.devicePermissionHandler!({})).toBe(false)
  })
})
