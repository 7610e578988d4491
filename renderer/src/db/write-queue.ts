// Serialises writes and groups those that pile up into one IndexedDB transaction. A burst of
// 1000 incoming messages would otherwise cost 1000 transactions (each a commit to disk); here
// the first write goes alone and whatever arrived meanwhile goes in the next single commit.
// Each caller's promise resolves only after the commit that holds its write.

export type Transact = (work: () => Promise<void>) => Promise<void>

interface Pending {
  op: () => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export class WriteQueue {
  private queue: Pending[] = []
  private flushing = false

  constructor(
    private readonly transact: Transact,
    private readonly maxBatch = 500,
  ) {}

  run<T>(op: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (value: unknown) => void, reject })
      void this.flush()
    })
  }

  private async flush(): Promise<void> {
    if (this.flushing) return
    this.flushing = true
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch)
        const results: { value?: unknown; error?: unknown; failed: boolean }[] = []
        try {
          await this.transact(async () => {
            for (const item of batch) {
              try {
                results.push({ value: await item.op(), failed: false })
              } catch (error) {
                // Our ops check before they write, so this is a bug or a full disk: fail the batch.
                results.push({ error, failed: true })
                throw error
              }
            }
          })
          batch.forEach((item, i) => item.resolve(results[i]?.value))
        } catch (error) {
          for (const item of batch) item.reject(error)
        }
      }
    } finally {
      this.flushing = false
    }
  }
}
