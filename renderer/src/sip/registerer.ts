// A SIP.js Registerer that reports the outcome of every REGISTER it sends, including the refreshes
// it schedules itself (those call `register()` with no delegate, so their failures would otherwise
// only show up as a bare state change without a status code).

import { Registerer } from 'sip.js'
import type { Core, RegistererOptions, RegistererRegisterOptions, UserAgent } from 'sip.js'

export interface RegisterObserver {
  /** A REGISTER is about to go out (initial, refresh or probe). */
  onSend(): void
  onAccept(response: Core.IncomingResponse): void
  onReject(response: Core.IncomingResponse): void
  onRedirect(response: Core.IncomingResponse): void
}

// SIP.js keeps these private in its typings, though at run time they are plain members.
interface RegistererInternals {
  readonly waiting: boolean
  readonly waitingChange: {
    addListener(listener: (waiting: boolean) => void, options?: { once?: boolean }): void
  }
  /** Clears the refresh timers and moves to Unregistered without sending anything. */
  unregistered(): void
}

export class ObservedRegisterer extends Registerer {
  constructor(
    userAgent: UserAgent,
    options: RegistererOptions,
    private readonly observer: RegisterObserver,
  ) {
    super(userAgent, options)
  }

  /** A REGISTER (or un-REGISTER) is awaiting its final answer; SIP.js refuses another meanwhile. */
  get pending(): boolean {
    return (this as unknown as RegistererInternals).waiting
  }

  /** Runs `listener` once the pending REGISTER has its final answer. */
  onceSettled(listener: () => void): void {
    ;(this as unknown as RegistererInternals).waitingChange.addListener(() => listener(), {
      once: true,
    })
  }

  /**
   * Disposes without the un-REGISTER that dispose() sends for a registered binding: used when
   * the socket that binding lives on is gone (sending would only fail) or is being replaced.
   * Not awaited by callers: with a REGISTER pending, SIP.js holds on until its 32 s timer F.
   */
  abandon(): Promise<void> {
    ;(this as unknown as RegistererInternals).unregistered()
    return this.dispose()
  }

  override register(options: RegistererRegisterOptions = {}): ReturnType<Registerer['register']> {
    const own = options.requestDelegate
    // Only a REGISTER that will really be sent arms the caller's timeout.
    if (!this.pending) this.observer.onSend()
    return super.register({
      ...options,
      requestDelegate: {
        ...own,
        onAccept: (response) => {
          this.observer.onAccept(response)
          own?.onAccept?.(response)
        },
        onReject: (response) => {
          this.observer.onReject(response)
          own?.onReject?.(response)
        },
        onRedirect: (response) => {
          this.observer.onRedirect(response)
          own?.onRedirect?.(response)
        },
      },
    })
  }
}

/** Seconds the registrar granted to our contact: its `expires` param, else Expires, else asked. */
export function grantedExpires(
  response: Core.IncomingResponse,
  contactUser: string | undefined,
  requested: number,
): number {
  const message = response.message
  const count = message.getHeaders('contact').length
  for (let i = 0; i < count; i++) {
    const contact = message.parseHeader('contact', i) as Core.NameAddrHeader | undefined
    if (!contact || contact.uri.user !== contactUser) continue
    const value = Number(contact.getParam('expires'))
    if (Number.isFinite(value) && value > 0) return value
  }
  const header = Number(message.getHeader('expires'))
  return Number.isFinite(header) && header > 0 ? header : requested
}
