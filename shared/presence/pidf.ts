// PIDF (RFC 3863) with the data model (RFC 4479) and RPID (RFC 4480): what a presence NOTIFY
// body says about someone, reduced to the one status the UI shows, and the document we PUBLISH.
import type { MyStatus } from '../shell/types'
import { escapeXml, parseXml, XmlError } from './xml'
import type { XmlElement, XmlWorkCounter } from './xml'
import { sanitizeText, truncate } from '../text/sanitize'

export { PIDF_CONTENT_TYPE } from './content-type'
export const NS = {
  pidf: 'urn:ietf:params:xml:ns:pidf',
  dm: 'urn:ietf:params:xml:ns:pidf:data-model',
  rpid: 'urn:ietf:params:xml:ns:pidf:rpid',
  // Pre-RFC RPID drafts, still sent by some phones inside <status>.
  rpidStatus: 'urn:ietf:params:xml:ns:pidf:status:rpid-status',
} as const

/** A contact's status as the list shows it (DESIGN: contact status texts). */
export type ContactStatus =
  'available' | 'away' | 'busy' | 'dnd' | 'on-the-phone' | 'offline' | 'unknown'

export interface Presence {
  status: ContactStatus
  /** Free text the person set, '' when none. */
  note: string
}

/** Bigger bodies are not parsed at all: presence documents are a few hundred bytes. */
export const MAX_PIDF_BYTES = 64 * 1024
const MAX_NOTE_CHARS = 200

export type PidfResult =
  | { kind: 'presence'; presence: Presence }
  /** Over the size limit: ignored, the previous status stands. */
  | { kind: 'ignored'; reason: string }

// RPID activities by what they mean for reaching someone now. Unlisted ones (working, playing,
// unknown, …) leave the person available.
const PHONE = new Set(['on-the-phone'])
const BUSY = new Set(['busy', 'meeting', 'appointment', 'presentation', 'performance', 'worship'])
const AWAY = new Set([
  'away',
  'vacation',
  'holiday',
  'travel',
  'in-transit',
  'meal',
  'breakfast',
  'lunch',
  'dinner',
  'sleeping',
  'steering',
  'shopping',
  'permanent-absence',
  'looking-for-work',
  'spectator',
  'tv',
])
const DND_TEXT = /^\s*(dnd|do[\s-]*not[\s-]*disturb)\s*$/i

function children(element: XmlElement, ns: string, local: string): XmlElement[] {
  return element.children.filter((c) => c.ns === ns && c.local === local)
}

function descendants(element: XmlElement, match: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = []
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (match(c)) found.push(c)
      walk(c)
    }
  }
  walk(element)
  return found
}

function cleanNote(text: string): string {
  // Control, bidi and invisible characters from the network go; the UI shows the rest as text.
  const flat = sanitizeText(text)
  return flat.length > MAX_NOTE_CHARS ? `${truncate(flat, MAX_NOTE_CHARS - 1)}…` : flat
}

function firstNote(elements: XmlElement[]): string {
  for (const e of elements) {
    const note = cleanNote(e.text)
    if (note) return note
  }
  return ''
}

/** Activity names: RPID element names (rpid:other's text), and the old drafts' text values. */
function activities(presence: XmlElement): { names: Set<string>; dndText: boolean } {
  const names = new Set<string>()
  let dndText = false
  const lists = descendants(
    presence,
    (e) => (e.ns === NS.rpid || e.ns === NS.rpidStatus) && e.local === 'activities',
  )
  for (const list of lists) {
    for (const a of list.children) {
      if (a.ns === NS.rpidStatus && a.local === 'activity') {
        const value = a.text.trim().toLowerCase()
        if (DND_TEXT.test(value)) dndText = true
        else if (value) names.add(value)
      } else if (a.local === 'other') {
        if (DND_TEXT.test(a.text)) dndText = true
      } else if (a.ns === NS.rpid) names.add(a.local)
    }
  }
  return { names, dndText }
}

function interpret(root: XmlElement): Presence {
  if (root.ns !== NS.pidf || root.local !== 'presence') return { status: 'unknown', note: '' }
  const tuples = children(root, NS.pidf, 'tuple')
  const basics = tuples.flatMap((t) =>
    children(t, NS.pidf, 'status').flatMap((s) => children(s, NS.pidf, 'basic')),
  )
  const basicValues = basics.map((b) => b.text.trim().toLowerCase())
  const anyOpen = basicValues.includes('open')
  const persons = children(root, NS.dm, 'person')
  const note =
    firstNote(persons.flatMap((p) => children(p, NS.dm, 'note'))) ||
    firstNote(children(root, NS.pidf, 'note')) ||
    firstNote(tuples.flatMap((t) => children(t, NS.pidf, 'note')))
  const { names, dndText } = activities(root)
  const idle = descendants(root, (e) => e.ns === NS.rpid && e.local === 'user-input').some(
    (e) => e.text.trim().toLowerCase() === 'idle',
  )

  // Someone whose every tuple is closed cannot be reached, whatever they were doing.
  if (basicValues.length > 0 && !anyOpen) return { status: 'offline', note }
  if (basicValues.length === 0 && names.size === 0 && !dndText) {
    // No tuple and no activity says nothing at all (an empty <presence/> from an aggregator).
    return { status: tuples.length === 0 && persons.length === 0 ? 'offline' : 'unknown', note }
  }
  const has = (set: Set<string>): boolean => [...names].some((n) => set.has(n))
  if (has(PHONE)) return { status: 'on-the-phone', note }
  if (dndText || DND_TEXT.test(note)) return { status: 'dnd', note }
  if (has(BUSY)) return { status: 'busy', note }
  if (has(AWAY) || idle) return { status: 'away', note }
  return { status: 'available', note }
}

/** Bytes the body takes in UTF-8, without encoding it (cheap for the size check). */
function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3
  }
  return bytes
}

/**
 * Reads a NOTIFY body. An empty body means nothing is published (offline); anything that is
 * not a PIDF document we understand gives 'unknown'; it never throws.
 */
export function parsePidf(
  body: string | undefined | null,
  work: XmlWorkCounter = { steps: 0 },
): PidfResult {
  if (body === undefined || body === null || body.trim() === '') {
    return { kind: 'presence', presence: { status: 'offline', note: '' } }
  }
  if (body.length > MAX_PIDF_BYTES || utf8Length(body) > MAX_PIDF_BYTES) {
    return { kind: 'ignored', reason: `body over ${MAX_PIDF_BYTES} bytes` }
  }
  try {
    return { kind: 'presence', presence: interpret(parseXml(body, undefined, work)) }
  } catch (error) {
    if (error instanceof XmlError || error instanceof RangeError) {
      return { kind: 'presence', presence: { status: 'unknown', note: '' } }
    }
    throw error
  }
}

/** What we publish: the chosen or automatic status. 'invisible' publishes "closed". */
export type PublishedStatus = MyStatus | 'on-the-phone'

export interface PidfDocument {
  entity: string
  status: PublishedStatus
  note: string
  /** Stable ids for the tuple and person (RFC 3863 wants the same id across updates). */
  id: string
}

const ACTIVITY: Record<PublishedStatus, string> = {
  available: '',
  away: '<rpid:away/>',
  busy: '<rpid:busy/>',
  // No RPID activity means "do not disturb"; busy plus rpid:other keeps other clients close.
  dnd: '<rpid:busy/><rpid:other>Do not disturb</rpid:other>',
  'on-the-phone': '<rpid:on-the-phone/>',
  invisible: '',
}

/** The PIDF + RPID document for PUBLISH. */
export function buildPidf(doc: PidfDocument): string {
  const open = doc.status !== 'invisible'
  // "Appear offline" must say nothing more than closed: no activity, no note.
  const note = open ? cleanNote(doc.note) : ''
  const activity = ACTIVITY[doc.status]
  const id = escapeXml(doc.id.replace(/[^\w.-]/g, '') || 'switchboard')
  const noteXml = note ? `<dm:note>${escapeXml(note)}</dm:note>` : ''
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<presence xmlns="${NS.pidf}" xmlns:dm="${NS.dm}" xmlns:rpid="${NS.rpid}" entity="${escapeXml(doc.entity)}">` +
    `<tuple id="t${id}"><status><basic>${open ? 'open' : 'closed'}</basic></status></tuple>` +
    // PIDF's schema orders tuple*, note*, then other namespaces (the person).
    (note ? `<note>${escapeXml(note)}</note>` : '') +
    (open
      ? `<dm:person id="p${id}">` +
        (activity ? `<rpid:activities>${activity}</rpid:activities>` : '') +
        noteXml +
        `</dm:person>`
      : '') +
    `</presence>`
  )
}
