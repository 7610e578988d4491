// The one sanitiser for text that arrives from outside (SIP headers and bodies, PIDF notes, vCards,
// OS device names, settings files). Everything that can hide, reorder or break displayed text is
// handled here so a display name cannot reverse an address (RLO), hide a character (ZWSP) or
// smuggle a line break into a header, a notification or a schema main refuses.

export interface SanitizeOptions {
  /** Message bodies keep line breaks (CR/CRLF become LF) and tabs; everything else is one line. */
  keepNewlines?: boolean
  /** Cut to at most this many UTF-16 units, never inside a surrogate pair. */
  maxLength?: number
}

/**
 * Invisible or direction-changing format characters: ALM (U+061C), ZWSP/ZWNJ/ZWJ/LRM/RLM
 * (U+200B–200F), the embeddings and overrides (U+202A–202E), word joiner and invisible operators
 * (U+2060–2064), the isolates (U+2066–2069) and the BOM/ZWNBSP (U+FEFF).
 */
export function isInvisibleFormat(code: number): boolean {
  return (
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  )
}

/** C0 controls, DEL and C1 controls. */
export function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f)
}

const PICTOGRAPHIC = /^(?:\p{Extended_Pictographic}|[\u{1f3fb}-\u{1f3ff}]|\ufe0f)$/u

/**
 * A ZERO WIDTH JOINER between two emoji builds one picture (👩‍💻); it hides nothing there, so it
 * stays. Anywhere else it goes like the other invisible characters.
 */
function isEmojiJoiner(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 0x200d || i === 0) return false
  const before = isLowSurrogate(text.charCodeAt(i - 1))
    ? text.codePointAt(i - 2)
    : text.codePointAt(i - 1)
  const after = text.codePointAt(i + 1)
  if (before === undefined || after === undefined) return false
  return (
    PICTOGRAPHIC.test(String.fromCodePoint(before)) &&
    PICTOGRAPHIC.test(String.fromCodePoint(after))
  )
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff
const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a

/** Any C0/C1 control or DEL (for text the user typed, where bidi marks may be intended). */
export function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (isControl(text.charCodeAt(i))) return true
  return false
}

/**
 * True when `text` holds anything `sanitizeText` would change for reasons of safety (controls,
 * invisible or bidi format characters, lone surrogates). With `keepNewlines`, LF and TAB pass.
 * For schemas that refuse rather than clean.
 */
export function hasUnsafeChars(text: string, options: { keepNewlines?: boolean } = {}): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (isControl(code)) {
      if (options.keepNewlines && (code === 0x0a || code === 0x09)) continue
      return true
    }
    if (isInvisibleFormat(code) && !isEmojiJoiner(text, i)) return true
    if (isHighSurrogate(code)) {
      if (!isLowSurrogate(text.charCodeAt(i + 1))) return true
      i += 1
    } else if (isLowSurrogate(code)) return true
  }
  return false
}

/**
 * Text fit to show: invisible and bidi format characters removed, controls turned into spaces
 * (so words do not run together), lone surrogates into U+FFFD. One line by default: runs of
 * white space collapse to one space and the ends are trimmed. With `keepNewlines`, line breaks
 * and tabs stay, CR and CRLF become LF, other controls become spaces, and nothing is trimmed.
 * Linear in the input; never throws.
 */
export function sanitizeText(text: string, options: SanitizeOptions = {}): string {
  const multiline = options.keepNewlines === true
  // Enough to cut from: a long input with a small limit is not read to its end.
  const stopAt = options.maxLength === undefined ? Infinity : options.maxLength + 2
  let out = ''
  // Characters that pass unchanged are copied as whole runs, not one by one.
  let runStart = 0
  let pendingSpace = false
  const flush = (end: number): void => {
    if (end > runStart) {
      if (pendingSpace && out.length > 0) out += ' '
      pendingSpace = false
      out += text.slice(runStart, end)
    }
  }
  const emit = (piece: string): void => {
    if (pendingSpace && out.length > 0) out += ' '
    pendingSpace = false
    out += piece
  }
  let i = 0
  for (; i < text.length && out.length < stopAt; i += 1) {
    const code = text.charCodeAt(i)
    const plain =
      code >= 0x20 &&
      code !== 0x7f &&
      !(code >= 0x80 && code <= 0x9f) &&
      !isInvisibleFormat(code) &&
      !(code >= 0xd800 && code <= 0xdfff) &&
      (multiline || code !== 0x20)
    if (plain) continue
    flush(i)
    runStart = i + 1
    if (isInvisibleFormat(code)) {
      if (isEmojiJoiner(text, i)) emit('\u200d')
      continue
    }
    if (multiline) {
      if (code === 0x0d) {
        out += '\n'
        if (text.charCodeAt(i + 1) === 0x0a) {
          i += 1
          runStart = i + 1
        }
      } else if (code === 0x0a || code === 0x09) out += text[i] as string
      else if (isControl(code)) out += ' '
      else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) {
        i += 1
        runStart = i - 1 // the pair joins the next run
      } else out += '\ufffd'
      continue
    }
    if (isControl(code) || isSpace(code)) pendingSpace = true
    else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) {
      emit(text.slice(i, i + 2))
      i += 1
      runStart = i + 1
    } else emit('\ufffd')
  }
  flush(Math.min(i, text.length))
  return options.maxLength === undefined ? out : truncate(out, options.maxLength)
}

/** At most `max` UTF-16 units, never ending in half a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max
  return text.slice(0, Math.max(0, cut))
}
