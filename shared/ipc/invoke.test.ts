import { describe, expect, it } from 'vitest'
import { invokeChannels, invokePayloadSchemas } from './invoke'
import { isPushEvent, pushEvents } from './push'

describe('invoke channels', () => {
  it('are domain:method names (the API derives its methods from them)', () => {
    expect(invokeChannels.length).toBeGreaterThan(0)
    for (const channel of invokeChannels) expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/)
  })

  it.each(['app:info', 'app:ready', 'settings:get', 'credentials:status'] as const)(
    '%s takes no payload at all',
    (channel) => {
      const schema = invokePayloadSchemas[channel]
      expect(schema.safeParse(undefined).success).toBe(true)
      expect(schema.safeParse({}).success).toBe(false)
      expect(schema.safeParse(null).success).toBe(false)
    },
  )

  it.each([
    [{ accountId: 'sip:alice@example.com', password: 's3cret' }, true],
    [{ accountId: 'sip:alice@example.com', password: '' }, false],
    [{ accountId: '', password: 'x' }, false],
    [{ accountId: 'sip:alice@example.com' }, false],
    [{ accountId: 'a\nb', password: 'x' }, false],
    [{ accountId: 'a', password: 'x', extra: true }, false],
    [{ accountId: 42, password: 'x' }, false],
    [{ accountId: 'a'.repeat(513), password: 'x' }, false],
  ])('credentials:set %j → %s', (payload, ok) => {
    expect(invokePayloadSchemas['credentials:set'].safeParse(payload).success).toBe(ok)
  })

  it.each(['credentials:get', 'credentials:delete'] as const)(
    '%s takes an account id only',
    (channel) => {
      const schema = invokePayloadSchemas[channel]
      expect(schema.safeParse({ accountId: 'sip:alice@example.com' }).success).toBe(true)
      expect(schema.safeParse({ accountId: 'sip:alice@example.com', password: 'x' }).success).toBe(
        false,
      )
      expect(schema.safeParse('sip:alice@example.com').success).toBe(false)
    },
  )

  it('settings:set takes a validated partial update', () => {
    const schema = invokePayloadSchemas['settings:set']
    expect(schema.safeParse({ theme: 'dark' }).success).toBe(true)
    expect(schema.safeParse({ account: { server: 'http://x' } }).success).toBe(false)
    expect(schema.safeParse(undefined).success).toBe(false)
  })

  it('never echo the refused value in their error messages', () => {
    const result = invokePayloadSchemas['credentials:set'].safeParse({
      accountId: 'a',
      password: 'hunter2'.repeat(1000),
    })
    expect(result.success).toBe(false)
    expect(JSON.stringify(result.error?.issues.map((i) => i.message))).not.toContain('hunter2')
  })
})

describe('push events', () => {
  it('are allow-listed by name', () => {
    for (const event of pushEvents) expect(isPushEvent(event)).toBe(true)
    expect(isPushEvent('credentials:get')).toBe(false)
    expect(isPushEvent('__proto__')).toBe(false)
    expect(isPushEvent(undefined)).toBe(false)
  })
})
