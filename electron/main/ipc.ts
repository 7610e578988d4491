// The IPC handler wrapper. Every invoke: the sender must be our page (own origin, top frame, our
// window), the payload must parse with the contract's schema, and only then is the module
// called; it returns plain data. Pushes to the renderer wait in a queue until it says `app:ready`.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { invokePayloadSchemas } from '@shared/ipc/invoke'
import type { InvokeChannel, InvokeResult, ParsedInvokePayload } from '@shared/ipc/invoke'
import type { PushEvent, PushPayloads } from '@shared/ipc/push'
import { redactText } from './log'
import type { Logger } from './log'
import { isOwnOrigin } from './security'

export type InvokeHandler<C extends InvokeChannel> = (
  payload: ParsedInvokePayload<C>,
) => InvokeResult<C> | Promise<InvokeResult<C>>

/** One handler per channel; `app:ready` belongs to this module. */
export type InvokeHandlers = { [C in Exclude<InvokeChannel, 'app:ready'>]: InvokeHandler<C> }

/** What the sender check looks at, taken from an IpcMainInvokeEvent. */
export interface SenderInfo {
  webContentsId: number
  /** Null when the frame navigated away or was destroyed before we looked. */
  frameUrl: string | null
  isMainFrame: boolean
}

export function senderInfo(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): SenderInfo {
  const frame = event.senderFrame
  return {
    webContentsId: event.sender.id,
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame ? frame.parent === null : false,
  }
}

/** Our page: the top frame of our window, showing our origin. */
export function isTrustedSender(
  sender: SenderInfo,
  ownOrigins: readonly string[],
  ownWebContentsId: number | null,
): boolean {
  return (
    ownWebContentsId !== null &&
    sender.webContentsId === ownWebContentsId &&
    sender.isMainFrame &&
    isOwnOrigin(sender.frameUrl, ownOrigins)
  )
}

/** A short, value-free description of why a payload was refused (never echoes a password). */
export function describeIssues(
  issues: readonly { path: PropertyKey[]; message: string }[],
): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.')
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join('; ')
}

type PushTarget = Pick<WebContents, 'id' | 'send' | 'isDestroyed'>

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  ownOrigins: readonly string[]
  /** Our window's web contents, or null while there is no window. */
  getWebContents: () => PushTarget | null
  log: Logger
  /** Oldest pushes are dropped beyond this. */
  maxQueue?: number
}

export interface Ipc {
  register(handlers: InvokeHandlers): void
  push<E extends PushEvent>(
    event: E,
    ...payload: PushPayloads[E] extends undefined ? [] : [PushPayloads[E]]
  ): void
  /** Our page is being replaced or crashed: pushes queue again until the new one is ready. */
  notReady(): void
  dispose(): void
}

export function createIpc({
  ipcMain,
  ownOrigins,
  getWebContents,
  log,
  maxQueue = 100,
}: IpcOptions): Ipc {
  const registered: InvokeChannel[] = []
  const queue: { event: PushEvent; payload: unknown }[] = []
  let ready = false

  function handle<C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>): void {
    const schema = invokePayloadSchemas[channel]
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      const contents = getWebContents()
      if (!isTrustedSender(senderInfo(event), ownOrigins, contents?.id ?? null)) {
        log.warn(`${channel}: refused a message from ${event.senderFrame?.url ?? 'a gone frame'}`)
        throw new Error(`${channel}: refused, the sender is not the Switchboard window`)
      }
      if (args.length > 1) {
        log.warn(`${channel}: refused ${args.length} arguments`)
        throw new Error(`${channel}: invalid payload: expected one argument at most`)
      }
      const parsed = schema.safeParse(args[0])
      if (!parsed.success) {
        const why = describeIssues(parsed.error.issues)
        log.warn(`${channel}: invalid payload: ${why}`)
        throw new Error(`${channel}: invalid payload: ${why}`)
      }
      try {
        return await handler(parsed.data as ParsedInvokePayload<C>)
      } catch (error) {
        log.error(`${channel} failed`, error)
        const message = error instanceof Error ? redactText(error.message) : 'unknown error'
        throw new Error(`${channel} failed: ${message}`, { cause: error })
      }
    })
    registered.push(channel)
  }

  function flush(): void {
    const contents = getWebContents()
    if (!ready || !contents || contents.isDestroyed()) return
    for (const { event, payload } of queue.splice(0)) contents.send(event, payload)
  }

  return {
    register(handlers) {
      handle('app:ready', () => {
        ready = true
        flush()
        return undefined
      })
      for (const channel of Object.keys(handlers) as (keyof InvokeHandlers)[]) {
        handle(channel, handlers[channel] as InvokeHandler<typeof channel>)
      }
    },

    push(event, ...payload) {
      queue.push({ event, payload: payload[0] })
      if (queue.length > maxQueue) {
        const dropped = queue.splice(0, queue.length - maxQueue)
        log.warn(`push queue full: dropped ${dropped.length} oldest`)
      }
      flush()
    },

    notReady() {
      ready = false
    },

    dispose() {
      for (const channel of registered.splice(0)) ipcMain.removeHandler(channel)
      queue.length = 0
      ready = false
    },
  }
}
