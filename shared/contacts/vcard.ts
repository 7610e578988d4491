// vCard 3.0/4.0 (RFC 6350) import and export for the address book: FN, IMPP/X-SIP/URL sip:
// addresses, TEL numbers. Pure text in, plain records out; anything else in a card is ignored.
// A card file is foreign input: its size is checked before it is read, every field is capped,
// and names lose control, bidi and invisible characters.
import { hasUnsafeChars, sanitizeText } from '../text/sanitize'

export interface VcardContact {
  name: string
  /** A sip: address, or '' when the card has none (a number may still be there). */
  address: string
  numbers: string[]
  favourite: boolean
}

export const MAX_VCARD_BYTES = 5 * 1024 * 1024
const MAX_CARDS = 5000
export const MAX_NAME_CHARS = 200
/** Longer than any address a person has; a longer one is refused, not cut. */
export const MAX_ADDRESS_CHARS = 256
/** E.164 allows 15 digits; separators and an extension fit in 64. */
export const MAX_NUMBER_CHARS = 64
const MAX_NUMBERS = 20
const MAX_LINE_CHARS = 16 * 1024

/** Counts the reader's work (characters scanned) so tests can show it grows linearly. */
export interface VcardWorkCounter {
  steps: number
}

export type VcardFileResult =
  { ok: true; contacts: VcardContact[] } | { ok: false; error: 'too-big'; message: string }

/** Reads a picked file: its size first, so a huge one is never loaded into memory. */
export async function readVcardFile(file: {
  size: number
  text(): Promise<string>
}): Promise<VcardFileResult> {
  if (file.size > MAX_VCARD_BYTES) {
    return { ok: false, error: 'too-big', message: 'The file is larger than 5 MB' }
  }
  return { ok: true, contacts: fromVcards(await file.text()) }
}

function escapeValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;')
}

function unescapeValue(text: string): string {
  return text.replace(/\\([\\nN,;:])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
}

/** One card per contact, vCard 4.0, CRLF line ends as the RFC asks. */
export function toVcards(contacts: readonly VcardContact[]): string {
  return contacts
    .map((c) =>
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        `FN:${escapeValue(c.name)}`,
        ...(c.address ? [`IMPP;PREF=1:${c.address}`] : []),
        ...c.numbers.map((n) => `TEL;VALUE=uri:tel:${n.replace(/[^\d+*#]/g, '')}`),
        ...(c.favourite ? ['CATEGORIES:favourite'] : []),
        'END:VCARD',
      ].join('\r\n'),
    )
    .join('\r\n')
    .concat(contacts.length ? '\r\n' : '')
}

/** Reads every card it can; cards with neither a SIP address nor a number are skipped. */
export function fromVcards(text: string, work: VcardWorkCounter = { steps: 0 }): VcardContact[] {
  if (text.length > MAX_VCARD_BYTES) return []
  work.steps += text.length * 3 // CRLF normalising, unfolding, splitting
  // Unfold (RFC 6350 §3.2): a line starting with a space or tab continues the previous one.
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n')
  const cards: VcardContact[] = []
  let current: VcardContact | null = null
  for (const line of lines) {
    work.steps += line.length + 1
    // No field we read is this long (PHOTO is, and is ignored): skip it unread.
    if (line.length > MAX_LINE_CHARS) continue
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const head = line.slice(0, colon)
    const value = line.slice(colon + 1).trim()
    const rawName = head.split(';')[0] ?? ''
    // Group prefixes ("item1.TEL") name the same property.
    const name = rawName.replace(/^[\w-]+\./, '').toUpperCase()
    if (name === 'BEGIN' && value.toUpperCase() === 'VCARD') {
      current = { name: '', address: '', numbers: [], favourite: false }
      continue
    }
    if (!current) continue
    if (name === 'END' && value.toUpperCase() === 'VCARD') {
      if (current.address || current.numbers.length) cards.push(current)
      current = null
      if (cards.length >= MAX_CARDS) break
      continue
    }
    if (name === 'FN') current.name = cleanName(unescapeValue(value))
    else if (name === 'N' && !current.name) {
      const [family = '', given = ''] = value.split(';').map(unescapeValue)
      current.name = cleanName(`${given} ${family}`)
    } else if (
      ['IMPP', 'X-SIP', 'URL'].includes(name) ||
      (name === 'TEL' && /^sip:/i.test(value))
    ) {
      const sip = /^sips?:/i.test(value) ? value : name === 'X-SIP' ? `sip:${value}` : ''
      if (sip && !current.address && isCleanField(sip, MAX_ADDRESS_CHARS)) current.address = sip
    } else if (name === 'TEL') {
      const number = value.replace(/^tel:/i, '').trim()
      if (
        number &&
        current.numbers.length < MAX_NUMBERS &&
        isCleanField(number, MAX_NUMBER_CHARS)
      ) {
        current.numbers.push(number)
      }
    } else if (name === 'CATEGORIES') {
      current.favourite ||= value.split(',').some((c) => /^favou?rites?$/i.test(c.trim()))
    }
  }
  return cards
}

/** A name to show: one line, no control/bidi/invisible characters, at most 200 characters. */
function cleanName(text: string): string {
  return sanitizeText(text, { maxLength: MAX_NAME_CHARS })
}

/** Addresses and numbers are dialed: one that is too long or hides characters is dropped whole. */
function isCleanField(value: string, max: number): boolean {
  return value.length <= max && !hasUnsafeChars(value)
}
