import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are not available here.' }
const electronImport = { name: 'electron', message: 'Only electron/ may import Electron.' }
const electronFolder = { group: ['**/electron/**'] }
// The engine's public surface is its index; its files are its own business (tests may reach in).
const sipInternals = {
  group: ['@/sip/*', '**/sip/*'],
  message: 'Outside sip/, use the engine through its index: @/sip.',
}
// The UI knows the stored shapes (@/db), never the repositories or Dexie.
const dbInternals = {
  group: ['@/db/*', '**/db/*'],
  message: 'Components and views take stored data from stores; types from @/db.',
}
const uiLayers = {
  group: [
    '@/stores/*',
    '@/views/*',
    '@/components/*',
    '**/stores/*',
    '**/views/*',
    '**/components/*',
  ],
  message: 'sip/ and media/ are plain TypeScript: no stores, views or components.',
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'release/**',
      'node_modules/**',
      'coverage/**',
      '.tmp/**',
      '.test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/no-v-html': 'error',
    },
  },
  {
    files: ['bench/pages/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Layers: shared code knows no platform; the renderer reaches the desktop only via platform/.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, { name: 'vue' }, { name: 'pinia' }, { name: 'sip.js' }],
          patterns: [nodeBuiltins, { group: ['**/renderer/**', '**/electron/**', '@/*'] }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronImport], patterns: [nodeBuiltins, electronFolder, sipInternals] },
      ],
    },
  },
  {
    files: ['renderer/src/components/**', 'renderer/src/views/**', 'renderer/src/App.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [nodeBuiltins, electronFolder, sipInternals, dbInternals],
        },
      ],
    },
  },
  {
    // The engine, the session root, the media devices code and the database are plain TypeScript:
    // no Vue, no stores.
    files: [
      'renderer/src/sip/**/*.ts',
      'renderer/src/session/**/*.ts',
      'renderer/src/media/**/*.ts',
      'renderer/src/db/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, { name: 'vue' }, { name: 'pinia' }],
          patterns: [nodeBuiltins, electronFolder, uiLayers, sipInternals],
        },
      ],
    },
  },
  {
    // Unit tests and their fakes test internals by design.
    files: ['renderer/**/*.test.ts', 'renderer/src/**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronImport], patterns: [nodeBuiltins, electronFolder] },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vue' }, { name: 'pinia' }, { name: 'sip.js' }],
          patterns: [{ group: ['**/renderer/**', '@/*'] }],
        },
      ],
    },
  },
  prettier,
)
