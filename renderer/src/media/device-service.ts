// The machine's media devices as Switchboard uses them: the current list (refreshed on
// `devicechange`), the user's choices, and opening the chosen microphone and camera with a
// fallback to the default device when the chosen one is gone. Framework-free: the devices store
// wraps it for the UI, the calls module opens media through it.
import { TypedEmitter } from '@/lib/emitter'
import {
  INPUT_ROLE,
  ROLE_KIND,
  defaultChoices,
  isMissingDeviceError,
  resolveChoice,
  trackConstraint,
} from './devices'
import type { DeviceChoice, DeviceChoices, DeviceInfo, DeviceRole, InputRole } from './devices'

/** The part of navigator.mediaDevices used here (fakes in tests). */
export interface MediaDevicesLike {
  enumerateDevices(): Promise<readonly DeviceInfo[]>
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>
  addEventListener(type: 'devicechange', listener: () => void): void
  removeEventListener(type: 'devicechange', listener: () => void): void
}

/** What the calls module needs to open media (so it can be faked without devices). */
export interface MediaInput {
  open(want: MediaWant): Promise<OpenedMedia>
  /** Whether a capture device of this id is plugged in, as far as the last list knows. */
  has(deviceId: string): boolean
  /** The device list changed (plugged, unplugged, permission granted). */
  onDevices(listener: (devices: readonly DeviceInfo[]) => void): () => void
}

export interface MediaWant {
  audio: boolean
  video: boolean
}

export interface OpenedMedia {
  stream: MediaStream
  /** Chosen devices that were not there: the default was opened instead. */
  fellBack: InputRole[]
}

interface ServiceEvents {
  devices: readonly DeviceInfo[]
}

export class MediaDevicesService implements MediaInput {
  private infos: readonly DeviceInfo[] = []
  private choices: DeviceChoices = defaultChoices()
  private readonly events: TypedEmitter<ServiceEvents>
  private readonly onChange = (): void => void this.refresh()
  private refreshing: Promise<readonly DeviceInfo[]> | undefined

  constructor(
    private readonly media: MediaDevicesLike | undefined,
    private readonly log: (message: string) => void = (m) => console.warn(`[devices] ${m}`),
  ) {
    this.events = new TypedEmitter((error) => this.log(`listener threw: ${String(error)}`))
  }

  /** Follows `devicechange` and reads the list once; returns a function that stops following. */
  start(): () => void {
    this.media?.addEventListener('devicechange', this.onChange)
    void this.refresh()
    return () => this.media?.removeEventListener('devicechange', this.onChange)
  }

  get devices(): readonly DeviceInfo[] {
    return this.infos
  }

  /** Reads the list again (after permission is granted labels appear). Never rejects. */
  refresh(): Promise<readonly DeviceInfo[]> {
    // Overlapping calls share one read: devicechange often fires several times in a row.
    this.refreshing ??= this.read().finally(() => {
      this.refreshing = undefined
    })
    return this.refreshing
  }

  onDevices(listener: (devices: readonly DeviceInfo[]) => void): () => void {
    return this.events.on('devices', listener)
  }

  setChoice(role: DeviceRole, choice: DeviceChoice): void {
    this.choices = { ...this.choices, [role]: { ...choice } }
  }

  choice(role: DeviceRole): DeviceChoice {
    return { ...this.choices[role] }
  }

  /** The device id a role uses now, or null for the system default. */
  resolved(role: DeviceRole): string | null {
    return resolveChoice(this.choices[role], this.infos, ROLE_KIND[role])
  }

  /** For HTMLMediaElement.setSinkId: '' is the system default. */
  sinkId(role: 'speaker' | 'ringer'): string {
    return this.resolved(role) ?? ''
  }

  has(deviceId: string): boolean {
    // No list yet (or listing failed): nothing is known to be gone.
    return this.infos.length === 0 || this.infos.some((d) => d.deviceId === deviceId)
  }

  /**
   * Opens the chosen microphone and/or camera. A chosen device that is not there (unplugged, or
   * its id changed and no device has its label) falls back to the default device, reported in
   * `fellBack`; a refusal (permission, hardware busy on the default too) rejects.
   */
  async open(want: MediaWant): Promise<OpenedMedia> {
    const media = this.media
    if (!media) throw new Error('Media devices are not available (an insecure page?)')
    if (!want.audio && !want.video) return { stream: new MediaStream(), fellBack: [] }
    const chosen = this.ids(want)
    try {
      const stream = await media.getUserMedia(this.constraints(want, chosen))
      // The first access granted is when the browser starts naming devices; only the kinds
      // just opened (a microphone names outputs too). A camera never granted stays nameless, and
      // re-reading the list for it on every audio call put a device listing in each answer.
      const named = namedBy(want)
      if (this.infos.some((d) => d.label === '' && named.includes(d.kind))) void this.refresh()
      return { stream, fellBack: [] }
    } catch (error) {
      if (!isMissingDeviceError(error) || (chosen.audio === null && chosen.video === null))
        throw error
      this.log(`chosen device could not be opened (${describe(error)}); trying again`)
    }
    // The list may be stale (unplugged a moment ago): read it, resolve again (a device whose id
    // changed is found by label), and only then give up on the choice for the default.
    await this.refresh()
    const again = this.ids(want)
    const changed = again.audio !== chosen.audio || again.video !== chosen.video
    if (changed && (again.audio !== null || again.video !== null)) {
      try {
        const stream = await media.getUserMedia(this.constraints(want, again))
        return { stream, fellBack: fellBackRoles(chosen, again) }
      } catch (error) {
        if (!isMissingDeviceError(error)) throw error
      }
    }
    const none = { audio: null, video: null }
    const stream = await media.getUserMedia(this.constraints(want, none))
    return { stream, fellBack: fellBackRoles(chosen, none) }
  }

  private ids(want: MediaWant): { audio: string | null; video: string | null } {
    return {
      audio: want.audio ? this.resolved(INPUT_ROLE.audio) : null,
      video: want.video ? this.resolved(INPUT_ROLE.video) : null,
    }
  }

  private constraints(
    want: MediaWant,
    ids: { audio: string | null; video: string | null },
  ): MediaStreamConstraints {
    return {
      audio: trackConstraint(want.audio, ids.audio),
      video: trackConstraint(want.video, ids.video),
    }
  }

  private async read(): Promise<readonly DeviceInfo[]> {
    if (!this.media) return this.infos
    try {
      const listed = await this.media.enumerateDevices()
      // Plain copies: MediaDeviceInfo objects are live browser objects.
      this.infos = listed.map(({ kind, deviceId, label }) => ({ kind, deviceId, label }))
      this.events.emit('devices', this.infos)
    } catch (error) {
      this.log(`listing devices failed: ${describe(error)}`)
    }
    return this.infos
  }
}

/** The kinds of device a granted `want` lets the browser name. */
function namedBy(want: MediaWant): MediaDeviceKind[] {
  return [
    ...(want.audio ? (['audioinput', 'audiooutput'] as const) : []),
    ...(want.video ? (['videoinput'] as const) : []),
  ]
}

function fellBackRoles(
  chosen: { audio: string | null; video: string | null },
  used: { audio: string | null; video: string | null },
): InputRole[] {
  const roles: InputRole[] = []
  // A device found again under a new id (by its label) is the one chosen: no fallback.
  if (chosen.audio !== null && used.audio === null) roles.push(INPUT_ROLE.audio)
  if (chosen.video !== null && used.video === null) roles.push(INPUT_ROLE.video)
  return roles
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
