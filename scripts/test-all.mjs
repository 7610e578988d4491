#!/usr/bin/env node
// `npm test`: every check the project has, in order — system packages, lint, types, build, size,
// unit tests, end-to-end tests — ending with one line `N passed, N failed` over all of them.
// A missing system package fails the run with the install line; nothing is skipped.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const resultsDir = join(root, '.test-results')
rmSync(resultsDir, { recursive: true, force: true })
mkdirSync(resultsDir, { recursive: true })

let passed = 0
let failed = 0
const summary = []

function run(label, command, args) {
  process.stdout.write(`\n▶ ${label}: ${command} ${args.join(' ')}\n`)
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  return { ok: result.status === 0, seconds, status: result.status }
}

/** A check that is one pass or one fail (lint, types, build). */
function check(label, command, args) {
  const { ok, seconds } = run(label, command, args)
  if (ok) passed += 1
  else failed += 1
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds} s)`)
  return ok
}

/** A Vitest run, counted test by test from its JSON report. */
function vitest(label, configArgs) {
  const report = join(resultsDir, `${label}.json`)
  const { ok, seconds } = run(label, 'npx', [
    'vitest',
    'run',
    ...configArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ])
  let p = 0
  let f = 0
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    p = json.numPassedTests ?? 0
    f = json.numFailedTests ?? 0
    // A file that failed to load (or in a hook) has no failed test of its own: count it once.
    for (const file of json.testResults ?? []) {
      const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed')
      if (file.status === 'failed' && failedTests.length === 0) f += 1
    }
  }
  if (!ok && f === 0) f = 1
  if (p === 0 && f === 0) f = 1 // a suite that ran nothing is a failure, not a pass
  passed += p
  failed += f
  summary.push(`${f === 0 ? 'ok  ' : 'FAIL'} ${label}: ${p} passed, ${f} failed (${seconds} s)`)
}

check('system packages', 'bash', ['scripts/install-system-deps.sh'])
check('lint', 'npx', ['eslint', '.', '--max-warnings=0'])
check('types (electron, shared, scripts)', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit'])
check('types (tests, benchmarks)', 'npx', ['tsc', '-p', 'tsconfig.test.json', '--noEmit'])
check('types (renderer, vue-tsc)', 'npx', ['vue-tsc', '-p', 'tsconfig.web.json', '--noEmit'])
const built = check('build', 'npx', ['electron-vite', 'build'])
// Bytes are deterministic, unlike timings: the initial-JS size is a check, so a static import
// that drags zod, Dexie or libphonenumber-js back into start-up fails CI, and so does Vue, Pinia
// or i18n in the engine entry (main.ts connects before the UI is evaluated). The gate sits a little
// above today's size (the bench's own target, 150 kB, is reported as missed in README).
process.env.BENCH_JS_BUDGET_KB ??= '165'
check('initial JS size budget', 'npx', ['tsx', 'bench/size.ts'])
vitest('unit', [])
if (built) vitest('e2e', ['--config', 'vitest.e2e.config.ts'])
else {
  failed += 1
  summary.push('FAIL e2e: not run, the build failed')
}

process.stdout.write(`\n${summary.join('\n')}\n`)
process.stdout.write(`${passed} passed, ${failed} failed\n`)
process.exit(failed === 0 ? 0 : 1)
