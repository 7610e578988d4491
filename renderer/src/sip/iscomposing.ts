// RFC 3994 "isComposing" status messages (application/im-iscomposing+xml): what we send while the
// user types, and a tolerant reader for what peers send. Parsed with patterns, not a DOM, so this
// runs in Node too; the document is tiny and anything we cannot read counts as "idle".

export const IS_COMPOSING_TYPE = 'application/im-iscomposing+xml'

/** RFC 3994 §3: without a refresh, an active indication goes idle after 120 s; we send 60 s. */
export const DEFAULT_REFRESH_SECONDS = 60
const RECEIVER_DEFAULT_SECONDS = 120

export interface ComposingState {
  active: boolean
  /** Seconds after which an active state lapses to idle unless refreshed. */
  refreshSeconds: number
}

export function buildIsComposing(
  active: boolean,
  refreshSeconds = DEFAULT_REFRESH_SECONDS,
): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing">' +
    `<state>${active ? 'active' : 'idle'}</state>` +
    (active ? `<refresh>${Math.round(refreshSeconds)}</refresh>` : '') +
    '<contenttype>text/plain</contenttype>' +
    '</isComposing>'
  )
}

export function parseIsComposing(body: string): ComposingState {
  const state = /<(?:\w+:)?state>\s*([a-z]+)\s*<\/(?:\w+:)?state>/i.exec(body)?.[1]?.toLowerCase()
  const refresh = Number(/<(?:\w+:)?refresh>\s*(\d{1,5})\s*<\/(?:\w+:)?refresh>/i.exec(body)?.[1])
  return {
    active: state === 'active',
    refreshSeconds: Number.isFinite(refresh) && refresh > 0 ? refresh : RECEIVER_DEFAULT_SECONDS,
  }
}
