import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CallRecovery } from './call-recovery'
import type { RecoveryOptions, RestartOutcome } from './call-recovery'
import type { CallEnd } from './call-end'
import { systemClock } from './clock'

/** A call's side of recovery, recorded: each restart answers with the next scripted outcome. */
function harness(
  options: Partial<RecoveryOptions> & { leader: boolean },
  outcomes: RestartOutcome[] = [],
) {
  const log = {
    restarts: [] as number[],
    shown: [] as boolean[],
    ended: null as CallEnd | null,
    lines: [] as string[],
  }
  const script = [...outcomes]
  let pending: ((outcome: RestartOutcome) => void) | undefined
  const recovery = new CallRecovery(
    {
      restartIce: () => {
        log.restarts.push(Date.now())
        const next = script.shift()
        if (next) return Promise.resolve(next)
        // No scripted answer: the re-INVITE waits for one (answer()).
        return new Promise((resolve) => (pending = resolve))
      },
      giveUp: (end) => (log.ended = end),
      changed: (reconnecting) => log.shown.push(reconnecting),
      log: (line) => log.lines.push(line),
    },
    systemClock,
    options,
  )
  const answer = (outcome: RestartOutcome): void => {
    pending?.(outcome)
    pending = undefined
  }
  return { recovery, log, answer, start: Date.now() }
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms)
const accepted: RestartOutcome = { kind: 'accepted' }

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('CallRecovery: media path', () => {
  it('a short ICE disconnect heals by itself: nothing shown, no re-INVITE', async () => {
    const { recovery, log } = harness({ leader: true })
    recovery.ice('connected')
    recovery.ice('disconnected')
    await advance(1500)
    recovery.ice('connected')
    await advance(10_000)
    expect(log.restarts).toEqual([])
    expect(log.shown).toEqual([])
  })

  it('disconnected past the grace: Reconnecting, the leader restarts ICE at once, Connected when media flows', async () => {
    const { recovery, log, start } = harness({ leader: true, graceMs: 2500 }, [accepted])
    recovery.ice('connected')
    recovery.ice('disconnected')
    await advance(2499)
    expect(log.shown).toEqual([])
    await advance(1)
    expect(log.shown).toEqual([true])
    expect(log.restarts).toEqual([start + 2500])
    expect(recovery.reconnecting).toBe(true)
    recovery.ice('checking')
    await advance(300)
    recovery.ice('connected')
    expect(log.shown).toEqual([true, false])
    expect(recovery.reconnecting).toBe(false)
    expect(log.ended).toBeNull()
  })

  it('failed: no grace', async () => {
    const { recovery, log, start } = harness({ leader: true }, [accepted])
    recovery.ice('connected')
    recovery.ice('failed')
    await advance(0)
    expect(log.restarts).toEqual([start])
  })

  it('a failure before media ever flowed is the setup failing, not for recovery', async () => {
    const { recovery, log } = harness({ leader: true })
    recovery.ice('checking')
    recovery.ice('failed')
    await advance(30_000)
    expect(log.restarts).toEqual([])
    expect(log.shown).toEqual([])
  })

  it('the callee waits for the caller; its re-INVITE arriving stands the callee down', async () => {
    const { recovery, log } = harness({ leader: false, graceMs: 2500, followerDelayMs: 3000 })
    recovery.ice('connected')
    recovery.ice('disconnected')
    await advance(2500)
    expect(log.shown).toEqual([true])
    await advance(1000)
    recovery.remoteRefreshed(true) // the caller's re-INVITE with an ICE restart, answered
    recovery.ice('connected')
    await advance(10_000)
    expect(log.restarts).toEqual([])
    expect(log.shown).toEqual([true, false])
  })

  it('the callee asks itself when the caller does not', async () => {
    const { recovery, log, start } = harness(
      { leader: false, graceMs: 2500, followerDelayMs: 3000 },
      [accepted],
    )
    recovery.ice('connected')
    recovery.ice('disconnected')
    await advance(5500)
    expect(log.restarts).toEqual([start + 5500])
  })

  it('bounded attempts: refused restarts are retried, then the call ends Connection lost', async () => {
    const refused: RestartOutcome = { kind: 'rejected', statusCode: 503 }
    const { recovery, log, start } = harness(
      { leader: true, retryMs: 2000, maxAttempts: 3, giveUpMs: 60_000 },
      [refused, refused, refused],
    )
    recovery.ice('connected')
    recovery.ice('failed')
    await advance(10_000)
    expect(log.restarts).toEqual([start, start + 2000, start + 4000])
    expect(log.ended).toMatchObject({ reason: 'connection-lost' })
    expect(recovery.finished).toBe(true)
  })

  it('an accepted restart whose media never returns is tried again after the settle time', async () => {
    const { recovery, log, start } = harness({ leader: true, settleMs: 5000, retryMs: 2000 }, [
      accepted,
      accepted,
    ])
    recovery.ice('connected')
    recovery.ice('failed')
    await advance(7000)
    expect(log.restarts).toEqual([start, start + 5000 + 2000])
  })

  it('a restart whose ICE checks fail outright is tried again after the retry wait, not the settle time', async () => {
    const { recovery, log, start } = harness({ leader: true, settleMs: 5000, retryMs: 2000 }, [
      accepted,
      accepted,
    ])
    recovery.ice('connected')
    recovery.ice('failed')
    await advance(0)
    recovery.ice('checking')
    await advance(1000)
    recovery.ice('failed') // e.g. the TURN server restarting has no allocation for us yet
    await advance(2000)
    expect(log.restarts).toEqual([start, start + 1000 + 2000])
  })

  it('481: the far end forgot the call (hung up meanwhile); it ends at once as their hang-up', async () => {
    const { recovery, log } = harness({ leader: true }, [{ kind: 'rejected', statusCode: 481 }])
    recovery.ice('connected')
    recovery.ice('failed')
    await advance(0)
    expect(log.ended).toMatchObject({ reason: 'remote-hangup', statusCode: 481 })
  })

  it('a re-INVITE that never gets an answer does not block the next attempt', async () => {
    const { recovery, log, start } = harness({
      leader: true,
      attemptTimeoutMs: 8000,
      retryMs: 2000,
    })
    recovery.ice('connected')
    recovery.ice('failed')
    await advance(10_000)
    expect(log.restarts).toEqual([start, start + 10_000])
  })

  it('silence while ICE still reads connected: trouble at once; Connected only when audio flows again', async () => {
    const { recovery, log, start } = harness({ leader: true }, [accepted])
    recovery.ice('connected')
    recovery.flow(true)
    recovery.flow(false) // the call saw no audio for the grace period
    await advance(0)
    expect(log.shown).toEqual([true])
    expect(log.restarts).toEqual([start])
    recovery.ice('checking')
    recovery.ice('connected')
    expect(log.shown).toEqual([true]) // ICE is back, audio not yet
    recovery.flow(true)
    expect(log.shown).toEqual([true, false])
  })

  it('a network change cuts the grace short', async () => {
    const { recovery, log, start } = harness({ leader: true, graceMs: 2500 }, [accepted])
    recovery.ice('connected')
    recovery.ice('disconnected')
    await advance(500)
    recovery.check()
    await advance(0)
    expect(log.restarts).toEqual([start + 500])
  })
})

describe('CallRecovery: signalling', () => {
  it('connection lost: Reconnecting at once, no attempt until registered again, then one restart', async () => {
    const { recovery, log, start } = harness({ leader: true }, [accepted])
    recovery.ice('connected')
    recovery.signal(false)
    expect(log.shown).toEqual([true])
    await advance(4000)
    expect(log.restarts).toEqual([])
    recovery.signal(true)
    await advance(0)
    expect(log.restarts).toEqual([start + 4000])
    // Media never broke: the accepted re-INVITE (our new Contact) is the recovery.
    expect(log.shown).toEqual([true, false])
  })

  it('the callee back on a new connection: the caller’s re-INVITE refreshes its Contact too', async () => {
    const { recovery, log } = harness({ leader: false, followerDelayMs: 3000 })
    recovery.ice('connected')
    recovery.signal(false)
    await advance(1000)
    recovery.signal(true)
    await advance(1000)
    recovery.remoteRefreshed(true)
    await advance(10_000)
    expect(log.restarts).toEqual([])
    expect(log.shown).toEqual([true, false])
  })

  it('a refresh seen while still offline does not count', async () => {
    const { recovery, log, start } = harness({ leader: false, followerDelayMs: 3000 }, [accepted])
    recovery.ice('connected')
    recovery.signal(false)
    recovery.remoteRefreshed(true)
    recovery.signal(true)
    await advance(3000)
    expect(log.restarts).toEqual([start + 3000])
  })

  it('down for longer than the bound: Connection lost, nothing left running', async () => {
    const { recovery, log } = harness({ leader: true, giveUpMs: 20_000 })
    recovery.ice('connected')
    recovery.signal(false)
    await advance(19_999)
    expect(log.ended).toBeNull()
    await advance(1)
    expect(log.ended).toMatchObject({ reason: 'connection-lost' })
    expect(vi.getTimerCount()).toBe(0)
    recovery.signal(true)
    await advance(5000)
    expect(log.restarts).toEqual([])
  })

  it('dispose() leaves no timer behind', async () => {
    const { recovery } = harness({ leader: true })
    recovery.ice('connected')
    recovery.ice('disconnected')
    recovery.signal(false)
    recovery.dispose()
    expect(vi.getTimerCount()).toBe(0)
  })
})
