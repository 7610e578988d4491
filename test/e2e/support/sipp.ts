// Runs sipp (a SIP phone no one here wrote) with a scenario given as XML text, over UDP, against
// a world's Kamailio. Each run has its own temp dir for sipp's files, removed when it exits.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SippRun {
  /** Exit code 0: every call went through the scenario as written. */
  done: Promise<{ code: number | null; output: string }>
  kill(): void
}

/**
 * `sipp 127.0.0.1:<udpPort> -sf <scenario> -s <service> …extra`; `-m 1` unless `extra` says
 * otherwise, a 30 s timeout that counts as failure.
 */
export function runSipp(
  scenarioXml: string,
  udpPort: number,
  service: string,
  extra: string[] = [],
): SippRun {
  const cwd = mkdtempSync(join(tmpdir(), 'switchboard-sipp-'))
  const scenario = join(cwd, 'scenario.xml')
  writeFileSync(scenario, scenarioXml)
  // prettier-ignore
  const args = [
    `127.0.0.1:${udpPort}`, '-sf', scenario, '-s', service, '-i', '127.0.0.1',
    ...(extra.includes('-m') ? [] : ['-m', '1']),
    '-timeout', '30s', '-timeout_error', '-nostdin',
    ...extra,
  ]
  const child = spawn('sipp', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => {
      rmSync(cwd, { recursive: true, force: true })
      resolve({ code, output })
    }),
  )
  return { done, kill: () => child.kill('SIGTERM') }
}
