// Intercom / paging: an INVITE that asks to be answered at once. The headers the common PBXs and
// desk phones use, read strictly, and the rules that decide whether we do it (the user allowed
// it, not in Do not disturb, no other call up, only from our own domain).

export interface IntercomHeaders {
  /** Every `Call-Info` header field value of the INVITE. */
  callInfo: readonly string[]
  /** Every `Alert-Info` header field value. */
  alertInfo: readonly string[]
  /** Every `Answer-Mode` header field value (RFC 5373). */
  answerMode: readonly string[]
}

/** Splits a header value into its comma-separated entries, keeping `<…>` URIs whole. */
function entries(values: readonly string[]): string[] {
  const out: string[] = []
  for (const value of values) {
    let depth = 0
    let start = 0
    for (let i = 0; i < value.length; i++) {
      const c = value[i]
      if (c === '<') depth++
      else if (c === '>') depth = Math.max(0, depth - 1)
      else if (c === ',' && depth === 0) {
        out.push(value.slice(start, i))
        start = i + 1
      }
    }
    out.push(value.slice(start))
  }
  return out.map((e) => e.trim()).filter((e) => e.length > 0)
}

/** The `;name=value` parameters after the `<uri>` (or the bare token) of one entry, lower-cased. */
function params(entry: string): Map<string, string> {
  const close = entry.lastIndexOf('>')
  const tail =
    close >= 0 ? entry.slice(close + 1) : entry.slice(entry.indexOf(';') + 1 || entry.length)
  const found = new Map<string, string>()
  for (const part of tail.split(';')) {
    const [name, ...rest] = part.split('=')
    const key = name?.trim().toLowerCase()
    if (key) found.set(key, rest.join('=').trim().replace(/^"|"$/g, '').toLowerCase())
  }
  return found
}

/**
 * Whether the INVITE asks to be answered without ringing:
 * - `Call-Info: <…>;answer-after=0` (Polycom, Yealink, Asterisk's Page(), FreeSWITCH);
 * - `Alert-Info: <…>;info=alert-autoanswer` or `info=intercom` (Yealink/Grandstream style);
 * - `Answer-Mode: Auto` (RFC 5373).
 * A delay other than 0 is not an intercom page: the phone rings as usual.
 */
export function asksForAutoAnswer(headers: IntercomHeaders): boolean {
  const callInfo = entries(headers.callInfo).some((e) => params(e).get('answer-after') === '0')
  const alertInfo = entries(headers.alertInfo).some((e) => {
    const info = params(e).get('info')
    return info === 'alert-autoanswer' || info === 'intercom'
  })
  const answerMode = entries(headers.answerMode).some(
    (e) => e.split(';')[0]?.trim().toLowerCase() === 'auto',
  )
  return callInfo || alertInfo || answerMode
}

export interface AutoAnswerContext {
  /** Settings: "Answer intercom calls automatically" (off by default). */
  allowed: boolean
  /** The user chose Do not disturb. */
  doNotDisturb: boolean
  /** Calls other than this one that are up, ringing or on hold. */
  otherCalls: number
  /** The caller's domain and ours (the account's), compared case-insensitively. */
  callerDomain: string
  ownDomain: string
}

export type AutoAnswerDecision =
  | { answer: true }
  | {
      answer: false
      reason: 'not-asked' | 'not-allowed' | 'do-not-disturb' | 'busy' | 'foreign-domain'
    }

/** Whether to answer this INVITE at once (with the microphone muted). */
export function decideAutoAnswer(
  headers: IntercomHeaders,
  context: AutoAnswerContext,
): AutoAnswerDecision {
  if (!asksForAutoAnswer(headers)) return { answer: false, reason: 'not-asked' }
  if (!context.allowed) return { answer: false, reason: 'not-allowed' }
  if (context.doNotDisturb) return { answer: false, reason: 'do-not-disturb' }
  if (context.otherCalls > 0) return { answer: false, reason: 'busy' }
  const caller = context.callerDomain.trim().toLowerCase()
  if (!caller || caller !== context.ownDomain.trim().toLowerCase()) {
    return { answer: false, reason: 'foreign-domain' }
  }
  return { answer: true }
}
