import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RequestPendingError, SessionState } from 'sip.js'
import type { Session } from 'sip.js'
import { systemClock } from './clock'
import { glareWaitMs, IN_PROGRESS_WAIT_MS, REINVITE_ATTEMPTS, reInvite } from './call-renegotiation'

type Answer = number | 'pending'
type Delegate = {
  requestDelegate: {
    onAccept(): void
    onReject(response: { message: { statusCode: number } }): void
  }
}

/** A session whose re-INVITEs are answered in turn with `answers` (a status, or in progress). */
function session(answers: Answer[]) {
  const sent: { at: number; hold: unknown }[] = []
  const fake = {
    state: SessionState.Established,
    sessionDescriptionHandlerOptionsReInvite: {} as unknown,
    invite: vi.fn(async (options: Delegate) => {
      sent.push({ at: Date.now(), hold: fake.sessionDescriptionHandlerOptionsReInvite })
      const answer = answers.shift() ?? 200
      if (answer === 'pending') throw new RequestPendingError('Reinvite in progress')
      queueMicrotask(() =>
        answer === 200
          ? options.requestDelegate.onAccept()
          : options.requestDelegate.onReject({ message: { statusCode: answer } }),
      )
    }),
  }
  return { session: fake as unknown as Session, fake, sent }
}

const retry = (ownsCallId: boolean) => ({ clock: systemClock, ownsCallId, random: () => 0.5 })
const rollBack = vi.fn(async () => undefined)

beforeEach(() => vi.useFakeTimers({ now: 0 }))
afterEach(() => vi.useRealTimers())

describe('reInvite', () => {
  it('is accepted at once on a 200', async () => {
    const { session: s, sent } = session([200])
    expect(await reInvite(s, true, rollBack, () => {}, retry(true))).toBe(true)
    expect(sent).toEqual([{ at: 0, hold: { hold: true } }])
  })

  it('after a 491 rolls the offer back and tries again after the Call-ID owner’s wait', async () => {
    const { session: s, sent } = session([491, 200])
    const logs: string[] = []
    const done = reInvite(s, true, rollBack, (m) => logs.push(m), retry(true))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await done).toBe(true)
    expect(sent.map((x) => x.at)).toEqual([0, glareWaitMs(retry(true))])
    expect(glareWaitMs(retry(true))).toBeGreaterThanOrEqual(2100)
    expect(rollBack).toHaveBeenCalled()
    expect(logs[0]).toMatch(/491/)
  })

  it('waits 0–2 s after a 491 when the far end owns the Call-ID (it called us)', () => {
    for (const r of [0, 0.5, 0.999]) {
      const ms = glareWaitMs({ ...retry(false), random: () => r })
      expect(ms).toBeGreaterThanOrEqual(0)
      expect(ms).toBeLessThanOrEqual(2000)
    }
    for (const r of [0, 0.999]) {
      const ms = glareWaitMs({ ...retry(true), random: () => r })
      expect(ms).toBeGreaterThanOrEqual(2100)
      expect(ms).toBeLessThanOrEqual(4000)
    }
  })

  it('waits for its own re-INVITE in progress (an ICE restart), then goes', async () => {
    const { session: s, sent } = session(['pending', 200])
    const done = reInvite(s, false, rollBack, () => {}, retry(false))
    await vi.advanceTimersByTimeAsync(IN_PROGRESS_WAIT_MS)
    expect(await done).toBe(true)
    expect(sent.map((x) => x.at)).toEqual([0, IN_PROGRESS_WAIT_MS])
  })

  it(`gives up after ${REINVITE_ATTEMPTS} tries, and at once on a refusal`, async () => {
    const glare = session([491, 491, 491, 491])
    const done = reInvite(glare.session, true, rollBack, () => {}, retry(true))
    await vi.advanceTimersByTimeAsync(20_000)
    expect(await done).toBe(false)
    expect(glare.sent).toHaveLength(REINVITE_ATTEMPTS)

    const refused = session([488])
    expect(await reInvite(refused.session, true, rollBack, () => {}, retry(true))).toBe(false)
    expect(refused.sent).toHaveLength(1)
  })

  it('tries once only without a retry, and not again once the call ended while waiting', async () => {
    const once = session([491])
    expect(await reInvite(once.session, true, rollBack, () => {})).toBe(false)
    expect(once.sent).toHaveLength(1)

    const ending = session([491, 200])
    const done = reInvite(ending.session, true, rollBack, () => {}, retry(true))
    await vi.advanceTimersByTimeAsync(0)
    ending.fake.state = SessionState.Terminated
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await done).toBe(false)
    expect(ending.sent).toHaveLength(1)
  })
})
