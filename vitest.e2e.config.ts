import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { sipGrammarCache } from './scripts/vite/sip-grammar-cache'

// End-to-end tests: real Kamailio, real Chromium, the built renderer. Each file starts its own
// server on free ports, so files may run side by side; two cores allow two at a time.
export default defineConfig({
  // Tests that run SIP.js in Node (peers in chat and sip-server tests) get the grammar the app
  // ships, maddr fix included (scripts/vite/sip-grammar-maddr.ts).
  plugins: [sipGrammarCache()],
  resolve: {
    alias: {
      '@shared': resolve(import.meta.dirname, 'shared'),
      '@': resolve(import.meta.dirname, 'renderer/src'),
    },
  },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.test.ts'],
    server: { deps: { inline: [/[\\/]sip\.js[\\/]/] } },
    globalSetup: ['test/e2e/global-setup.ts'],
    // A poll without its own timeout waits 5 s, not Vitest's 1 s: two test files, their
    // Chromiums and Kamailio share two cores, and a page's start-up alone has taken over 1 s
    // there (a dial link still in the address after 1 s failed a CI run).
    expect: { poll: { timeout: 5_000 } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    fileParallelism: true,
  },
})
