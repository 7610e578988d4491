// The API the preload exposes as `window.switchboard`, derived from the IPC contract: each invoke
// channel `domain:method` is `api.domain.method(payload)`, plus an allow-listed `on` for pushes.
// Types only, so the renderer can type it without importing the preload (or zod).
import type { InvokeChannel, InvokePayload, InvokeResult } from './invoke'
import type { PushEvent, PushPayloads } from './push'

export type Unsubscribe = () => void

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never

/** The channels of one domain, keyed by their method name. */
type MethodsOf<D extends string> = {
  [C in InvokeChannel as C extends `${D}:${infer M}` ? M : never]: (
    ...payload: undefined extends InvokePayload<C> ? [] : [payload: InvokePayload<C>]
  ) => Promise<InvokeResult<C>>
}

/** Every invoke channel as a method: `app.info()`, `credentials.get({ accountId })`, … */
export type InvokeApi = { [D in DomainOf<InvokeChannel>]: MethodsOf<D> }

export interface PushApi {
  /** Subscribe to a push; unknown event names throw. The callback gets the payload only. */
  on<E extends PushEvent>(event: E, callback: (payload: PushPayloads[E]) => void): Unsubscribe
}

export type SwitchboardApi = InvokeApi & PushApi

/** Splits `domain:method`. */
export function methodOf(channel: string): [domain: string, method: string] {
  const colon = channel.indexOf(':')
  return [channel.slice(0, colon), channel.slice(colon + 1)]
}

/** The global name the preload uses. */
export const API_GLOBAL = 'switchboard'
