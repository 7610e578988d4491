// Helpers shared by main-process tests: temp dirs and a logger that records what it was given.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createLogger } from '../main/log'
import type { Logger } from '../main/log'

const dirs: string[] = []

/** A fresh directory, removed after the test. Call from inside a test or beforeEach. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-test-'))
  dirs.push(dir)
  return dir
}

// Retried: main's glue may still be writing into the directory (settings, the autostart file)
// as the test ends, and a file created during the removal fails it with ENOTEMPTY (seen once
// in a clean-clone CI run).
afterEach(async () => {
  await Promise.all(
    dirs
      .splice(0)
      .map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })),
  )
})

export interface RecordingLogger extends Logger {
  /** Every line as logged (after redaction), serialised. */
  lines: string[]
}

export function recordingLogger(prefix = 'test'): RecordingLogger {
  const lines: string[] = []
  const record = (...args: unknown[]) => {
    lines.push(JSON.stringify(args))
  }
  const logger = createLogger(prefix, { debug: record, info: record, warn: record, error: record })
  return Object.assign(logger, { lines })
}
