import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import pkg from './package.json' with { type: 'json' }
import { sipGrammarCache } from './scripts/vite/sip-grammar-cache'
import { i18nPrecompile } from './scripts/vite/i18n-precompile'
import { bootChunk } from './scripts/vite/boot-chunk'
import { invokeChannels } from './shared/ipc/invoke'

const sharedAlias = { '@shared': resolve(__dirname, 'shared') }

// electron-vite builds all three bundles in one command with one config; it is the maintained
// tool for exactly this layout (main, preload, renderer) on Vite.
export default defineConfig({
  main: {
    resolve: { alias: sharedAlias },
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias: sharedAlias },
    // The preload may not bundle zod: it gets the contract's channel names as a constant.
    define: { __INVOKE_CHANNELS__: JSON.stringify(invokeChannels) },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    resolve: { alias: { ...sharedAlias, '@': resolve(__dirname, 'renderer/src') } },
    plugins: [
      vue(),
      sipGrammarCache(),
      bootChunk(
        resolve(__dirname, 'renderer/src/app.ts'),
        resolve(__dirname, 'renderer/src/startup/preconnect-saved.ts'),
      ),
      i18nPrecompile(
        [
          ['en-core', 'enCore'],
          ['en-later', 'enLater'],
          ['de', 'de'],
          ['fr', 'fr'],
          ['es', 'es'],
          ['pt-BR', 'ptBR'],
          ['zh-CN', 'zhCN'],
          ['ar', 'ar'],
          // The desk-phone strings, every language: loaded with the first lamp or mailbox.
          ['desk-catalogue', 'deskCatalogue'],
        ].map(([file, exportName]) => ({
          module: resolve(__dirname, `renderer/src/i18n/${file}.ts`),
          exportName: exportName!,
        })),
      ),
    ],
    // The settings schema's worker (platform/settings-worker.ts) is a module worker.
    worker: { format: 'es' },
    // Vue without the Options API (every component is <script setup>) and without prod devtools.
    define: {
      // The browser bridge has no other way to know the app's version.
      __APP_VERSION__: JSON.stringify(pkg.version),
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    build: {
      // bench/size.ts builds once more elsewhere, with hidden maps, to trace bytes to packages.
      outDir: process.env.SWITCHBOARD_RENDERER_OUT ?? resolve(__dirname, 'out/renderer'),
      sourcemap: process.env.SWITCHBOARD_SOURCEMAP === 'hidden' ? 'hidden' : false,
      emptyOutDir: true,
      // electron-vite leaves bundles unminified; the renderer is also served to browsers.
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'renderer/index.html'),
          // Its own script, before index's: see scripts/vite/boot-chunk.ts.
          early: resolve(__dirname, 'renderer/src/startup/preconnect-saved.ts'),
        },
      },
    },
  },
})
