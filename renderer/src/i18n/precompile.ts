// Messages compiled at build time: each string becomes the AST vue-i18n's runtime-only build
// evaluates, so the message compiler never ships and never runs in the page. A message that
// does not compile fails the build (and the test beside this file), never the app.
import { baseCompile } from '@intlify/message-compiler'

export type MessageTree = { [key: string]: string | MessageTree }
export type CompiledTree = { [key: string]: object | CompiledTree }

export function precompileMessages(tree: MessageTree, path = ''): CompiledTree {
  const out: CompiledTree = {}
  for (const [key, value] of Object.entries(tree)) {
    const at = path ? `${path}.${key}` : key
    if (typeof value !== 'string') {
      out[key] = precompileMessages(value, at)
      continue
    }
    const errors: string[] = []
    const { ast } = baseCompile(value, {
      jit: true,
      minify: true,
      location: false,
      onError: (error) => errors.push(error.message),
    })
    if (errors.length > 0) throw new Error(`Message ${at} does not compile: ${errors.join('; ')}`)
    out[key] = ast
  }
  return out
}
