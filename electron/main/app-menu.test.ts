// Issue 10 row 17: a packaged build had Electron's default menu, DevTools included.
import { describe, expect, it } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { appMenuTemplate, applyAppMenu } from './app-menu'
import { fake } from '../test/fake-electron'

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ])
}

describe('application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)(
    'has no DevTools or reload when packaged (%s)',
    (platform) => {
      const template = appMenuTemplate({ isPackaged: true, platform, appName: 'Switchboard' })
      expect(roles(template)).not.toContain('toggleDevTools')
      expect(roles(template)).not.toContain('reload')
      expect(roles(template)).toEqual(expect.arrayContaining(['copy', 'paste', 'quit']))
    },
  )

  it('offers DevTools to a developer running unpackaged', () => {
    const template = appMenuTemplate({
      isPackaged: false,
      platform: 'linux',
      appName: 'Switchboard',
    })
    expect(roles(template)).toContain('toggleDevTools')
  })

  it('is installed as the application menu (so the default one never shows)', () => {
    fake.reset()
    applyAppMenu(fake.Menu as never, {
      isPackaged: true,
      platform: 'linux',
      appName: 'Switchboard',
    })
    expect(fake.Menu.applicationMenu).not.toBeNull()
    expect(JSON.stringify(fake.Menu.applicationMenu)).not.toContain('toggleDevTools')
  })
})
