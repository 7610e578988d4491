// A Vite plugin for the renderer bundle: the first load is two files, fetched together.
//
// - `early`: the early entry (`earlyModule`, its own script tag before the main one) and what it
//   imports: tiny, so it runs while the browser still compiles boot (it opens the saved
//   accounts' sockets). Boot shares its modules by importing this chunk (one instance each).
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

export const EARLY_CHUNK = 'early'
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
  earlyModule?: string,
): (id: string) => string | null {
  const early = staticallyReachable(earlyModule ? [earlyModule] : [], importsOf)
  const boot = staticallyReachable(entries, importsOf)
  const app = staticallyReachable([appModule], importsOf)
  return (id) =>
    early.has(id) ? EARLY_CHUNK : boot.has(id) ? BOOT_CHUNK : app.has(id) ? APP_CHUNK : null
}

interface ChunkLike {
  type: 'chunk'
  name: string
  fileName: string
  isEntry: boolean
  imports: string[]
  viteMetadata?: { importedCss: Set<string> }
}

/** index.html with the early entry's script tag just before the main entry's. */
export function withEarlyScript(
  html: string,
  bundle: Record<string, { type: string }>,
  base: string,
): string {
  const chunk = Object.values(bundle).find(
    (file): file is ChunkLike =>
      file.type === 'chunk' &&
      (file as ChunkLike).isEntry &&
      (file as ChunkLike).name === EARLY_CHUNK,
  )
  if (!chunk) return html
  const main = /<script type="module"[^>]*><\/script>/.exec(html)
  if (!main) throw new Error('boot-chunk: index.html has no module script')
  // async: it needs no DOM, so it runs as soon as it arrives, not after parsing and the styles.
  const tag = `<script type="module" async crossorigin src="${base}${chunk.fileName}"></script>\n    `
  return html.slice(0, main.index) + tag + html.slice(main.index)
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

export function bootChunk(appModule: string, earlyModule?: string): Plugin {
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
      for (const id of [appModule, ...(earlyModule ? [earlyModule] : [])]) {
        if (!ids.includes(id)) this.error(`boot-chunk: ${id} is not in the bundle`)
      }
      groupOf = firstLoadGroups(
        entries,
        appModule,
        (id) => this.getModuleInfo(id)?.importedIds ?? [],
        earlyModule,
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
      handler: (html, ctx) =>
        ctx.bundle
          ? {
              html: withEarlyScript(html, ctx.bundle, base),
              tags: appPreloadTags(ctx.bundle, base),
            }
          : html,
    },
  }
}
