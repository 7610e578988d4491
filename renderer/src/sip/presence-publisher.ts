// Our own presence publication (RFC 3903), one PUBLISH at a time. SIP.js's Publisher cannot be
// used as is: publish() resolves before the answer and a modify raises no event, so calls could
// not be serialised — and a second PUBLISH while one is pending loops on 407 with Kamailio.
// Here each request waits for the previous one's final answer; the SIP-ETag from a 2xx is sent
// back as SIP-If-Match on the refresh (before expiry) and on every change.
import type { Core, UserAgent } from 'sip.js'
import type { Clock, TimerHandle } from './clock'
import { PIDF_CONTENT_TYPE } from '@shared/presence/content-type'

export interface PublisherOptions {
  expires: number
  clock: Clock
  log: (message: string) => void
  /** A PUBLISH was answered 2xx (bench and tests watch this). */
  onPublished?: (body: string | null) => void
}

// Refresh at 80 % of the granted lifetime: room for a slow answer and a 412 retry.
const REFRESH_FRACTION = 0.8

export class PresencePublisher {
  private etag: string | undefined
  private body: string | undefined
  private chain: Promise<void> = Promise.resolve()
  private refreshTimer: TimerHandle | undefined
  private closed = false

  constructor(
    private readonly userAgent: UserAgent,
    private readonly options: PublisherOptions,
  ) {}

  /** Publishes `body` (replacing what was published) after any PUBLISH still in flight. */
  publish(body: string): Promise<void> {
    this.body = body
    return this.enqueue(() => this.send(body, this.options.expires))
  }

  /** Forgets the server's entity tag: the next publish starts afresh (after a reconnect). */
  reset(): void {
    this.etag = undefined
    this.clearRefresh()
  }

  /** Removes the publication (Expires: 0) and stops refreshing. */
  close(): Promise<void> {
    this.closed = true
    this.clearRefresh()
    return this.enqueue(async () => {
      if (this.etag === undefined) return
      await this.send(undefined, 0)
      this.etag = undefined
    })
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work).catch((error: unknown) => {
      this.options.log(`PUBLISH failed: ${error instanceof Error ? error.message : String(error)}`)
    })
    this.chain = next
    return next
  }

  /** One PUBLISH, recovering once from a 412 (the server forgot our entity tag). */
  private async send(body: string | undefined, expires: number): Promise<void> {
    if (this.closed && expires !== 0) return
    let response = await this.request(body, expires)
    if (response.statusCode === 412 && expires !== 0 && body !== undefined) {
      this.etag = undefined
      response = await this.request(body, expires)
    }
    const code = response.statusCode ?? 0
    if (code < 200 || code >= 300) {
      this.etag = undefined
      throw new Error(`${code} ${response.reasonPhrase ?? ''}`)
    }
    this.etag = response.getHeader('SIP-ETag') ?? undefined
    this.options.onPublished?.(body ?? null)
    if (expires === 0) return
    const granted = Number(response.getHeader('Expires') ?? expires)
    const lifetime = Number.isFinite(granted) && granted > 0 ? Math.min(granted, expires) : expires
    this.scheduleRefresh(lifetime)
  }

  private scheduleRefresh(seconds: number): void {
    this.clearRefresh()
    this.refreshTimer = this.options.clock.setTimeout(() => {
      this.refreshTimer = undefined
      // A refresh carries no body, only SIP-If-Match; a lost tag republishes the whole body.
      const body = this.body
      void this.enqueue(() =>
        this.etag !== undefined ? this.send(undefined, this.options.expires) : body ? this.send(body, this.options.expires) : Promise.resolve(),
      )
    }, seconds * 1000 * REFRESH_FRACTION)
  }

  private clearRefresh(): void {
    if (this.refreshTimer !== undefined) {
      this.options.clock.clearTimeout(this.refreshTimer)
      this.refreshTimer = undefined
    }
  }

  private request(body: string | undefined, expires: number): Promise<Core.IncomingResponseMessage> {
    const core = this.userAgent.userAgentCore
    const aor = core.configuration.aor
    const headers = ['Event: presence', `Expires: ${expires}`]
    if (this.etag !== undefined) headers.push(`SIP-If-Match: ${this.etag}`)
    const message = core.makeOutgoingRequestMessage(
      'PUBLISH',
      aor,
      aor,
      aor,
      {},
      headers,
      body === undefined ? undefined : { content: body, contentType: PIDF_CONTENT_TYPE, contentDisposition: 'render' },
    )
    return new Promise((resolve) => {
      const done = (r: Core.IncomingResponse): void => resolve(r.message)
      core.publish(message, { onAccept: done, onReject: done, onRedirect: done })
    })
  }
}
