// electron-builder.yml, checked here because installers cannot be built on this machine: it must
// validate against the schema electron-builder ships (app-builder-lib's scheme.json) and declare
// the dial schemes, every fuse and the macOS privacy strings.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { DIAL_SCHEMES } from '@shared/links'

const root = join(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
> & {
  protocols: { name: string; schemes: string[] }[]
  electronFuses: Record<string, boolean>
  mac: { extendInfo: Record<string, string>; entitlements: string }
  linux: { target: string[] }
  extraResources: { from: string; to: string }[]
}

// Compiling the schema takes seconds: once, at load, outside any test's timeout.
const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object,
)

describe('electron-builder.yml', () => {
  it('validates against app-builder-lib’s scheme.json', () => {
    const valid = validate(config)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('is a schema that would catch a mistake (not a vacuous check)', () => {
    expect(validate({ ...config, protocol: config.protocols })).toBe(false)
    expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } })).toBe(false)
  })

  it('declares every dial scheme the app registers at runtime', () => {
    expect(config.protocols.flatMap((p) => p.schemes).sort()).toEqual([...DIAL_SCHEMES].sort())
  })

  it('sets every fuse explicitly, Node-as-app and inspect off, asar integrity on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('tells macOS why it wants the microphone and camera', () => {
    expect(config.mac.extendInfo['NSMicrophoneUsageDescription']).toMatch(/microphone/i)
    expect(config.mac.extendInfo['NSCameraUsageDescription']).toMatch(/camera/i)
    const entitlements = readFileSync(join(root, config.mac.entitlements), 'utf8')
    expect(entitlements).toContain('com.apple.security.device.audio-input')
    expect(entitlements).toContain('com.apple.security.device.camera')
  })

  it('ships a tray icon for every tray state', async () => {
    const { TRAY_ICONS } = await import('@shared/shell/tray-model')
    expect(config.extraResources).toContainEqual({ from: 'build/tray', to: 'tray' })
    // Generated from SVG by scripts/tray-icons: PNG (Linux), template PNG (macOS), ICO (Windows).
    for (const icon of TRAY_ICONS) {
      for (const file of [`${icon}.png`, `${icon}@2x.png`, `${icon}Template.png`, `${icon}Template@2x.png`, `${icon}.ico`]) {
        expect(() => readFileSync(join(root, 'build/tray', file)), file).not.toThrow()
      }
    }
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
  })
})

// Electron security checklist "use a current version": issue 10 row 16 moved to 45.6.1, the
// newest 45.x when it was written; the installed one must be the one package.json asks for.
describe('Electron version', () => {
  it('is at least 45.6.1 and installed as declared', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>
    }
    const installed = JSON.parse(
      readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
    ) as { version: string }
    expect(pkg.devDependencies['electron']).toMatch(/^\^45\.(6\.[1-9]|[7-9]\.|\d{2,}\.)/)
    const [major, minor, patch] = installed.version.split('.').map(Number)
    expect(major).toBe(45)
    expect((minor ?? 0) * 1000 + (patch ?? 0)).toBeGreaterThanOrEqual(6001)
  })
})
