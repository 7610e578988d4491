// Click-to-dial in a plain browser: the link arrives as the page URL's `?dial=<url-encoded link>`,
// which is also the URL the browser is asked to open sip:/tel: links with. Pure string work here;
// the browser bridge reads the address, delivers the link and takes it out of the address.
import type { ProtocolHandlerOutcome } from './types'

export const DIAL_PARAM = 'dial'

/**
 * The schemes offered to `navigator.registerProtocolHandler`. HTML's safelist has `sip` and `tel`
 * (no `web+` prefix needed); `sips` and `callto` are not on it and would throw.
 */
export const BROWSER_DIAL_SCHEMES = ['sip', 'tel'] as const

/** The link in a page address's `?dial=`, decoded; null when there is none. */
export function dialLinkOf(href: string): string | null {
  try {
    return new URL(href).searchParams.get(DIAL_PARAM)
  } catch {
    return null
  }
}

/** The same address without `?dial=`, so a reload does not dial again. */
export function withoutDialLink(href: string): string {
  const url = new URL(href)
  url.searchParams.delete(DIAL_PARAM)
  return url.toString()
}

/** This page with `?dial=%s`: the browser puts the escaped link where `%s` is. */
export function protocolHandlerUrl(href: string): string {
  const url = new URL(href)
  return `${url.origin}${url.pathname}?${DIAL_PARAM}=%s`
}

export interface ProtocolRegistrar {
  registerProtocolHandler(scheme: string, url: string): void
}

/** Offers this page as the handler of sip: and tel: links; must run inside a user gesture. */
export function offerProtocolHandlers(
  registrar: ProtocolRegistrar | undefined,
  href: string,
): ProtocolHandlerOutcome {
  if (!registrar || typeof registrar.registerProtocolHandler !== 'function') return 'unsupported'
  try {
    const url = protocolHandlerUrl(href)
    for (const scheme of BROWSER_DIAL_SCHEMES) registrar.registerProtocolHandler(scheme, url)
    return 'offered'
  } catch (error) {
    // Insecure origin, or a browser that refuses the scheme: the user is told, nothing breaks.
    console.warn(
      'Registering the link handler failed:',
      error instanceof Error ? error.message : error,
    )
    return 'failed'
  }
}
