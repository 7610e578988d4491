// Issue 10 row 16: the updater glue against the fake electron app and a fake autoUpdater.
import { beforeEach, describe, expect, it } from 'vitest'
import { FIRST_CHECK_DELAY_MS } from '@shared/updates/policy'
import { fake } from '../test/fake-electron'
import { recordingLogger } from '../test/helpers'
import { createUpdater } from './updater'
import type { AutoUpdaterLike } from './updater'

class FakeAutoUpdater implements AutoUpdaterLike {
  autoDownload = false
  autoInstallOnAppQuit = false
  allowDowngrade = true
  allowPrerelease = true
  forceDevUpdateConfig = true
  feed: string | null = null
  checks = 0
  listeners = new Map<string, (...args: unknown[]) => void>()
  setFeedURL(options: { url: string }) {
    this.feed = options.url
  }
  on(event: string, listener: (...args: unknown[]) => void) {
    this.listeners.set(event, listener)
  }
  async checkForUpdates() {
    this.checks += 1
  }
}

beforeEach(() => fake.reset())

function setup(feedUrl = 'https://updates.example.com/switchboard') {
  const autoUpdater = new FakeAutoUpdater()
  const timers: { run: () => void; ms: number }[] = []
  const ready: string[] = []
  let loads = 0
  const updater = createUpdater({
    context: () => ({
      enabled: true,
      packaged: fake.app.isPackaged,
      platform: 'win32',
      appImage: false,
      feedUrl,
    }),
    currentVersion: fake.app.getVersion(),
    loadUpdater: async () => {
      loads += 1
      return autoUpdater
    },
    setTimer: (run, ms) => timers.push({ run, ms }),
    now: () => 0,
    notifyReady: (version) => ready.push(version),
    log: recordingLogger(),
  })
  return { updater, autoUpdater, timers, ready, loads: () => loads }
}

describe('updater glue', () => {
  it('never loads electron-updater in an unpackaged build', async () => {
    const { updater, timers, loads } = setup()
    expect(await updater.start()).toBe(false)
    expect(loads()).toBe(0)
    expect(timers).toEqual([])
  })

  it('packaged: keeps signature and downgrade checks, checks after a minute, tells the user', async () => {
    fake.app.isPackaged = true
    const { updater, autoUpdater, timers, ready } = setup()
    expect(await updater.start()).toBe(true)
    expect(autoUpdater).toMatchObject({
      allowDowngrade: false,
      allowPrerelease: false,
      forceDevUpdateConfig: false,
      autoInstallOnAppQuit: true,
      feed: 'https://updates.example.com/switchboard',
    })
    expect(timers[0]?.ms).toBe(FIRST_CHECK_DELAY_MS)
    timers[0]!.run()
    expect(autoUpdater.checks).toBe(1)
    autoUpdater.listeners.get('update-downloaded')!({ version: '99.0.0' })
    autoUpdater.listeners.get('update-downloaded')!({ version: '0.0.0-alpha' })
    autoUpdater.listeners.get('error')!(new Error('sha512 checksum mismatch'))
    expect(ready).toEqual(['99.0.0'])
  })

  it('refuses a plain-http feed even when packaged', async () => {
    fake.app.isPackaged = true
    const { updater, loads } = setup('http://updates.example.com')
    expect(await updater.start()).toBe(false)
    expect(loads()).toBe(0)
  })
})
