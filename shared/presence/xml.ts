// A small, strict XML reader for presence documents from the network. Written instead of using
// DOMParser so the same code runs in Node (tests, bench) and the renderer, and so its refusals
// are ours: no DOCTYPE (hence no entity definitions to expand, no external fetches), only the
// five predefined entities and character references, and limits on depth and element count.
// It keeps what PIDF needs: elements with resolved namespaces, attributes, and text.

export interface XmlElement {
  /** Namespace URI ('' when none). Prefixes are resolved away: any spelling matches. */
  readonly ns: string
  readonly local: string
  /** Unprefixed attributes by local name (namespaced ones as `{uri}local`). */
  readonly attributes: ReadonlyMap<string, string>
  readonly children: XmlElement[]
  /** The element's own character data (text and CDATA directly inside it), concatenated. */
  text: string
}

export class XmlError extends Error {
  override name = 'XmlError'
}

export interface XmlLimits {
  maxDepth: number
  maxElements: number
  /** Attributes on one element, namespace declarations included. */
  maxAttributes: number
  /** Namespace declarations in the whole document. */
  maxNamespaceDeclarations: number
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxDepth: 32,
  maxElements: 5000,
  maxAttributes: 32,
  maxNamespaceDeclarations: 128,
}

/**
 * Counts the parser's work: characters scanned, elements and attributes built, namespace scopes
 * consulted. Tests and the bench use it to show the cost grows with the input, not faster.
 */
export interface XmlWorkCounter {
  steps: number
}

/**
 * Namespace scopes form a chain, one link per element that declares something; an element that
 * declares nothing shares its parent's link. (Each element used to copy its parent's whole map:
 * many declarations times many elements made one 63 KB NOTIFY cost a second.)
 */
interface Scope {
  readonly own: ReadonlyMap<string, string>
  readonly parent: Scope | null
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace'
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Replaces the predefined entities and character references; any other `&name;` is an error. */
function decode(raw: string): string {
  if (!raw.includes('&')) return raw
  return raw.replace(/&([^;&\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw new XmlError('unterminated entity reference')
    if (name.startsWith('#')) {
      const hex = name[1] === 'x'
      const digits = hex ? name.slice(2) : name.slice(1)
      if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) {
        throw new XmlError(`bad character reference &${name};`)
      }
      const code = parseInt(digits, hex ? 16 : 10)
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        throw new XmlError(`bad character reference &${name};`)
      }
      return String.fromCodePoint(code)
    }
    const value = PREDEFINED[name]
    if (value === undefined) throw new XmlError(`undefined entity &${name};`)
    return value
  })
}

interface Open {
  qname: string
  element: XmlElement
  scope: Scope
}

/** Parses a whole document; throws XmlError on anything malformed or refused. */
export function parseXml(
  source: string,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
  work: XmlWorkCounter = { steps: 0 },
): XmlElement {
  let pos = 0
  const stack: Open[] = []
  let root: XmlElement | undefined
  let count = 0
  let declarations = 0
  const rootScope: Scope = { own: new Map([['xml', XML_NS]]), parent: null }
  const lookup = (scope: Scope, prefix: string): string | undefined => {
    for (let s: Scope | null = scope; s; s = s.parent) {
      work.steps += 1
      const uri = s.own.get(prefix)
      if (uri !== undefined) return uri
    }
    return undefined
  }

  const fail = (why: string): never => {
    throw new XmlError(`${why} at offset ${pos}`)
  }
  const skipPast = (end: string, what: string): string => {
    const at = source.indexOf(end, pos)
    work.steps += (at < 0 ? source.length : at + end.length) - pos
    if (at < 0) fail(`unterminated ${what}`)
    const inner = source.slice(pos, at)
    pos = at + end.length
    return inner
  }

  while (pos < source.length) {
    const lt = source.indexOf('<', pos)
    const textEnd = lt < 0 ? source.length : lt
    if (textEnd > pos) {
      const raw = source.slice(pos, textEnd)
      work.steps += raw.length
      const top = stack.at(-1)
      if (top) top.element.text += decode(raw)
      else if (raw.trim() !== '') fail('text outside the root element')
      pos = textEnd
      continue
    }
    // pos is at '<'
    if (source.startsWith('<?', pos)) {
      pos += 2
      skipPast('?>', 'processing instruction')
    } else if (source.startsWith('<!--', pos)) {
      pos += 4
      skipPast('-->', 'comment')
    } else if (source.startsWith('<![CDATA[', pos)) {
      const top = stack.at(-1)
      if (!top) fail('CDATA outside the root element')
      pos += 9
      const data = skipPast(']]>', 'CDATA section')
      top!.element.text += data
    } else if (source.startsWith('<!', pos)) {
      // DOCTYPE, ENTITY and the like: refused outright, so nothing can be defined or expanded.
      fail('document type declarations are not accepted')
    } else if (source.startsWith('</', pos)) {
      pos += 2
      const qname = skipPast('>', 'end tag').trim()
      const top = stack.pop()
      if (!top || top.qname !== qname) fail(`unexpected </${qname}>`)
    } else {
      pos += 1
      const tag = readTag()
      count += 1
      if (count > limits.maxElements) fail('too many elements')
      if (stack.length >= limits.maxDepth) fail('elements nested too deeply')
      const parent = stack.at(-1)
      if (!parent && root) fail('a second root element')
      let own: Map<string, string> | null = null
      for (const [name, value] of tag.attrs) {
        work.steps += 1
        const prefixed = name.startsWith('xmlns:')
        if (name !== 'xmlns' && !prefixed) continue
        declarations += 1
        if (declarations > limits.maxNamespaceDeclarations) fail('too many namespace declarations')
        if (prefixed && value === '') fail(`empty namespace for prefix ${name.slice(6)}`)
        own ??= new Map()
        own.set(prefixed ? name.slice(6) : '', value)
      }
      const parentScope = parent?.scope ?? rootScope
      const scope: Scope = own ? { own, parent: parentScope } : parentScope
      const { prefix, local } = split(tag.qname)
      const ns = lookup(scope, prefix)
      if (ns === undefined) fail(`undeclared prefix ${prefix}`)
      const attributes = new Map<string, string>()
      for (const [name, value] of tag.attrs) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue
        const a = split(name)
        if (a.prefix === '') attributes.set(a.local, value)
        else {
          const uri = lookup(scope, a.prefix)
          if (uri === undefined) fail(`undeclared prefix ${a.prefix}`)
          attributes.set(`{${uri}}${a.local}`, value)
        }
      }
      const element: XmlElement = { ns: ns ?? '', local, attributes, children: [], text: '' }
      if (parent) parent.element.children.push(element)
      else root = element
      if (!tag.selfClosing) stack.push({ qname: tag.qname, element, scope })
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)!.qname}> is not closed`)
  if (!root) fail('no root element')
  return root!

  function readTag(): { qname: string; attrs: Map<string, string>; selfClosing: boolean } {
    const nameMatch = /^[^\s/>]+/.exec(source.slice(pos, pos + 256))
    if (!nameMatch || !NAME.test(nameMatch[0])) fail('bad element name')
    const qname = nameMatch![0]
    pos += qname.length
    work.steps += qname.length + 1
    const attrs = new Map<string, string>()
    for (;;) {
      const ws = /^\s*/.exec(source.slice(pos, pos + 4096))
      pos += ws?.[0].length ?? 0
      work.steps += (ws?.[0].length ?? 0) + 1
      if (source.startsWith('/>', pos)) {
        pos += 2
        return { qname, attrs, selfClosing: true }
      }
      if (source[pos] === '>') {
        pos += 1
        return { qname, attrs, selfClosing: false }
      }
      if (pos >= source.length) fail('unterminated start tag')
      const attr = /^([^\s=/>]+)\s*=\s*(["'])/.exec(source.slice(pos, pos + 512))
      if (!attr || !NAME.test(attr[1]!)) fail('bad attribute')
      const name = attr![1]!
      if (attrs.has(name)) fail(`duplicate attribute ${name}`)
      if (attrs.size >= limits.maxAttributes) fail('too many attributes')
      pos += attr![0].length
      const quote = attr![2]!
      const end = source.indexOf(quote, pos)
      if (end < 0) fail('unterminated attribute value')
      const raw = source.slice(pos, end)
      work.steps += attr![0].length + raw.length
      if (raw.includes('<')) fail('"<" in an attribute value')
      attrs.set(name, decode(raw))
      pos = end + 1
    }
  }
}

function split(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(':')
  return colon < 0
    ? { prefix: '', local: qname }
    : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) }
}

/** Escapes text for element content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  )
}
