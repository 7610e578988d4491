// Guards for every web contents: no navigation away from our page, no new windows, no webviews,
// and a permission policy that grants the few things a softphone needs to our own page only.
// The decisions are pure functions; `applySecurity` only wires them to Electron.
import { isOpenableWebUrl } from '@shared/links/web'
import type { App, Session, WebContents } from 'electron'
import type { Logger } from './log'

/** `scheme://host[:port]` of a URL, or null. Spelled out: Node's URL says `null` for `app:`. */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    if (parsed.host === '') return null
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return null
  }
}

export function isOwnOrigin(
  url: string | undefined | null,
  ownOrigins: readonly string[],
): boolean {
  const origin = originOf(url)
  return origin !== null && ownOrigins.includes(origin)
}

/** Navigation stays on our page (a reload, the dev server's own reload); anything else is refused. */
export function isAllowedNavigation(url: string, ownOrigins: readonly string[]): boolean {
  return isOwnOrigin(url, ownOrigins)
}

export interface PermissionQuery {
  permission: string
  /** The requesting frame's URL (request) or origin (check). */
  requestingUrl: string | undefined
  isMainFrame: boolean
  /** For `media`: what is asked for; `unknown` is what a check sends before a device is chosen. */
  mediaTypes?: readonly ('audio' | 'video' | 'unknown')[]
}

// Microphone and camera for calls, notifications for incoming calls and messages, idle
// detection for automatic "Away", a screen or window to share (what is shared is the choice made
// in our own picker: screen-picker.ts).
const GRANTED = new Set(['media', 'notifications', 'idle-detection', 'display-capture'])

/** Grant only what a softphone needs, and only to our own page's top frame. */
export function decidePermission(query: PermissionQuery, ownOrigins: readonly string[]): boolean {
  if (!GRANTED.has(query.permission)) return false
  if (!query.isMainFrame) return false
  if (!isOwnOrigin(query.requestingUrl, ownOrigins)) return false
  if (query.permission === 'media') {
    const types = query.mediaTypes ?? []
    return types.every((t) => t === 'audio' || t === 'video' || t === 'unknown')
  }
  // Video only: the system's sound is never shared.
  if (query.permission === 'display-capture') {
    return (query.mediaTypes ?? []).every((t) => t === 'video' || t === 'unknown')
  }
  return true
}

export interface SecurityOptions {
  app: Pick<App, 'on'>
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >
  /** Our page's origin(s): `app://switchboard`, plus the dev server's in development. */
  ownOrigins: readonly string[]
  /** Opens a validated http(s) link in the user's browser (`shell.openExternal`). */
  openExternal: (url: string) => void
  log: Logger
}

export function applySecurity({
  app,
  session,
  ownOrigins,
  openExternal,
  log,
}: SecurityOptions): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    guardWebContents(contents, ownOrigins, log, openExternal)
  })

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = decidePermission(
      {
        permission,
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      },
      ownOrigins,
    )
    if (!granted)
      log.warn(`denied permission request "${permission}" from ${originOf(details.requestingUrl)}`)
    callback(granted)
  })

  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermission(
      {
        permission,
        requestingUrl: details.requestingUrl ?? requestingOrigin,
        isMainFrame: details.isMainFrame,
        mediaTypes: details.mediaType ? [details.mediaType] : undefined,
      },
      ownOrigins,
    ),
  )

  // USB, HID, serial, Bluetooth: none of our business.
  session.setDevicePermissionHandler(() => false)
}

/**
 * Whether a link from the page (a chat message's http(s) link, opened with target=_blank) may go
 * to the user's browser: http(s) only, no credentials in it, of sane length, and in the URL
 * parser's canonical form (punycode host), which is what the chat showed. Anything else is
 * refused; our own window never navigates away.
 */
export function isExternalWebLink(url: string): boolean {
  return isOpenableWebUrl(url)
}

export function guardWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  ownOrigins: readonly string[],
  log: Logger,
  openExternal: (url: string) => void = () => {},
): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, ownOrigins)) {
      event.preventDefault()
      log.warn(`blocked navigation to ${originOf(event.url) ?? 'an invalid URL'}`)
    }
  })
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, ownOrigins)) {
      event.preventDefault()
      log.warn(`blocked redirect to ${originOf(event.url) ?? 'an invalid URL'}`)
    }
  })
  // No window of ours ever opens: a web link goes to the user's browser, anything else nowhere.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) openExternal(url)
    else log.warn(`blocked window.open of ${originOf(url) ?? 'an invalid URL'}`)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log.warn('blocked a webview')
  })
}
