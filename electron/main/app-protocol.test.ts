import fs from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applySettingsPatch, createDefaultSettings } from '@shared/settings'
import type { Settings } from '@shared/settings'
import { fake } from '../test/fake-electron'
import { recordingLogger, tempDir } from '../test/helpers'
import {
  APP_INDEX_URL,
  buildCsp,
  createAppRequestHandler,
  handleAppProtocol,
  registerAppScheme,
  resolveAppPath,
  sipServerOrigins,
} from './app-protocol'

const ROOT = resolve('/srv/switchboard/out/renderer')

describe('resolveAppPath', () => {
  it.each([
    ['app://switchboard/', join(ROOT, 'index.html')],
    ['app://switchboard', join(ROOT, 'index.html')],
    ['app://switchboard/index.html', join(ROOT, 'index.html')],
    ['app://switchboard/assets/index-abc.js', join(ROOT, 'assets', 'index-abc.js')],
    ['app://switchboard/assets/index.js?v=1#x', join(ROOT, 'assets', 'index.js')],
    ['app://switchboard/sounds/ring%20tone.ogg', join(ROOT, 'sounds', 'ring tone.ogg')],
    // The URL parser resolves a literal `..` before we see it: still inside the root.
    ['app://switchboard/assets/../index.html', join(ROOT, 'index.html')],
    ['app://switchboard/../../etc/passwd', join(ROOT, 'etc', 'passwd')],
    ['app://switchboard/%2e%2e/%2e%2e/etc/passwd', join(ROOT, 'etc', 'passwd')],
  ])('%s → %s', (url, file) => {
    expect(resolveAppPath(ROOT, url)).toBe(file)
  })

  it.each([
    'app://switchboard/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://switchboard/..%5c..%5cwindows%5csystem.ini',
    'app://switchboard/assets%5c..%5c..%5csecret',
    'app://switchboard/index.html%00.js',
    'app://switchboard/%E0%A4%A',
    'app://switchboard/assets/%2E.%2fsecret',
    'app://evil/index.html',
    'app://switchboard.evil/index.html',
    'file:///etc/passwd',
    'https://switchboard/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull()
  })
})

const ACCOUNT = {
  id: 'account-1',
  enabled: true,
  aor: 'sip:alice@example.com',
  server: 'wss://sip.example.com',
  username: '',
  realm: '',
  displayName: '',
  iceServers: [],
  icePolicy: 'all' as const,
  dtmfMethod: 'rfc4733' as const,
  defaultRegion: '',
  registerExpires: 600,
  outboundProxy: '',
}

function withServer(...servers: string[]): Settings {
  return applySettingsPatch(createDefaultSettings(), {
    accounts: servers.map((server, i) => ({ ...ACCOUNT, id: `a${i}`, server })),
  })
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name!, values]
    }),
  )
}

describe('buildCsp', () => {
  it('allows our own files only, no inline or eval script, and no server before one is set', () => {
    const csp = directives(buildCsp(createDefaultSettings()))
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(buildCsp(createDefaultSettings())).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
  })

  it.each([
    ['wss://sip.example.com/ws', 'wss://sip.example.com'],
    ['wss://sip.example.com:8443/ws?x=1', 'wss://sip.example.com:8443'],
    ['ws://127.0.0.1:8080', 'ws://127.0.0.1:8080'],
    ['WSS://SIP.Example.COM', 'wss://sip.example.com'],
    ['ws://[::1]:5066', 'ws://[::1]:5066'],
  ])('lets the page connect to the SIP server %s as %s', (server, origin) => {
    expect(directives(buildCsp(withServer(server))).get('connect-src')).toEqual(["'self'", origin])
  })

  it("names every account's server once, disabled ones too", () => {
    const settings = withServer('wss://a.example.com', 'ws://127.0.0.1:5066', 'wss://a.example.com/ws')
    settings.accounts[1]!.enabled = false
    expect(sipServerOrigins(settings)).toEqual(['wss://a.example.com', 'ws://127.0.0.1:5066'])
  })

  it('cannot be extended through a server value that skipped validation', () => {
    const settings = createDefaultSettings()
    settings.accounts = [{ ...ACCOUNT, server: "wss://evil.example; script-src 'unsafe-inline'" }]
    expect(sipServerOrigins(settings)).toEqual([])
    expect(buildCsp(settings)).not.toContain('unsafe-inline')
    settings.accounts = [{ ...ACCOUNT, server: 'https://evil.example' }]
    expect(sipServerOrigins(settings)).toEqual([])
  })
})

describe('the app:// handler', () => {
  it('registers app:// as a standard, secure scheme', () => {
    registerAppScheme(fake.protocol)
    expect(fake.protocol.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ])
  })

  it('serves files with their type and the CSP of the current settings', async () => {
    const root = await tempDir()
    await fs.mkdir(join(root, 'assets'))
    await fs.writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>')
    await fs.writeFile(join(root, 'assets', 'a.js'), 'export {}')
    let settings = createDefaultSettings()
    handleAppProtocol({
      protocol: fake.protocol,
      root,
      readFile: (path) => fs.readFile(path),
      getSettings: () => settings,
      log: recordingLogger(),
    })
    const handler = fake.protocol.handlers.get('app')!

    const page = await handler(new Request(APP_INDEX_URL))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('content-security-policy')).toBe(buildCsp(settings))
    expect(await page.text()).toContain('<title>x</title>')

    const script = await handler(new Request('app://switchboard/assets/a.js'))
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')

    settings = withServer('wss://pbx.example.com')
    const again = await handler(new Request(APP_INDEX_URL))
    expect(again.headers.get('content-security-policy')).toContain('wss://pbx.example.com')
  })

  it('answers 404 for missing files and refused paths, reading nothing outside the root', async () => {
    const root = await tempDir()
    const reads: string[] = []
    const handler = createAppRequestHandler({
      root,
      readFile: async (path) => {
        reads.push(path)
        return fs.readFile(path)
      },
      getSettings: createDefaultSettings,
      log: recordingLogger(),
    })
    expect((await handler(new Request('app://switchboard/missing.js'))).status).toBe(404)
    expect((await handler(new Request('app://switchboard/a/..%2f..%2fsecret'))).status).toBe(404)
    expect(reads).toEqual([join(root, 'missing.js')])
  })
})
