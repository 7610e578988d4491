// The layer rules in eslint.config.js, proven to fire: each fixture is linted as if it lived at
// the given path, and must be refused by no-restricted-imports (or pass, for the allowed ones).
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
let eslint: ESLint

// Loading the config and the TypeScript parser takes seconds under load: once, up front.
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT })
  await eslint.lintText('export {}\n', { filePath: resolve(ROOT, 'shared/x.ts') })
}, 60_000)

async function refusedImports(path: string, code: string): Promise<string[]> {
  // A component's imports live in its script block.
  const text = path.endsWith('.vue')
    ? `<script setup lang="ts">\n${code}\n</script>\n`
    : `${code}\n`
  const [result] = await eslint.lintText(text, { filePath: resolve(ROOT, path) })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

const use = (what: string) => `import x from '${what}'\nexport const y = x`

describe('lint: layer boundaries', () => {
  it.each([
    ['shared/links/x.ts', 'vue'],
    ['shared/links/x.ts', 'electron'],
    ['shared/links/x.ts', 'node:fs'],
    ['shared/links/x.ts', '@/stores/calls'],
    ['shared/links/x.ts', '../../renderer/src/stores/calls'],
    ['renderer/src/stores/x.ts', 'electron'],
    ['renderer/src/stores/x.ts', 'node:path'],
    ['renderer/src/stores/x.ts', '../../../electron/main/ipc'],
    ['renderer/src/sip/x.ts', 'vue'],
    ['renderer/src/sip/x.ts', 'pinia'],
    ['renderer/src/sip/x.ts', '../stores/calls'],
    ['renderer/src/sip/x.ts', '@/stores/calls'],
    ['renderer/src/sip/x.ts', '../components/call/CallPanel.vue'],
    ['renderer/src/media/x.ts', '../stores/devices'],
    ['renderer/src/db/x.ts', 'vue'],
    ['renderer/src/db/x.ts', '../stores/chat'],
    ['renderer/src/stores/x.ts', '@/sip/calls'],
    ['renderer/src/session/x.ts', '@/sip/engine'],
    ['renderer/src/media/x.ts', '../sip/call-types'],
    ['renderer/src/db/x.ts', '@/sip/call-end'],
    ['renderer/src/components/call/X.vue', '@/sip/messaging'],
    ['renderer/src/components/chat/X.vue', '@/db/chat-schema'],
    ['renderer/src/views/X.vue', '../db/load'],
    ['electron/main/x.ts', 'vue'],
    ['electron/main/x.ts', 'sip.js'],
    ['electron/main/x.ts', '@/stores/calls'],
  ])('%s may not import %s', async (path, imported) => {
    expect(await refusedImports(path, use(imported))).not.toEqual([])
  })

  it.each([
    ['shared/links/x.ts', 'zod'],
    ['renderer/src/stores/x.ts', 'pinia'],
    ['renderer/src/stores/x.ts', '@/sip'],
    ['renderer/src/sip/x.ts', 'sip.js'],
    ['renderer/src/sip/x.ts', './calls'],
    ['renderer/src/stores/x.ts', '@/db/load'],
    ['renderer/src/components/call/X.vue', '@/db'],
    ['renderer/src/stores/x.test.ts', '@/sip/calls'],
    ['renderer/src/sip/x.ts', '@shared/links'],
    ['electron/main/x.ts', 'electron'],
    ['electron/main/x.ts', 'node:fs'],
  ])('%s may import %s', async (path, imported) => {
    expect(await refusedImports(path, use(imported))).toEqual([])
  })
})
