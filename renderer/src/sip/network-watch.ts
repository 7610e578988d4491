// What around the engine says "check the connection now": the browser going online or offline,
// the OS reporting a network change, and the clock jumping (a wake from sleep). One function so
// the engine's lifecycle only has to start and stop it.

import type { UserAgent } from 'sip.js'
import type { Clock } from './clock'
import type { EngineLogger } from './log'
import { describeError } from './module-host'
import type { NetworkCheckCause } from './types'
import { watchWake } from './wake'
import type { WakeOptions } from './wake'

export interface NetworkWatchSources {
  onlineEvents: EventTarget | null
  networkChangeEvents: EventTarget | null
  wake: WakeOptions | false
  clock: Clock
  log: EngineLogger
}

export interface NetworkWatchHandlers {
  /** Reconnect now if needed, and let calls check their media path. */
  nudge(cause: NetworkCheckCause): void
  /** Offline: nothing to reconnect to, but calls can stop trusting their media path. */
  offline(): void
}

/** Starts watching; returns the function that stops it. */
export function watchNetwork(
  sources: NetworkWatchSources,
  handlers: NetworkWatchHandlers,
): () => void {
  const stops: Array<() => void> = []
  const target = sources.onlineEvents
  if (target) {
    const onOnline = (): void => handlers.nudge('online')
    const onOffline = (): void => handlers.offline()
    target.addEventListener('online', onOnline)
    target.addEventListener('offline', onOffline)
    stops.push(() => {
      target.removeEventListener('online', onOnline)
      target.removeEventListener('offline', onOffline)
    })
  }
  const network = sources.networkChangeEvents
  if (network) {
    const onChange = (): void => handlers.nudge('network-change')
    network.addEventListener('change', onChange)
    stops.push(() => network.removeEventListener('change', onChange))
  }
  if (sources.wake) {
    stops.push(
      watchWake(sources.clock, sources.wake, (sleptMs) => {
        sources.log.debug(
          `Clock jumped ${Math.round(sleptMs / 1000)} s: assuming a wake from sleep`,
        )
        handlers.nudge('wake')
      }),
    )
  }
  return () => stops.forEach((stop) => stop())
}

/** SIP.js rethrows what its parser or dialogs throw on odd input; that must not crash the app. */
export function guardIncoming(ua: UserAgent, log: EngineLogger): void {
  const transport = ua.transport
  const deliver = transport.onMessage
  transport.onMessage = (message) => {
    try {
      deliver?.(message)
    } catch (error) {
      log.warn(`Dropped an incoming message SIP.js could not handle: ${describeError(error)}`)
    }
  }
}
