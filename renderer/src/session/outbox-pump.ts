// Sends the persistent outbox in order. Plain TypeScript, used by the chat store.
//
// Entries go out oldest first with up to WINDOW unanswered at once: one at a time would cost a
// round trip per message, and a single WebSocket keeps them in order anyway. When the
// registration comes back (a new epoch) everything still in the outbox goes again from the head,
// in order, including sends from the old connection that never got an answer; they carry the
// same Call-ID, so a peer that did get the first copy drops the second. The first final outcome
// for an entry wins.

import type { DeliveryOutcome, SendRequest } from '@/sip'
import type { DeliveryState, StoredMessage } from '@/db/chat-schema'

export interface PumpSender {
  readonly registered: boolean
  /** Changes at every new registration. */
  readonly registration: number
  send(request: SendRequest): Promise<DeliveryOutcome>
}

export interface PumpStore {
  outbox(): Promise<StoredMessage[]>
  complete(messageId: number, state: DeliveryState, reason?: string): Promise<boolean>
}

export type PumpListener = (messageId: number, state: DeliveryState, reason?: string) => void

export const WINDOW = 64

export class OutboxPump {
  private running = false
  private again = false
  private epoch = -1
  private active = 0
  private waiting: (() => void)[] = []
  /** messageId → the epoch it was last sent in. */
  private readonly sentIn = new Map<number, number>()
  /** Outbox reads begun so far. */
  private reads = 0
  /**
   * messageId → the last outbox read begun before its final outcome was stored: such a read
   * may still list it (a new message's read racing an answer), and must not send it twice.
   */
  private readonly finishedAfterRead = new Map<number, number>()

  constructor(
    private readonly sender: PumpSender,
    private readonly store: PumpStore,
    private readonly onOutcome: PumpListener,
  ) {}

  /** Something changed (a new entry, a registration): send what can be sent. */
  kick(): void {
    void this.run()
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.again = true
      return
    }
    this.running = true
    try {
      do {
        this.again = false
        if (!this.sender.registered) return
        const epoch = this.sender.registration
        if (epoch !== this.epoch) {
          // Old sends no longer hold window slots: their connection is gone.
          this.epoch = epoch
          this.active = 0
          this.release()
        }
        const read = ++this.reads
        const outbox = await this.store.outbox()
        // A read begun after an outcome was stored lists the message only if it was retried.
        for (const [id, before] of this.finishedAfterRead) {
          if (before < read) this.finishedAfterRead.delete(id)
        }
        for (const message of outbox) {
          if (this.sentIn.get(message.id!) === epoch) continue
          if (this.finishedAfterRead.has(message.id!)) continue
          while (this.active >= WINDOW && epoch === this.sender.registration) {
            await new Promise<void>((resolve) => this.waiting.push(resolve))
          }
          if (epoch !== this.sender.registration || !this.sender.registered) break
          this.launch(message, epoch)
        }
      } while (this.again)
    } finally {
      this.running = false
    }
  }

  private launch(message: StoredMessage, epoch: number): void {
    const id = message.id!
    this.sentIn.set(id, epoch)
    this.active += 1
    void this.sender
      .send({
        target: message.peer,
        body: message.body,
        contentType: message.contentType,
        callId: message.callId ?? `sb-${id}`,
        at: message.at,
      })
      .then((outcome) => this.settle(id, epoch, outcome))
  }

  private async settle(id: number, epoch: number, outcome: DeliveryOutcome): Promise<void> {
    if (epoch === this.epoch) {
      this.active = Math.max(0, this.active - 1)
      this.release()
    }
    if (outcome.kind === 'retry') {
      // Stays in the outbox; the next registration sends it again.
      if (this.sentIn.get(id) === epoch) this.sentIn.delete(id)
      if (this.sender.registered && this.sender.registration !== epoch) this.kick()
      return
    }
    const state: DeliveryState = outcome.kind
    const reason = outcome.kind === 'failed' ? outcome.reason : undefined
    if (await this.store.complete(id, state, reason)) {
      this.sentIn.delete(id)
      this.finishedAfterRead.set(id, this.reads)
      this.onOutcome(id, state, reason)
    }
  }

  private release(): void {
    for (const resolve of this.waiting.splice(0)) resolve()
  }
}
