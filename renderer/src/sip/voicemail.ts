// The voicemail box (RFC 3842 message-summary over RFC 6665): subscribes to the account's own box
// and takes the unsolicited NOTIFYs many PBXs send instead, as a typed event with plain counts.
// Loaded after start-up (see the voicemail store); SIP.js's classes come from the session.
import type { Notification, Subscriber, UserAgent } from 'sip.js'
import { MESSAGE_SUMMARY_CONTENT_TYPE, parseMessageSummary } from '@shared/dialog/message-summary'
import type { MessageSummary } from '@shared/dialog/message-summary'
import type { Clock, TimerHandle } from './clock'
import type { EngineExtension, EngineView } from './extension'
import type { SipKit } from './sip-kit'
import type { RegistrationState } from './types'

export interface VoicemailOptions {
  sip: SipKit
  onSummary: (summary: MessageSummary) => void
  clock?: Clock
  log?: (message: string) => void
  expires?: number
}

export class VoicemailBox {
  private readonly clock: Clock
  private readonly log: (message: string) => void
  private userAgent: UserAgent | undefined
  private subscriber: Subscriber | undefined
  private registered = false
  private failures = 0
  private retry: TimerHandle | undefined

  readonly extension: EngineExtension = {
    name: 'voicemail',
    attach: ({ userAgent, engine }) => this.attach(userAgent, engine),
  }

  constructor(private readonly options: VoicemailOptions) {
    this.clock = options.clock ?? options.sip.clock
    this.log = options.log ?? ((m) => console.warn(`[voicemail] ${m}`))
  }

  private attach(userAgent: UserAgent, engine: EngineView): ReturnType<EngineExtension['attach']> {
    this.userAgent = userAgent
    const stop = engine.on('registration', (state) => this.onRegistration(state))
    this.onRegistration(engine.registration)
    return {
      // Out-of-dialog NOTIFYs: the unsolicited message summaries of PBXs that send them unasked.
      delegate: { onNotify: (notification) => this.onUnsolicited(notification) },
      detach: async () => {
        stop()
        this.registered = false
        this.clearRetry()
        const subscriber = this.subscriber
        this.subscriber = undefined
        await subscriber?.dispose().catch(() => undefined)
        this.userAgent = undefined
      },
    }
  }

  private onRegistration(state: RegistrationState): void {
    const now = state.kind === 'registered'
    if (now === this.registered) return
    this.registered = now
    this.clearRetry()
    // The server may have forgotten the subscription: subscribe afresh at every registration.
    if (now) {
      this.failures = 0
      this.subscribe()
    }
  }

  private subscribe(): void {
    const ua = this.userAgent
    const old = this.subscriber
    this.subscriber = undefined
    void old?.dispose().catch(() => undefined)
    if (!ua || !this.registered) return
    const { Subscriber, SubscriptionState } = this.options.sip
    // Our own box: the account's address of record.
    const subscriber = new Subscriber(ua, ua.configuration.uri, 'message-summary', {
      expires: this.options.expires ?? 3600,
      extraHeaders: [`Accept: ${MESSAGE_SUMMARY_CONTENT_TYPE}`],
    })
    this.subscriber = subscriber
    subscriber.delegate = { onNotify: (n) => this.read(n) }
    subscriber.stateChange.addListener((state) => {
      if (state !== SubscriptionState.Terminated || this.subscriber !== subscriber) return
      this.subscriber = undefined
      this.scheduleRetry()
    })
    subscriber.subscribe().catch((error: unknown) => {
      this.log(`SUBSCRIBE message-summary failed: ${String(error)}`)
      if (this.subscriber === subscriber) this.scheduleRetry()
    })
  }

  private onUnsolicited(notification: Notification): void {
    const event = notification.request.getHeader('Event') ?? ''
    if (!/^\s*message-summary\b/i.test(event)) {
      // Not ours to take: what SIP.js answers a NOTIFY no one claimed.
      void notification.reject({ statusCode: 481 }).catch(() => undefined)
      return
    }
    this.read(notification)
  }

  private read(notification: Notification): void {
    void notification.accept().catch(() => undefined)
    const summary = parseMessageSummary(notification.request.body)
    if (summary) {
      this.failures = 0
      this.options.onSummary(summary)
    }
  }

  private scheduleRetry(): void {
    if (!this.registered || this.retry !== undefined) return
    this.failures += 1
    this.retry = this.clock.setTimeout(() => {
      this.retry = undefined
      this.subscribe()
    }, this.options.sip.backoffDelay(this.failures))
  }

  private clearRetry(): void {
    if (this.retry !== undefined) this.clock.clearTimeout(this.retry)
    this.retry = undefined
  }
}
