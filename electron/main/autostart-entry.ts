// Linux "Start at login": the XDG Autostart spec's way is a .desktop file in
// $XDG_CONFIG_HOME/autostart (~/.config/autostart), which GNOME, KDE, Xfce and the rest read at
// login. Electron has no API for it (setLoginItemSettings is macOS/Windows only). Pure: what the
// file says and where it goes; login-item.ts writes and removes it.
import { join } from 'node:path'

export const AUTOSTART_FILE_NAME = 'switchboard.desktop'

/**
 * `<config home>/autostart`; Electron's `appData` path is $XDG_CONFIG_HOME or ~/.config on Linux,
 * the spec's config home.
 */
export function autostartDir(configHome: string): string {
  return join(configHome, 'autostart')
}

export interface LaunchInfo {
  execPath: string
  /** `process.defaultApp`: running as `electron path/to/app` in development. */
  defaultApp: boolean
  /** `process.argv`; its second entry is the app's path in development. */
  argv: readonly string[]
  /** $APPIMAGE: the AppImage file itself; execPath points into a mount that changes each run. */
  appImage: string | undefined
}

/** What the login session must run to start this copy of the app. */
export function launchCommand(info: LaunchInfo): string[] {
  if (info.appImage) return [info.appImage]
  const appPath = info.argv[1]
  if (info.defaultApp && appPath) return [info.execPath, appPath]
  return [info.execPath]
}

/**
 * One Exec argument, quoted as the Desktop Entry spec asks: inside double quotes, `"`, `` ` ``,
 * `$` and `\` are escaped with a backslash; `%` (a field code) is doubled everywhere.
 */
export function quoteExecArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%')
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(escaped)) return escaped
  return `"${escaped.replace(/(["`$\\])/g, '\\$1')}"`
}

/** A value of a key in the file: no line breaks (they would start a new key). */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ')
}

export function autostartEntry(options: { name: string; comment: string; command: readonly string[] }): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${oneLine(options.name)}`,
    `Comment=${oneLine(options.comment)}`,
    `Exec=${options.command.map(quoteExecArg).join(' ')}`,
    'Icon=switchboard',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}
