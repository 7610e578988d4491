// The browser bridge's way to the settings schema: a worker started on demand and ended after
// IDLE_MS without work, so zod and the schemas (about 1 MB of heap) are not kept in the page for
// good. Where there are no workers (unit tests in Node), the same code runs in the page.
import type { Settings, SettingsPatch } from '@shared/settings'
import type { PatchResult, ReadResult, SettingsRequest, SettingsResponse } from './settings-logic'

export const IDLE_MS = 10_000

type Ask =
  { op: 'read'; text: string | null } | { op: 'patch'; current: Settings; patch: SettingsPatch }

export interface SettingsValidator {
  read(text: string | null): Promise<ReadResult>
  patch(current: Settings, patch: SettingsPatch): Promise<PatchResult>
}

interface WorkerLike {
  onmessage: ((event: MessageEvent<SettingsResponse>) => void) | null
  onerror: ((event: Event) => void) | null
  postMessage(message: SettingsRequest): void
  terminate(): void
}

export interface ValidatorOptions {
  /** Starts the worker; null runs the schema in the page. */
  startWorker?: (() => WorkerLike) | null
  idleMs?: number
}

function defaultWorker(): (() => WorkerLike) | null {
  if (typeof Worker === 'undefined') return null
  return () =>
    new Worker(new URL('./settings-worker.ts', import.meta.url), {
      type: 'module',
    }) as unknown as WorkerLike
}

export function createSettingsValidator(options: ValidatorOptions = {}): SettingsValidator {
  const start = options.startWorker === undefined ? defaultWorker() : options.startWorker
  const idleMs = options.idleMs ?? IDLE_MS
  let worker: WorkerLike | null = null
  let idle: ReturnType<typeof setTimeout> | undefined
  let next = 0
  const waiting = new Map<
    number,
    { resolve: (r: SettingsResponse) => void; reject: (e: Error) => void }
  >()

  function stop(): void {
    worker?.terminate()
    worker = null
  }

  function running(): WorkerLike {
    if (worker) return worker
    const started = start!()
    started.onmessage = ({ data }) => {
      waiting.get(data.id)?.resolve(data)
      waiting.delete(data.id)
      if (waiting.size === 0) idle = setTimeout(stop, idleMs)
    }
    started.onerror = () => {
      stop()
      for (const { reject } of waiting.values()) reject(new Error('The settings worker failed'))
      waiting.clear()
    }
    worker = started
    return started
  }

  async function ask(asked: Ask): Promise<ReadResult | PatchResult> {
    // Plain JSON both ways: a store's reactive proxy cannot be posted (settings are JSON anyway).
    const request = JSON.parse(JSON.stringify(asked)) as Ask
    let response: SettingsResponse
    if (!start) {
      const { answer } = await import('./settings-logic')
      response = answer({ ...request, id: 0 })
    } else {
      clearTimeout(idle)
      const id = (next += 1)
      response = await new Promise<SettingsResponse>((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        running().postMessage({ ...request, id })
      })
    }
    if (!response.ok) throw new Error(response.message)
    return response.result
  }

  return {
    read: (text) => ask({ op: 'read', text }) as Promise<ReadResult>,
    patch: (current, patch) => ask({ op: 'patch', current, patch }) as Promise<PatchResult>,
  }
}
