// Serialises writes and groups those that pile up into one IndexedDB transaction. A burst of
// 1000 messages would otherwise cost 1000 transactions (each a commit to disk) and thousands of
// single-record operations; here the first write goes alone, and whatever arrived meanwhile goes
// in the next single commit, consecutive writes of one kind as one bulk operation. Each caller's
// promise resolves only after the commit that holds its write.

export type Transact = (work: () => Promise<void>) => Promise<void>

/** Writes many inputs of one kind at once; returns one result per input, in order. */
export type BulkWriter<I, O> = (inputs: I[]) => Promise<O[]>

interface Pending {
  writer: BulkWriter<unknown, unknown>
  input: unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export class WriteQueue {
  private queue: Pending[] = []
  private flushing = false

  constructor(
    private readonly transact: Transact,
    private readonly maxBatch = 1000,
  ) {}

  run<I, O>(writer: BulkWriter<I, O>, input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({
        writer: writer as BulkWriter<unknown, unknown>,
        input,
        resolve: resolve as (value: unknown) => void,
        reject,
      })
      void this.flush()
    })
  }

  private async flush(): Promise<void> {
    if (this.flushing) return
    this.flushing = true
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch)
        const results: unknown[] = []
        try {
          await this.transact(async () => {
            // Consecutive writes of the same kind keep their order and go as one bulk call.
            for (let start = 0; start < batch.length;) {
              const writer = batch[start]!.writer
              let end = start + 1
              while (end < batch.length && batch[end]!.writer === writer) end++
              const inputs = batch.slice(start, end).map((p) => p.input)
              results.push(...(await writer(inputs)))
              start = end
            }
          })
          batch.forEach((item, i) => item.resolve(results[i]))
        } catch (error) {
          for (const item of batch) item.reject(error)
        }
      }
    } finally {
      this.flushing = false
    }
  }
}
