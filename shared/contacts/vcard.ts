// vCard 3.0/4.0 (RFC 6350) import and export for the address book: FN, IMPP/X-SIP/URL sip:
// addresses, TEL numbers. Pure text in, plain records out; anything else in a card is ignored.

export interface VcardContact {
  name: string
  /** A sip: address, or '' when the card has none (a number may still be there). */
  address: string
  numbers: string[]
  favourite: boolean
}

const MAX_VCARD_CHARS = 5 * 1024 * 1024
const MAX_CARDS = 5000

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
export function fromVcards(text: string): VcardContact[] {
  if (text.length > MAX_VCARD_CHARS) return []
  // Unfold (RFC 6350 §3.2): a line starting with a space or tab continues the previous one.
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n[ \t]/g, '').split('\n')
  const cards: VcardContact[] = []
  let current: VcardContact | null = null
  for (const line of lines) {
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
    if (name === 'FN') current.name = unescapeValue(value).slice(0, 200)
    else if (name === 'N' && !current.name) {
      const [family = '', given = ''] = value.split(';').map(unescapeValue)
      current.name = `${given} ${family}`.trim().slice(0, 200)
    } else if (['IMPP', 'X-SIP', 'URL'].includes(name) || (name === 'TEL' && /^sip:/i.test(value))) {
      const sip = /^sips?:/i.test(value) ? value : name === 'X-SIP' ? `sip:${value}` : ''
      if (sip && !current.address) current.address = sip
    } else if (name === 'TEL') {
      const number = value.replace(/^tel:/i, '').trim()
      if (number && current.numbers.length < 20) current.numbers.push(number)
    } else if (name === 'CATEGORIES') {
      current.favourite ||= value.split(',').some((c) => /^favou?rites?$/i.test(c.trim()))
    }
  }
  return cards
}
