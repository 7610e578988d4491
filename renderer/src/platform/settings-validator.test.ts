import { afterEach, describe, expect, it, vi } from 'vitest'
import { reactive } from 'vue'
import { createDefaultSettings } from '@shared/settings-defaults'
import { answer } from './settings-logic'
import type { SettingsRequest, SettingsResponse } from './settings-logic'
import { createSettingsValidator } from './settings-validator'

/** A worker in the same thread: answers through the real logic on the next task, like a worker. */
function fakeWorkers() {
  const started: { terminated: boolean; fail: () => void }[] = []
  const start = () => {
    const worker = {
      terminated: false,
      onmessage: null as ((event: MessageEvent<SettingsResponse>) => void) | null,
      onerror: null as ((event: Event) => void) | null,
      postMessage(posted: SettingsRequest) {
        // What a real postMessage does: a structured clone, which refuses proxies and functions.
        const request = structuredClone(posted)
        setTimeout(() => {
          if (!worker.terminated)
            worker.onmessage?.({ data: answer(request) } as MessageEvent<SettingsResponse>)
        }, 1)
      },
      terminate() {
        worker.terminated = true
      },
      fail() {
        worker.onerror?.(new Event('error'))
      },
    }
    started.push(worker)
    return worker
  }
  return { start, started }
}

afterEach(() => vi.useRealTimers())

describe('settings validator', () => {
  it('reads and patches through one worker, matching answers to questions', async () => {
    const { start, started } = fakeWorkers()
    const validator = createSettingsValidator({ startWorker: start })
    const stored = JSON.stringify({ version: 2, theme: 'dark', presence: { status: 'bogus' } })
    const [read, patched, refused] = await Promise.all([
      validator.read(stored),
      validator.patch(createDefaultSettings(), { theme: 'light' }),
      validator.patch(createDefaultSettings(), { theme: 'purple' } as never),
    ])
    expect(started).toHaveLength(1)
    expect(read.settings.theme).toBe('dark')
    expect(read.problems.join()).toMatch(/presence/)
    expect(JSON.parse(read.repaired!).presence.status).toBe('available')
    expect(patched).toMatchObject({ ok: true, settings: { theme: 'light' } })
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid settings/),
    })
  })

  it('ends the worker when idle and starts another for the next question', async () => {
    vi.useFakeTimers()
    const { start, started } = fakeWorkers()
    const validator = createSettingsValidator({ startWorker: start, idleMs: 1000 })
    const first = validator.read(null)
    await vi.advanceTimersByTimeAsync(5)
    expect((await first).problems).toEqual([])
    // Answered at 1 ms: idle from then.
    await vi.advanceTimersByTimeAsync(990)
    expect(started[0]!.terminated).toBe(false)
    await vi.advanceTimersByTimeAsync(10)
    expect(started[0]!.terminated).toBe(true)

    const second = validator.read('not json')
    await vi.advanceTimersByTimeAsync(5)
    expect((await second).problems).toEqual(['not valid JSON'])
    expect(started).toHaveLength(2)
  })

  it('a worker that fails rejects what it was asked, and the next question gets a new one', async () => {
    const { start, started } = fakeWorkers()
    const validator = createSettingsValidator({ startWorker: start })
    const asked = validator.read(null)
    started[0]!.fail()
    await expect(asked).rejects.toThrow(/settings worker failed/)
    expect(started[0]!.terminated).toBe(true)
    await expect(validator.read(null)).resolves.toMatchObject({ problems: [] })
    expect(started).toHaveLength(2)
  })

  it("posts a store's reactive settings as plain data", async () => {
    const { start } = fakeWorkers()
    const validator = createSettingsValidator({ startWorker: start })
    const current = reactive(createDefaultSettings())
    await expect(
      validator.patch(current, reactive({ theme: 'dark' as const })),
    ).resolves.toMatchObject({
      ok: true,
      settings: { theme: 'dark' },
    })
  })

  it('runs in the page where there are no workers', async () => {
    const validator = createSettingsValidator({ startWorker: null })
    await expect(validator.read('[]')).resolves.toMatchObject({ problems: ['not a JSON object'] })
  })
})
