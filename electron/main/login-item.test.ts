import fs from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { app } from 'electron'
import { fake } from '../test/fake-electron'
import { recordingLogger, tempDir } from '../test/helpers'
import {
  autostartDir,
  autostartEntry,
  launchCommand,
  quoteExecArg,
} from './autostart-entry'
import { applyLoginItem } from './login-item'

describe('autostart entry (pure)', () => {
  it('goes to the config home’s autostart folder', () => {
    expect(autostartDir('/home/a/.config')).toBe('/home/a/.config/autostart')
  })

  it.each([
    [{ execPath: '/opt/Switchboard/switchboard', defaultApp: false, argv: ['/opt/x'], appImage: undefined }, ['/opt/Switchboard/switchboard']],
    [{ execPath: '/tmp/.mount_x/switchboard', defaultApp: false, argv: [], appImage: '/home/a/Switchboard.AppImage' }, ['/home/a/Switchboard.AppImage']],
    [{ execPath: '/repo/node_modules/electron/dist/electron', defaultApp: true, argv: ['electron', '/repo'], appImage: undefined }, ['/repo/node_modules/electron/dist/electron', '/repo']],
  ])('starts the copy that is running (%#)', (info, command) => {
    expect(launchCommand(info)).toEqual(command)
  })

  it.each([
    ['/opt/Switchboard/switchboard', '/opt/Switchboard/switchboard'],
    ['/home/a/My Apps/Switchboard.AppImage', '"/home/a/My Apps/Switchboard.AppImage"'],
    ['/x/$HOME`id`"q"\\', '"/x/\\$HOME\\`id\\`\\"q\\"\\\\"'],
    ['/x/100%', '/x/100%%'],
  ])('quotes %j for Exec', (arg, quoted) => {
    expect(quoteExecArg(arg)).toBe(quoted)
  })

  it('is a valid desktop entry with one line per key', () => {
    const text = autostartEntry({ name: 'Switch\nboard', comment: 'c', command: ['/a b/app'] })
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=Switch board',
      'Comment=c',
      'Exec="/a b/app"',
      'Icon=switchboard',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ])
  })
})

describe('applyLoginItem', () => {
  async function linuxOptions() {
    const dir = join(await tempDir(), 'autostart')
    const log = recordingLogger()
    const options = {
      app,
      platform: 'linux' as const,
      linux: { fs, dir, command: ['/opt/Switchboard/switchboard'], name: 'Switchboard' },
      log,
    }
    return { options, file: join(dir, 'switchboard.desktop'), log }
  }

  it('on Linux writes the autostart file when on and removes it when off', async () => {
    const { options, file } = await linuxOptions()
    await applyLoginItem(options, { startAtLogin: true })
    const text = await fs.readFile(file, 'utf8')
    expect(text).toContain('Exec=/opt/Switchboard/switchboard\n')
    expect((await fs.stat(file)).mode & 0o777).toBe(0o644)
    await applyLoginItem(options, { startAtLogin: false })
    await expect(fs.stat(file)).rejects.toMatchObject({ code: 'ENOENT' })
    // Off with no file: nothing to do, nothing logged.
    await applyLoginItem(options, { startAtLogin: false })
  })

  it('on Linux a file that cannot be written is logged, not thrown', async () => {
    const { options, log } = await linuxOptions()
    // The autostart "directory" is a file: mkdir fails.
    await fs.mkdir(join(options.linux.dir, '..'), { recursive: true })
    await fs.writeFile(options.linux.dir, 'not a directory')
    await applyLoginItem(options, { startAtLogin: true })
    expect(log.lines.join('\n')).toMatch(/could not write/)
  })

  it.each(['darwin', 'win32'] as const)('on %s asks the OS for a login item', async (platform) => {
    const { options } = await linuxOptions()
    await applyLoginItem({ ...options, platform }, { startAtLogin: true })
    expect(fake.app.loginItem).toEqual({ openAtLogin: true })
    await expect(fs.stat(join(options.linux.dir, 'switchboard.desktop'))).rejects.toThrow()
  })
})
