// Moves live calls from one microphone or camera to another without renegotiating: when the user
// picks another device, and when the device a call uses goes away (its track ends, or it drops
// out of the device list) — then the call falls back to the default device and stays up.
import type { MediaInput } from '../media/device-service'
import { INPUT_ROLE } from '../media/devices'
import type { InputRole } from '../media/devices'

export type InputKind = 'audio' | 'video'

export interface LocalInput {
  kind: InputKind
  /** The capture device the track came from ('' when the browser does not say). */
  deviceId: string
  live: boolean
}

/** A call as the switcher sees it (Call implements it). */
export interface SwitchableCall {
  readonly id: string
  /** The local tracks the call sends now. */
  localInputs(): LocalInput[]
  /** Sends the stream's tracks in place of the current ones (RTCRtpSender.replaceTrack). */
  replaceInput(stream: MediaStream): Promise<boolean>
}

/** Told to the user: a device went away mid-call, or a chosen one was missing at call start. */
export interface DeviceNotice {
  kind: 'lost' | 'missing'
  role: InputRole
}

export class InputSwitcher {
  /** Per call and kind, the switch in progress: an `ended` and a `devicechange` come together. */
  private readonly pending = new Map<string, Promise<void>>()

  constructor(
    private readonly media: MediaInput,
    private readonly notify: (notice: DeviceNotice) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** The user chose another device for a kind: every call sending that kind moves to it. */
  async switchAll(calls: readonly SwitchableCall[], kind: InputKind): Promise<void> {
    await Promise.all(
      calls
        .filter((call) => call.localInputs().some((input) => input.kind === kind))
        .map((call) => this.switchOne(call, kind, 'chosen')),
    )
  }

  /** A call's track of this kind ended (device unplugged): reopen, falling back to the default. */
  recover(call: SwitchableCall, kind: InputKind): Promise<void> {
    return this.switchOne(call, kind, 'lost')
  }

  /** The device list changed: calls whose device is no longer listed move to the default. */
  async check(calls: readonly SwitchableCall[]): Promise<void> {
    const moves: Promise<void>[] = []
    for (const call of calls) {
      for (const input of call.localInputs()) {
        const gone = !input.live || (input.deviceId !== '' && !this.media.has(input.deviceId))
        if (gone) moves.push(this.switchOne(call, input.kind, 'lost'))
      }
    }
    await Promise.all(moves)
  }

  private switchOne(call: SwitchableCall, kind: InputKind, why: 'chosen' | 'lost'): Promise<void> {
    const key = `${call.id}/${kind}`
    const running = this.pending.get(key)
    // One recovery is enough for an `ended` and a `devicechange` together; a device the user
    // chose meanwhile goes after whatever is running, so the choice is what the call ends with.
    if (running && why === 'lost') return running
    const work = (running ?? Promise.resolve())
      .then(() => this.reopen(call, kind, why))
      .finally(() => {
        if (this.pending.get(key) === work) this.pending.delete(key)
      })
    this.pending.set(key, work)
    return work
  }

  private async reopen(
    call: SwitchableCall,
    kind: InputKind,
    why: 'chosen' | 'lost',
  ): Promise<void> {
    const role = INPUT_ROLE[kind]
    try {
      const { stream, fellBack } = await this.media.open({
        audio: kind === 'audio',
        video: kind === 'video',
      })
      const replaced = await call.replaceInput(stream)
      if (!replaced) return
      // Unplugged: always said (the call now uses another device). Chosen: only when the choice
      // could not be honoured.
      if (why === 'lost') this.notify({ kind: 'lost', role })
      else if (fellBack.includes(role)) this.notify({ kind: 'missing', role })
    } catch (error) {
      this.log(`Could not switch the ${role} of call ${call.id}: ${describe(error)}`)
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
