import { connect, type Socket } from 'node:net'

// baresip's ctrl_tcp module: JSON objects framed as netstrings ("<length>:<json>,") both ways.
// We send {command, params, token}; it answers {response: true, ok, data, token} and pushes
// {event: true, type, class, peeruri, ...} for registrations and calls.

export interface BaresipEvent {
  type: string
  class?: string
  accountaor?: string
  direction?: string
  peeruri?: string
  param?: string
  [key: string]: unknown
}

export interface BaresipResponse {
  ok: boolean
  data: string
}

interface Pending {
  resolve: (response: BaresipResponse) => void
  reject: (error: Error) => void
}

/** Splits a byte stream into netstring payloads; keeps an incomplete tail for the next chunk. */
export class NetstringReader {
  private buffer = Buffer.alloc(0)

  push(chunk: Buffer): string[] {
    this.buffer = Buffer.concat([this.buffer, chunk])
    const out: string[] = []
    for (;;) {
      const colon = this.buffer.indexOf(':')
      if (colon < 0) break
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'))
      if (!Number.isInteger(length) || length < 0) {
        throw new Error(
          `bad netstring length ${JSON.stringify(this.buffer.subarray(0, colon).toString())}`,
        )
      }
      const end = colon + 1 + length
      if (this.buffer.length < end + 1) break
      if (this.buffer[end] !== 0x2c) throw new Error('netstring not terminated by ","')
      out.push(this.buffer.subarray(colon + 1, end).toString('utf8'))
      this.buffer = this.buffer.subarray(end + 1)
    }
    return out
  }
}

export function netstring(text: string): Buffer {
  const body = Buffer.from(text, 'utf8')
  return Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body, Buffer.from(',')])
}

export class BaresipControl {
  /** Every event baresip sent so far, oldest first. */
  readonly events: BaresipEvent[] = []
  private readonly pending = new Map<string, Pending>()
  private readonly waiters = new Set<() => void>()
  private nextToken = 1
  private closed: Error | undefined

  private constructor(private readonly socket: Socket) {
    const reader = new NetstringReader()
    socket.on('data', (chunk: Buffer) => {
      for (const text of reader.push(chunk)) this.receive(text)
    })
    socket.on('error', (error) => this.close(error))
    socket.on('close', () => this.close(new Error('baresip control connection closed')))
  }

  /** Connects once baresip listens; retries until `timeoutMs` (it starts in well under 1 s). */
  static async connect(port: number, timeoutMs: number): Promise<BaresipControl> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s))
          s.once('error', reject)
        })
        return new BaresipControl(socket)
      } catch (error) {
        if (Date.now() > deadline) throw error
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  }

  /** Runs one of baresip's commands (menu module: dial, accept, hangup, callstat, ...). */
  command(command: string, params = ''): Promise<BaresipResponse> {
    if (this.closed) return Promise.reject(this.closed)
    const token = String(this.nextToken++)
    return new Promise((resolve, reject) => {
      this.pending.set(token, { resolve, reject })
      this.socket.write(netstring(JSON.stringify({ command, params, token })))
    })
  }

  /** Resolves with the first event (already seen or still to come) from index `from` on. */
  async waitForEvent(
    match: (event: BaresipEvent) => boolean,
    timeoutMs: number,
    from = 0,
  ): Promise<BaresipEvent> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = this.events.slice(from).find(match)
      if (found) return found
      if (this.closed) throw this.closed
      const left = deadline - Date.now()
      if (left <= 0) {
        const seen = this.events.map((e) => e.type).join(', ')
        throw new Error(`baresip: no matching event within ${timeoutMs} ms (seen: ${seen})`)
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer)
          this.waiters.delete(wake)
          resolve()
        }
        const timer = setTimeout(wake, left)
        this.waiters.add(wake)
      })
    }
  }

  end(): void {
    this.socket.destroy()
  }

  private receive(text: string): void {
    let message: Record<string, unknown>
    try {
      message = JSON.parse(text) as Record<string, unknown>
    } catch {
      return // not ours to judge; baresip only sends JSON here
    }
    if (message.response === true && typeof message.token === 'string') {
      const pending = this.pending.get(message.token)
      this.pending.delete(message.token)
      pending?.resolve({ ok: message.ok === true, data: String(message.data ?? '') })
    } else if (message.event === true) {
      this.events.push(message as BaresipEvent)
      for (const wake of [...this.waiters]) wake()
    }
  }

  private close(error: Error): void {
    if (this.closed) return
    this.closed = error
    for (const p of this.pending.values()) p.reject(error)
    this.pending.clear()
    for (const wake of [...this.waiters]) wake()
  }
}
