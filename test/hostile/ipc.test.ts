import { describe, expect, it } from 'vitest'
import { invokePayloadSchemas } from '@shared/ipc/invoke'
import type { InvokeChannel } from '@shared/ipc/invoke'
import { ipcCases } from './data/ipc'

describe('hostile IPC payloads', () => {
  it.each(
    ipcCases.map(
      ([c, p, ok]) => [c, JSON.stringify(p)?.slice(0, 80) ?? 'undefined', p, ok] as const,
    ),
  )('%s %s', (channel, _shown, payload, accepted) => {
    const schema = invokePayloadSchemas[channel as InvokeChannel]
    expect(schema).toBeDefined()
    expect(schema.safeParse(payload).success).toBe(accepted)
  })
})
