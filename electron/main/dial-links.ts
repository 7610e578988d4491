// Click-to-dial links from the OS (a second instance's argv on Windows/Linux, `open-url` on
// macOS, the first launch's argv) → parsed in the pure link module → one `dial:request` push.
// Links that come before the app is ready wait here; then the IPC push queue holds them until the
// renderer is ready, and the renderer until signed in. The link itself is never logged: a sip:
// URI can carry a password.
import { dialSchemeOf, parseDialLink } from '@shared/links'
import type { Ipc } from './ipc'
import type { Logger } from './log'

/**
 * The dial link in a command line, or null. Flags (`--hidden`, Chromium's own) are skipped, and so
 * is anything else that is not a sip/sips/tel/callto link, such as the app's path.
 */
export function linkFromArgv(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (arg.startsWith('-')) continue
    if (dialSchemeOf(arg) !== null) return arg
  }
  return null
}

export interface DialLinksRoute {
  ipc: Pick<Ipc, 'push'>
  defaultRegion: () => string
}

export interface DialLinks {
  /**
   * Parse a link and ask the renderer to confirm it (or to show why it cannot be dialed). Before
   * `route()` (the app is not ready: no settings, no IPC) the link waits here.
   */
  open(link: string): void
  /** A command line: opens its link, if it has one; says whether it did. */
  openFromArgv(argv: readonly string[]): boolean
  /** The IPC exists now: links from here on, and those that waited, go to the renderer. */
  route(to: DialLinksRoute): void
}

/** Links kept while the app starts; a flood of launches keeps only the newest. */
export const MAX_WAITING_LINKS = 5

/**
 * The one place a link waits in main: here until `route()`, then in the IPC push queue until the
 * renderer says it is ready (the renderer holds it until signed in).
 */
export function createDialLinks(log: Logger): DialLinks {
  const waiting: string[] = []
  let route: DialLinksRoute | null = null
  const send = (link: string, { ipc, defaultRegion }: DialLinksRoute) => {
    const result = parseDialLink(link, { defaultRegion: defaultRegion() })
    const outcome = result.ok ? `a ${result.target.kind} target` : `refused (${result.error.code})`
    log.info(`${dialSchemeOf(link) ?? 'unknown'}: link → ${outcome}`)
    ipc.push('dial:request', { result })
  }
  const open = (link: string) => {
    if (route) return send(link, route)
    waiting.push(link)
    if (waiting.length > MAX_WAITING_LINKS) waiting.shift()
  }
  return {
    open,
    openFromArgv(argv) {
      const link = linkFromArgv(argv)
      if (link === null) return false
      open(link)
      return true
    },
    route(to) {
      route = to
      for (const link of waiting.splice(0)) send(link, to)
    },
  }
}
