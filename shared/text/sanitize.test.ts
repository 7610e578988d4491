import { describe, expect, it } from 'vitest'
import { hasUnsafeChars, sanitizeText, truncate } from './sanitize'

describe('sanitizeText (one line)', () => {
  it.each([
    ['plain', 'Bob', 'Bob'],
    ['RLO reversing an address', 'Bob \u202eexe.txt', 'Bob exe.txt'],
    ['every bidi embedding and override', '\u202aa\u202bb\u202cc\u202dd\u202ee', 'abcde'],
    ['isolates', '\u2066a\u2067b\u2068c\u2069', 'abc'],
    ['Arabic letter mark', 'a\u061cb', 'ab'],
    ['zero-width space, joiners, LRM, RLM', 'a\u200bb\u200cc\u200dd\u200ee\u200ff', 'abcdef'],
    ['word joiner and BOM', '\ufeffa\u2060b', 'ab'],
    ['tab and newline become one space', 'Bob\t\r\n Smith', 'Bob Smith'],
    ['NUL and C1 controls', 'a\u0000b\u0085c\u009fd', 'a b c d'],
    ['DEL', 'a\u007fb', 'a b'],
    ['trimmed ends', '  \u200b Bob \u0001 ', 'Bob'],
    ['lone high surrogate', 'a\ud800b', 'a\ufffdb'],
    ['lone low surrogate', 'a\udc00', 'a\ufffd'],
    ['a pair stays', 'a😀b', 'a😀b'],
    ['non-Latin text stays', 'Ελένη Παπαδοπούλου', 'Ελένη Παπαδοπούλου'],
    ['only controls', '\u0000\u202e\u200b', ''],
    [
      'ZWJ inside an emoji sequence stays',
      '👩\u200d💻 and 👨\u200d👩\u200d👧',
      '👩\u200d💻 and 👨\u200d👩\u200d👧',
    ],
    ['ZWJ between letters goes', 'pay\u200dpal', 'paypal'],
    ['ZWJ after an emoji before a letter goes', '👩\u200da', '👩a'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected)
  })

  it('cuts to maxLength without splitting a surrogate pair', () => {
    expect(sanitizeText('ab😀', { maxLength: 3 })).toBe('ab')
    expect(sanitizeText('abcdef', { maxLength: 4 })).toBe('abcd')
  })
})

describe('sanitizeText (keepNewlines)', () => {
  it.each([
    ['keeps LF and TAB', 'line 1\n\tline 2', 'line 1\n\tline 2'],
    ['CRLF and CR become LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['other controls become spaces', 'a\u0000b\u001bc', 'a b c'],
    ['bidi removed', 'pay \u202e1234', 'pay 1234'],
    ['does not trim', '  a  \n', '  a  \n'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeText(input, { keepNewlines: true })).toBe(expected)
  })
})

describe('hasUnsafeChars', () => {
  it.each([
    ['Bob', false, false],
    ['Bob\u202e', true, true],
    ['a\nb', true, false],
    ['a\tb', true, false],
    ['a\rb', true, true],
    ['a\u0085', true, true],
    ['a\ud800', true, true],
    ['😀', false, false],
  ])('%j → %s (one line), %s (keepNewlines)', (input, oneLine, multi) => {
    expect(hasUnsafeChars(input)).toBe(oneLine)
    expect(hasUnsafeChars(input, { keepNewlines: true })).toBe(multi)
  })
})

describe('truncate', () => {
  it('leaves short text alone', () => expect(truncate('abc', 5)).toBe('abc'))
})

describe('cost', () => {
  it('handles 1 MB of format characters in one pass (finishes; the bench prints the time)', () => {
    const input = '\u202e\u200b\u0000 '.repeat(262_144)
    expect(sanitizeText(input)).toBe('')
    expect(sanitizeText(input, { keepNewlines: true })).toBe('  '.repeat(262_144))
  })
})
