// A Vite plugin for the renderer bundle: SIP.js 0.21's generated SIP grammar (peggy/pegjs output
// optimised for size) decodes all 235 of its rule bytecode strings afresh on EVERY parse, and
// SIP.js parses about eight headers of every message it receives. In a burst of MESSAGEs that
// decoding was a fifth of the page's CPU time (and the interpreter running on fresh arrays most
// of the rest). The bytecode is the same on every call and only ever read, so the decoded arrays
// are kept once per module (its constants hold closures over each call's state, so those stay
// per call). The plugin also applies the maddr fix from sip-grammar-maddr.ts; nothing else in
// the grammar changes.
//
// The plugin fails the build if the file no longer looks as expected, rather than silently
// shipping the slow path (SIP.js 0.21.2 is its last release, so the file is not expected to move).

import type { Plugin } from 'vite'
import { keepHostOverMaddr } from './sip-grammar-maddr'

const GRAMMAR_FILE = /[\\/]sip\.js[\\/]lib[\\/]grammar[\\/]pegjs[\\/]dist[\\/]grammar\.js$/

const DECODE = `    function peg$decode(s) {
        return s.split("").map((ch) => ch.charCodeAt(0) - 32);
    }`

const CACHED_DECODE = `    function peg$decode(s) {
        let decoded = peg$decodedBytecode.get(s);
        if (decoded === undefined) {
            decoded = s.split("").map((ch) => ch.charCodeAt(0) - 32);
            peg$decodedBytecode.set(s, decoded);
        }
        return decoded;
    }`

const PARSE = 'function peg$parse(input, options) {'

/** The grammar module's source with its bytecode decoded once; throws if it does not match. */
export function cacheGrammarBytecode(source: string): string {
  // The files are LF in the package; accept CRLF checkouts too.
  const code = source.replace(/\r\n/g, '\n')
  if (!code.includes(DECODE) || code.split(PARSE).length !== 2) {
    throw new Error(
      'sip-grammar-cache: SIP.js grammar.js does not have the expected peg$decode; ' +
        'check the SIP.js version and update scripts/vite/sip-grammar-cache.ts',
    )
  }
  return code
    .replace(DECODE, CACHED_DECODE)
    .replace(
      PARSE,
      `// Decoded rule bytecode, shared by every parse (see scripts/vite/sip-grammar-cache.ts).\n` +
        `const peg$decodedBytecode = new Map();\n${PARSE}`,
    )
}

export function sipGrammarCache(): Plugin {
  let applied = false
  return {
    name: 'switchboard:sip-grammar-cache',
    enforce: 'pre',
    transform(code, id) {
      if (!GRAMMAR_FILE.test(id.split('?')[0]!)) return null
      applied = true
      // Also the maddr fix (sip-grammar-maddr.ts): a security fix, so it goes wherever SIP.js's
      // grammar is loaded through Vite — the renderer build and the Vitest projects that use SIP.js.
      return { code: keepHostOverMaddr(cacheGrammarBytecode(code)), map: null }
    },
    buildEnd(error) {
      // A bundle with SIP.js in it that never went through the transform: the path moved.
      if (!error && !applied && this.getModuleIds) {
        for (const id of this.getModuleIds()) {
          if (id.includes('sip.js')) {
            this.error('sip-grammar-cache: SIP.js is bundled but its grammar.js was not found')
          }
        }
      }
    },
  }
}
