// The dial pad's keys and how typed or pasted text becomes what it holds: digits, *, # and a
// leading +; letters become their keys' digits (1-800-FLOWERS); separators of a formatted number
// (`+1 (201) 555-0123`) go.

export interface DialKey {
  digit: string
  letters: string
}

export const DIAL_KEYS: readonly DialKey[] = [
  { digit: '1', letters: '' },
  { digit: '2', letters: 'ABC' },
  { digit: '3', letters: 'DEF' },
  { digit: '4', letters: 'GHI' },
  { digit: '5', letters: 'JKL' },
  { digit: '6', letters: 'MNO' },
  { digit: '7', letters: 'PQRS' },
  { digit: '8', letters: 'TUV' },
  { digit: '9', letters: 'WXYZ' },
  { digit: '*', letters: '' },
  { digit: '0', letters: '+' },
  { digit: '#', letters: '' },
]

const LETTER_DIGIT = new Map(
  DIAL_KEYS.flatMap((key) => [...key.letters].filter((l) => /[A-Z]/.test(l)).map((l) => [l, key.digit])),
)

/** The longest number kept: more than any real number, less than anything that hurts. */
export const MAX_DIAL_PAD_LENGTH = 64

export function dialPadText(raw: string): string {
  let out = ''
  for (const ch of raw.slice(0, MAX_DIAL_PAD_LENGTH * 4)) {
    const upper = ch.toUpperCase()
    if (/[0-9*#]/.test(ch)) out += ch
    else if (ch === '+' && out === '') out += ch
    else if (LETTER_DIGIT.has(upper)) out += LETTER_DIGIT.get(upper)!
  }
  return out.slice(0, MAX_DIAL_PAD_LENGTH)
}
