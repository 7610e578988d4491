// Click-to-dial links from the OS (a second instance's argv on Windows/Linux, `open-url` on
// macOS, the first launch's argv) → parsed in the pure link module → one `dial:request` push.
// The IPC push queue holds it until the renderer is ready; the renderer holds it until signed
// in. The link itself is never logged: a sip: URI can carry a password.
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

export interface DialLinksOptions {
  ipc: Pick<Ipc, 'push'>
  defaultRegion: () => string
  log: Logger
}

export interface DialLinks {
  /** Parse a link and ask the renderer to confirm it (or to show why it cannot be dialed). */
  open(link: string): void
  /** A command line: opens its link, if it has one; says whether it did. */
  openFromArgv(argv: readonly string[]): boolean
}

export function createDialLinks({ ipc, defaultRegion, log }: DialLinksOptions): DialLinks {
  const open = (link: string) => {
    const result = parseDialLink(link, { defaultRegion: defaultRegion() })
    const outcome = result.ok ? `a ${result.target.kind} target` : `refused (${result.error.code})`
    log.info(`${dialSchemeOf(link) ?? 'unknown'}: link → ${outcome}`)
    ipc.push('dial:request', { result })
  }
  return {
    open,
    openFromArgv(argv) {
      const link = linkFromArgv(argv)
      if (link === null) return false
      open(link)
      return true
    },
  }
}
