// Build-time i18n: the module exporting the messages is evaluated once (Vite's module runner)
// and replaced by its precompiled form, and vue-i18n resolves to its runtime-only build with the
// compiler, legacy API and devtools left out. Dev (`electron-vite dev`) keeps run-time
// compilation, so edited messages show without a rebuild.
import { runnerImport } from 'vite'
import type { Plugin } from 'vite'
import { precompileMessages } from '../../renderer/src/i18n/precompile'
import type { MessageTree } from '../../renderer/src/i18n/precompile'

export interface I18nPrecompileOptions {
  /** Absolute path of the module that exports the messages. */
  module: string
  /** Its export holding the message tree. */
  exportName: string
}

// vue-i18n looks Vue's `currentInstance` up by a computed key on `import * as Vue`, which keeps
// every export of Vue in the bundle (~20 kB gzip). Vue 3.5 does not export it: ask directly.
const DYNAMIC_LOOKUP = /const key = 'currentInstance';\s*if \(key in Vue\) \{\s*return Vue\[key\];\s*\}\s*else \{\s*return Vue\.getCurrentInstance\(\);\s*\}/

/** vue-i18n's runtime with the lookup above made static; the code unchanged if it moved. */
export function withStaticVueLookup(code: string): string | null {
  return DYNAMIC_LOOKUP.test(code)
    ? code.replace(DYNAMIC_LOOKUP, 'return Vue.getCurrentInstance();')
    : null
}

/** Every language's module: English in the first bundle, the others in their own chunks. */
export function i18nPrecompile(catalogues: readonly I18nPrecompileOptions[]): Plugin {
  const exports = new Map(catalogues.map((c) => [c.module, c.exportName]))
  return {
    name: 'switchboard:i18n-precompile',
    apply: 'build',
    enforce: 'pre',
    config: () => ({
      resolve: {
        alias: [{ find: /^vue-i18n$/, replacement: 'vue-i18n/dist/vue-i18n.runtime.mjs' }],
      },
      define: {
        __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
        __INTLIFY_JIT_COMPILATION__: 'true',
        __VUE_I18N_LEGACY_API__: 'false',
        __VUE_I18N_FULL_INSTALL__: 'false',
        __INTLIFY_PROD_DEVTOOLS__: 'false',
      },
    }),
    async transform(code, id) {
      if (/vue-i18n[\\/]dist[\\/]vue-i18n\.runtime\.mjs$/.test(id)) {
        const patched = withStaticVueLookup(code)
        if (patched === null) this.warn('vue-i18n changed: its Vue lookup was left as it is')
        return patched === null ? null : { code: patched, map: null }
      }
      const exportName = exports.get(id)
      if (exportName === undefined) return null
      const loaded = await runnerImport<Record<string, MessageTree>>(id, {
        configFile: false,
        logLevel: 'error',
      })
      for (const file of loaded.dependencies) this.addWatchFile(file)
      const tree = loaded.module[exportName]
      if (!tree) this.error(`${id} has no export ${exportName}`)
      const compiled = JSON.stringify(precompileMessages(tree))
      // JSON.parse of a string literal parses faster than the same object as code.
      return { code: `export const ${exportName} = JSON.parse(${JSON.stringify(compiled)})\n`, map: null }
    },
  }
}
