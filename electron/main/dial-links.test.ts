import { describe, expect, it } from 'vitest'
import { fake } from '../test/fake-electron'
import { recordingLogger } from '../test/helpers'
import { MAX_WAITING_LINKS, createDialLinks, linkFromArgv } from './dial-links'
import { registerDialProtocols } from './protocols'

describe('linkFromArgv', () => {
  it.each([
    [['switchboard', 'tel:+12015550123'], 'tel:+12015550123'],
    [['C:\\Apps\\Switchboard.exe', '--flag', 'SIP:bob@example.com'], 'SIP:bob@example.com'],
    [['electron', '.', '--', 'callto:+1555'], 'callto:+1555'],
    [['switchboard', '--inspect=sip:x@y'], null],
    [['switchboard', 'https://example.com'], null],
    [['switchboard'], null],
  ])('%j → %s', (argv, link) => {
    expect(linkFromArgv(argv)).toBe(link)
  })
})

describe('dial links', () => {
  const router = (pushed: unknown[]) => ({
    ipc: { push: (_event: string, payload: unknown) => pushed.push(payload) } as never,
    defaultRegion: () => 'GB',
  })

  it('pushes one parsed request per link and never logs the link', () => {
    const pushed: unknown[] = []
    const log = recordingLogger('dial-links')
    const links = createDialLinks(log)
    links.route(router(pushed))
    expect(links.openFromArgv(['x', 'sip:alice:hunter2@example.com'])).toBe(true)
    links.open('tel:020 7946 0958')
    expect(links.openFromArgv(['x'])).toBe(false)
    expect(pushed).toMatchObject([
      { result: { ok: true, target: { dial: 'sip:alice@example.com' } } },
      { result: { ok: true, target: { dial: '+442079460958' } } },
    ])
    expect(log.lines.join('\n')).not.toContain('hunter2')
  })

  it('keeps links that come before the app is ready, in order, and sends them once routed', () => {
    const pushed: unknown[] = []
    const links = createDialLinks(recordingLogger('dial-links'))
    links.openFromArgv(['switchboard', 'sip:bob@example.com'])
    links.open('tel:+442079460958')
    expect(pushed).toEqual([])
    links.route(router(pushed))
    expect(pushed).toMatchObject([
      { result: { target: { dial: 'sip:bob@example.com' } } },
      { result: { target: { dial: '+442079460958' } } },
    ])
    links.route(router(pushed))
    expect(pushed).toHaveLength(2)
  })

  it('keeps only the newest few when launches flood in before the app is ready', () => {
    const pushed: unknown[] = []
    const links = createDialLinks(recordingLogger('dial-links'))
    for (let i = 0; i < 50; i++) links.open(`sip:user${i}@example.com`)
    links.route(router(pushed))
    expect(pushed).toHaveLength(MAX_WAITING_LINKS)
    expect(pushed.at(-1)).toMatchObject({ result: { target: { dial: 'sip:user49@example.com' } } })
  })
})

describe('registerDialProtocols', () => {
  it('registers the app path in development, the bare binary when packaged', () => {
    const log = recordingLogger()
    registerDialProtocols({
      app: fake.app,
      defaultApp: true,
      execPath: '/e',
      argv: ['/e', '.'],
      log,
    })
    expect(fake.app.protocolClients[0]).toEqual({
      scheme: 'sip',
      path: '/e',
      args: [expect.stringMatching(/^\//)],
    })
    fake.app.protocolClients = []
    registerDialProtocols({ app: fake.app, defaultApp: false, execPath: '/e', argv: ['/e'], log })
    expect(fake.app.protocolClients).toEqual([
      { scheme: 'sip' },
      { scheme: 'sips' },
      { scheme: 'tel' },
      { scheme: 'callto' },
    ])
  })
})
