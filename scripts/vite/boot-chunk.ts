// A Vite plugin for the renderer bundle: the first load is two files, fetched together.
//
// - `boot`: everything the entry imports statically (the engine: main.ts, SIP.js, the sessions).
// - `app`: everything the app module (`appModule`, imported dynamically by the entry once the
//   first REGISTER is out) imports statically, less what boot has: Vue, the stores, the shell.
//
// Left to itself the bundler splits the first load into a dozen small chunks (each module shared
// with a lazy chunk becomes its own file), and a browser fetches them over at most six HTTP/1.1
// connections: a reload spent ~30 ms more than a one-file page only loading. The app chunk and
// its CSS are named in index.html (modulepreload, stylesheet) so they arrive beside boot rather
// than after it. Modules reached only through other dynamic imports keep their own chunks.

import type { HtmlTagDescriptor, Plugin } from 'vite'

export const BOOT_CHUNK = 'boot'
export const APP_CHUNK = 'app'

/** The ids statically reachable from `roots`, given each module's static imports. */
export function staticallyReachable(
  roots: Iterable<string>,
  importsOf: (id: string) => readonly string[],
): Set<string> {
  const seen = new Set<string>()
  const stack = [...roots]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    stack.push(...importsOf(id))
  }
  return seen
}

/** Which first-load chunk a module belongs to, or null (its own lazy chunk). */
export function firstLoadGroups(
  entries: Iterable<string>,
  appModule: string,
  importsOf: (id: string) => readonly string[],
): (id: string) => string | null {
  const boot = staticallyReachable(entries, importsOf)
  const app = staticallyReachable([appModule], importsOf)
  return (id) => (boot.has(id) ? BOOT_CHUNK : app.has(id) ? APP_CHUNK : null)
}

interface ChunkLike {
  type: 'chunk'
  name: string
  fileName: string
  isEntry: boolean
  imports: string[]
  viteMetadata?: { importedCss: Set<string> }
}

/** The tags that fetch the app chunk (and its CSS) while boot runs. */
export function appPreloadTags(
  bundle: Record<string, { type: string }>,
  base: string,
): HtmlTagDescriptor[] {
  const chunk = Object.values(bundle).find(
    (file): file is ChunkLike => file.type === 'chunk' && (file as ChunkLike).name === APP_CHUNK,
  )
  if (!chunk) return []
  // What the app chunk imports besides boot itself (the bundler's runtime helpers).
  const entries = new Set(
    Object.values(bundle)
      .filter((file): file is ChunkLike => file.type === 'chunk' && (file as ChunkLike).isEntry)
      .map((file) => file.fileName),
  )
  const scripts = [...chunk.imports.filter((file) => !entries.has(file)), chunk.fileName]
  const css = [...(chunk.viteMetadata?.importedCss ?? [])].map((href): HtmlTagDescriptor => ({
    tag: 'link',
    attrs: { rel: 'stylesheet', crossorigin: true, href: base + href },
    injectTo: 'head',
  }))
  return [
    ...scripts.map((file): HtmlTagDescriptor => ({
      tag: 'link',
      attrs: { rel: 'modulepreload', crossorigin: true, href: base + file },
      injectTo: 'head',
    })),
    ...css,
  ]
}

export function bootChunk(appModule: string): Plugin {
  let groupOf: (id: string) => string | null = () => null
  let base = './'
  return {
    name: 'switchboard:boot-chunk',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    buildEnd() {
      const ids = [...this.getModuleIds()]
      const entries = ids.filter((id) => this.getModuleInfo(id)?.isEntry === true)
      if (!ids.includes(appModule)) this.error(`boot-chunk: ${appModule} is not in the bundle`)
      groupOf = firstLoadGroups(
        entries,
        appModule,
        (id) => this.getModuleInfo(id)?.importedIds ?? [],
      )
    },
    outputOptions(options) {
      return {
        ...options,
        codeSplitting: {
          // Exactly the sets above: a group must not pull the boot modules it shares into app.
          includeDependenciesRecursively: false,
          groups: [{ name: (id: string) => groupOf(id) }],
        },
      }
    },
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => (ctx.bundle ? appPreloadTags(ctx.bundle, base) : []),
    },
  }
}
