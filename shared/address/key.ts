// The key and display form of a peer, from a parsed URI's parts or from a URI string as it
// arrives (a From header, a stored history entry). The same peer gets the same key whichever way
// it was met: see types.ts.

export interface UriParts {
  scheme: string
  user?: string | null
  host: string
  port?: number | null
}

export function keyOf(uri: UriParts): string {
  const port = uri.port ? `:${uri.port}` : ''
  return `${uri.scheme.toLowerCase()}:${uri.user ?? ''}@${uri.host.toLowerCase()}${port}`
}

/** `bob@example.com` from `sip:bob@example.com;transport=ws`: the user part and host. */
export function displayAddress(uri: string): string {
  return uri.replace(/^sips?:/i, '').replace(/[;?].*$/s, '')
}

/**
 * The key of a URI string from storage or the network, without a full parse: scheme, user part
 * and host[:port]; parameters and headers go. Null when it is not a sip:/sips: URI.
 */
export function keyOfUri(uri: string): string | null {
  const match = /^(sips?):(.+)$/is.exec(uri.trim())
  if (!match) return null
  const [, scheme = 'sip', body = ''] = match
  // As the link parser reads it: the user part ends at the first `@`, unless a `?` (headers)
  // comes first; a user part may hold `;` (`sip:alice;day=tuesday@atlanta.com`).
  const at = body.indexOf('@')
  const question = body.indexOf('?')
  const hasUser = at >= 0 && (question < 0 || at < question)
  const user = hasUser ? body.slice(0, at).replace(/:.*$/s, '') : ''
  const hostport = (hasUser ? body.slice(at + 1) : body).replace(/[;?].*$/s, '')
  if (hostport === '') return null
  const portMatch = /^(.*?)(?::(\d{1,5}))?$/.exec(hostport)
  const host = portMatch?.[1] ?? hostport
  const port = portMatch?.[2] ? Number(portMatch[2]) : null
  return keyOf({ scheme, user, host, port })
}
