// The engine's feature modules (calls, messaging, presence…): which are in use, which are
// attached to the current UserAgent, the one delegate they make together, and taking them off
// again. The engine decides when; this keeps the bookkeeping and the error handling.

import { Web } from 'sip.js'
import type { UserAgent } from 'sip.js'
import { composeDelegate } from './extension'
import type { EngineExtension, EngineView, ExtensionAttachment } from './extension'
import type { EngineLogger } from './log'
import type { SipAccount } from './types'

interface Attached {
  extension: EngineExtension
  attachment: ExtensionAttachment | undefined
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export class ModuleHost {
  private readonly extensions: EngineExtension[]
  private attached: Attached[] = []

  constructor(
    private readonly log: EngineLogger,
    initial: readonly EngineExtension[] = [],
  ) {
    this.extensions = [...initial]
  }

  /** Every module in use, in the order they came. */
  get all(): readonly EngineExtension[] {
    return this.extensions
  }

  /** True while losing the connection costs the user something now (see ExtensionAttachment). */
  urgent(): boolean {
    return this.attached.some(({ attachment }) => attachment?.urgent?.() === true)
  }

  /** Local media through the module that opens it (chosen devices), else plain getUserMedia. */
  openMedia(...args: Parameters<Web.MediaStreamFactory>): Promise<MediaStream> {
    const opener = this.extensions.find((e) => e.mediaStreamFactory)?.mediaStreamFactory
    return (opener ?? Web.defaultMediaStreamFactory())(...args)
  }

  /**
   * Adds a module; attaches it now when there is a UserAgent. Returns the attach error (the
   * module is then not in use), or a function that detaches and removes it.
   */
  add(
    extension: EngineExtension,
    current: { ua: UserAgent; account: SipAccount; engine: EngineView } | undefined,
  ): { error: Error } | { remove: (ua: UserAgent | undefined) => void } {
    this.extensions.push(extension)
    if (current) {
      const error = this.attach(current.ua, extension, current.account, current.engine)
      if (error) {
        this.extensions.splice(this.extensions.indexOf(extension), 1)
        return { error }
      }
    }
    return { remove: (ua) => this.remove(extension, ua) }
  }

  attach(
    ua: UserAgent,
    extension: EngineExtension,
    account: SipAccount,
    engine: EngineView,
  ): Error | undefined {
    try {
      const attachment = extension.attach({ userAgent: ua, account, engine }) ?? undefined
      const entry = { extension, attachment }
      this.attached.push(entry)
      try {
        ua.delegate = this.delegate()
      } catch (error) {
        this.attached = this.attached.filter((a) => a !== entry)
        attachment?.detach?.()
        throw error
      }
      return undefined
    } catch (error) {
      this.log.error(`Extension ${extension.name} could not attach: ${describeError(error)}`)
      return error instanceof Error ? error : new Error(String(error))
    }
  }

  /** Detaches every module from `ua` (their detach may be async; see ExtensionAttachment). */
  detachAll(ua: UserAgent): Promise<void> {
    const attached = this.attached
    this.attached = []
    ua.delegate = composeDelegate([])
    const detaching = attached.map(({ extension, attachment }) =>
      Promise.resolve()
        .then(() => attachment?.detach?.())
        .catch((error: unknown) =>
          this.log.error(`${extension.name} detach failed: ${describeError(error)}`),
        ),
    )
    return Promise.all(detaching).then(() => undefined)
  }

  private remove(extension: EngineExtension, ua: UserAgent | undefined): void {
    const index = this.extensions.indexOf(extension)
    if (index >= 0) this.extensions.splice(index, 1)
    const entry = this.attached.find((a) => a.extension === extension)
    if (!entry) return
    this.attached = this.attached.filter((a) => a !== entry)
    if (ua) ua.delegate = this.delegate()
    Promise.resolve()
      .then(() => entry.attachment?.detach?.())
      .catch((error: unknown) =>
        this.log.error(`${extension.name} detach failed: ${describeError(error)}`),
      )
  }

  private delegate(): ReturnType<typeof composeDelegate> {
    return composeDelegate(
      this.attached.map(({ extension, attachment }) => ({
        name: extension.name,
        delegate: attachment?.delegate,
      })),
    )
  }
}
