import { describe, expect, it } from 'vitest'
import { createBrowserRecordings } from './browser-recordings'

describe('browser recordings', () => {
  it('gathers a streamed recording, saves it once closed, lists, reads and deletes it', async () => {
    const saved: [Blob, string][] = []
    let clock = 1000
    const recordings = createBrowserRecordings(
      (blob, name) => saved.push([blob, name]),
      () => clock++,
    )
    const { id, fileName } = await recordings.open({ fileName: 'call.webm' })
    await recordings.write({ id, chunk: new Uint8Array([1, 2]) })
    await recordings.write({ id, chunk: new Uint8Array([3]) })
    expect(saved).toHaveLength(0)
    const file = await recordings.close({ id })
    expect(file).toMatchObject({ fileName, bytes: 3 })
    expect(saved.map(([, name]) => name)).toEqual(['call.webm'])
    expect([...(await recordings.read({ fileName }))]).toEqual([1, 2, 3])
    expect((await recordings.list()).map((f) => f.fileName)).toEqual(['call.webm'])
    await recordings.remove({ fileName })
    expect(await recordings.list()).toEqual([])
  })

  it('never reuses a name and refuses unknown ids', async () => {
    const recordings = createBrowserRecordings(() => undefined)
    const first = await recordings.open({ fileName: 'call.webm' })
    await recordings.close({ id: first.id })
    const second = await recordings.open({ fileName: 'call.webm' })
    expect(second.fileName).toBe('call-1.webm')
    await expect(recordings.write({ id: 'rec-99', chunk: new Uint8Array() })).rejects.toThrow()
  })
})
