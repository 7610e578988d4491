// "Test connection": registers an account's details once, on an engine of its own (no calls,
// messages or presence), reports each step as it happens, then un-REGISTERs. Nothing of the
// signed-in sessions is touched.
import type { RegistrationFailure, SipAccount } from '@/sip'
import { realEngine } from './account-session'
import type { EngineFactory } from './account-session'

export type ConnectionStep =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'registering' }
  | { kind: 'registered' }
  | { kind: 'failed'; reason: RegistrationFailure; statusCode?: number; detail?: string }
  | { kind: 'timeout' }

export interface ConnectionTestOptions {
  onStep(step: ConnectionStep): void
  createEngine?: EngineFactory
  timeoutMs?: number
}

/** Resolves true once the server answered 200 to a REGISTER, false on a failure or timeout. */
export async function testConnection(
  account: SipAccount,
  { onStep, createEngine, timeoutMs = 15_000 }: ConnectionTestOptions,
): Promise<boolean> {
  const engine = (createEngine ?? realEngine)(account, {
    // One attempt: a failure is reported, not retried.
    backoff: { baseMs: 60_000, capMs: 60_000, floorMs: 60_000 },
    registerTimeoutMs: Math.min(10_000, timeoutMs),
  })
  let last = ''
  const step = (value: ConnectionStep): void => {
    if (value.kind === last) return
    last = value.kind
    onStep(value)
  }
  const outcome = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      step({ kind: 'timeout' })
      resolve(false)
    }, timeoutMs)
    const done = (ok: boolean): void => {
      clearTimeout(timer)
      resolve(ok)
    }
    engine.on('connection', (state) => {
      if (state === 'connecting') step({ kind: 'connecting' })
      if (state === 'connected') step({ kind: 'connected' })
    })
    engine.on('registration', (state) => {
      if (state.kind === 'registering') step({ kind: 'registering' })
      else if (state.kind === 'registered') {
        step({ kind: 'registered' })
        done(true)
      } else if (state.kind === 'failed') {
        step(state)
        done(false)
      }
    })
  })
  await engine.start()
  const ok = await outcome
  await engine.stop()
  return ok
}
