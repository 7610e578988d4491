// Before answering, learn whether the microphone (and camera) can be had at all. SIP.js answers a
// failed getUserMedia with 488 "Not Acceptable Here", which tells the caller their media was
// incompatible when in fact our microphone is blocked or missing: knowing first lets the call
// refuse with 480 and the callee read the real reason. enumerateDevices can take 100+ ms, so the
// answer is kept up to date in the background (MediaReadiness), never awaited while answering.
import type { CallEndReason } from './call-end'

/** The few parts of `navigator` the check reads (a fake in unit tests). */
export interface MediaEnvironment {
  permissions?: {
    query(descriptor: { name: PermissionName }): Promise<{
      state: PermissionState
      addEventListener?(type: 'change', listener: () => void): void
    }>
  }
  mediaDevices?: {
    enumerateDevices(): Promise<{ kind: MediaDeviceKind }[]>
    addEventListener?(type: 'devicechange', listener: () => void): void
  }
}

export type MediaBlocker = Extract<CallEndReason, 'media-denied' | 'media-absent'>

/**
 * Why the media a call needs cannot be had, or null when it may be (the final word is still
 * getUserMedia's). Unknowns count as "may be": a browser without the Permissions API for
 * `microphone`, or an enumerateDevices that fails, must not block a call.
 */
export async function mediaBlocker(
  env: MediaEnvironment,
  video: boolean,
): Promise<MediaBlocker | null> {
  const kinds: { permission: PermissionName; device: MediaDeviceKind }[] = [
    { permission: 'microphone' as PermissionName, device: 'audioinput' },
    ...(video ? [{ permission: 'camera' as PermissionName, device: 'videoinput' as const }] : []),
  ]
  const [states, devices] = await Promise.all([
    Promise.all(kinds.map((k) => permissionState(env, k.permission))),
    env.mediaDevices?.enumerateDevices().catch(() => null) ?? Promise.resolve(null),
  ])
  if (states.includes('denied')) return 'media-denied'
  if (devices !== null && devices.length > 0) {
    // Before permission, Chromium lists one entry per kind with an empty id, so kinds still show.
    const missing = kinds.some((k) => !devices.some((d) => d.kind === k.device))
    if (missing) return 'media-absent'
  }
  return null
}

async function permissionState(
  env: MediaEnvironment,
  name: PermissionName,
): Promise<PermissionState | null> {
  try {
    return (await env.permissions?.query({ name }))?.state ?? null
  } catch {
    return null
  }
}

/**
 * mediaBlocker's answers for audio and video calls, refreshed when a permission or the set of
 * devices changes. Until the first check finishes it knows nothing and blocks nothing.
 */
export class MediaReadiness {
  private known: { audio: MediaBlocker | null; video: MediaBlocker | null } = {
    audio: null,
    video: null,
  }
  private started = false
  private generation = 0

  constructor(private readonly env: MediaEnvironment) {}

  /** Starts watching (once); cheap to call on every sign-in. */
  start(): void {
    if (this.started) return
    this.started = true
    const refresh = (): void => void this.refresh()
    this.env.mediaDevices?.addEventListener?.('devicechange', refresh)
    for (const name of ['microphone', 'camera'] as PermissionName[]) {
      void this.env.permissions
        ?.query({ name })
        .then((status) => status.addEventListener?.('change', refresh))
        .catch(() => undefined)
    }
    refresh()
  }

  /** What blocks a call now, as far as known. */
  blocker(video: boolean): MediaBlocker | null {
    return video ? this.known.video : this.known.audio
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation
    const [audio, video] = await Promise.all([
      mediaBlocker(this.env, false),
      mediaBlocker(this.env, true),
    ])
    // A slower, older check must not overwrite a newer one.
    if (generation === this.generation) this.known = { audio, video }
  }
}
