// Registers Switchboard as the OS handler of sip:, sips:, tel: and callto: once the user said yes
// (asked once in the app, or Settings); never by itself at start. The installers declare the same
// schemes from electron-builder.yml; on Linux the .desktop file's MimeType does.
import { resolve } from 'node:path'
import type { App } from 'electron'
import { DIAL_SCHEMES } from '@shared/links'
import type { DialScheme } from '@shared/links'
import type { Logger } from './log'

export interface DialProtocolOptions {
  app: Pick<App, 'setAsDefaultProtocolClient'>
  /** `process.defaultApp`: running as `electron path/to/app`, not as the packaged binary. */
  defaultApp: boolean
  execPath: string
  /** `process.argv`; its second entry is the app's path in development. */
  argv: readonly string[]
  log: Logger
}

/** Returns the schemes the OS accepted. */
export function registerDialProtocols(options: DialProtocolOptions): DialScheme[] {
  const { app, defaultApp, execPath, argv, log } = options
  // In development the OS must start `electron <app path> <link>`, not bare Electron.
  const appPath = argv[1]
  const devArgs = defaultApp && appPath ? [resolve(appPath)] : null
  const registered: DialScheme[] = []
  for (const scheme of DIAL_SCHEMES) {
    const ok = devArgs
      ? app.setAsDefaultProtocolClient(scheme, execPath, devArgs)
      : app.setAsDefaultProtocolClient(scheme)
    if (ok) registered.push(scheme)
  }
  if (registered.length < DIAL_SCHEMES.length) {
    log.info(
      `the OS took ${registered.join(', ') || 'none'} of ${DIAL_SCHEMES.join(', ')} at runtime`,
    )
  }
  return registered
}
