import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { sipGrammarCache } from './scripts/vite/sip-grammar-cache'
import { invokeChannels } from './shared/ipc/invoke'

const alias = {
  '@shared': resolve(import.meta.dirname, 'shared'),
  '@': resolve(import.meta.dirname, 'renderer/src'),
}

// Unit tests, one project per side of the app. End-to-end tests have their own config.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'shared', environment: 'node', include: ['shared/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        // As in the preload's build (electron.vite.config.ts).
        define: { __INVOKE_CHANNELS__: JSON.stringify(invokeChannels) },
        test: {
          name: 'main',
          environment: 'node',
          include: ['electron/**/*.test.ts', 'scripts/**/*.test.ts'],
          // The real `electron` module downloads its binary when required: mock it once here.
          setupFiles: ['electron/test/setup-electron-mock.ts'],
        },
      },
      {
        // The hostile-input corpus and the parsers' cost tests: pure code from every layer.
        resolve: { alias },
        test: { name: 'hostile', environment: 'node', include: ['test/hostile/**/*.test.ts'] },
      },
      {
        // SIP.js goes through Vite here, as in the build, so its grammar gets the same fixes
        // (scripts/vite/sip-grammar-maddr.ts): tests run the SIP.js the app ships.
        plugins: [vue(), sipGrammarCache()],
        resolve: { alias },
        define: { __APP_VERSION__: JSON.stringify('0.0.0-test') },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.ts'],
          server: { deps: { inline: [/[\\/]sip\.js[\\/]/] } },
        },
      },
    ],
  },
})
