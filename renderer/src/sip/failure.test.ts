import { describe, it, expect } from 'vitest'
import { classifyRegisterRejection } from './failure'

describe('classifyRegisterRejection', () => {
  it.each([
    [401, 'Unauthorized', 'wrong-credentials', false],
    [407, 'Proxy Authentication Required', 'wrong-credentials', false],
    [403, 'Forbidden', 'wrong-credentials', false],
    [404, 'Not Found', 'unknown-user', false],
    [408, 'Request Timeout', 'timeout', true],
    [500, 'Server Internal Error', 'server-error', true],
    [503, 'Service Unavailable', 'server-error', true],
    [480, 'Temporarily Unavailable', 'server-error', true],
    [429, 'Too Many Requests', 'server-error', true],
    [400, 'Bad Request', 'server-error', false],
    [420, 'Bad Extension', 'server-error', false],
    [302, 'Moved Temporarily', 'server-error', false],
    [603, 'Decline', 'server-error', true],
  ])('%i %s → %s, retry %s', (statusCode, reasonPhrase, reason, retry) => {
    const decision = classifyRegisterRejection({ statusCode, reasonPhrase, local: false })
    expect(decision.state.reason).toBe(reason)
    expect(decision.state.statusCode).toBe(statusCode)
    expect(decision.retry).toBe(retry)
  })

  it('puts code and reason phrase in the detail of a server error', () => {
    expect(
      classifyRegisterRejection({ statusCode: 500, reasonPhrase: 'Database down', local: false }),
    ).toEqual({
      state: {
        kind: 'failed',
        reason: 'server-error',
        statusCode: 500,
        detail: '500 Database down',
      },
      retry: true,
    })
  })

  it('honours Retry-After', () => {
    const decision = classifyRegisterRejection({
      statusCode: 503,
      reasonPhrase: 'Service Unavailable',
      local: false,
      retryAfterSeconds: 20,
    })
    expect(decision.retryAfterMs).toBe(20_000)
  })

  it.each([
    [408, 'timeout'],
    [503, 'unreachable'],
  ])('a %i SIP.js made up itself → %s, retried, no status code', (statusCode, reason) => {
    const decision = classifyRegisterRejection({ statusCode, reasonPhrase: 'x', local: true })
    expect(decision.state.reason).toBe(reason)
    expect(decision.state.statusCode).toBeUndefined()
    expect(decision.retry).toBe(true)
  })
})
